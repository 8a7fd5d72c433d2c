import { Injectable } from '@nestjs/common';
import { CountedPage, Tier as TierView, TierQuery, TierSort, TierUpsertRequest } from '@huiyuan/shared-types';
import { AuditTrail } from '../audit/audit-trail';
import type { StaffPrincipal } from '../common/auth/principal';
import { isDuplicateKeyError } from '../common/db/db-errors';
import { TransactionRunner } from '../common/db/transaction-runner';
import { TiersRepository } from './tiers.repository';
import { TiersService } from './tiers.service';
import { invalidField } from '../common/errors/invalid-field';
import { tierRankTaken } from './tiers.errors';

const TIER_ORDER: Record<TierSort, (a: TierView, b: TierView) => number> = {
  rank_asc: (a, b) => a.rank - b.rank,
  rank_desc: (a, b) => b.rank - a.rank,
  entry_growth_desc: (a, b) => b.entryGrowth - a.entryGrowth || b.rank - a.rank,
};

/** A page of the tiers: the programme has at most 20 and keeps them cached, so they are cut in memory. */
export function tierPage(tiers: TierView[], query: TierQuery): CountedPage<TierView> {
  const q = query.q?.trim().toLowerCase();
  const matching = (q ? tiers.filter((t) => t.name.toLowerCase().includes(q) || t.code.toLowerCase().includes(q)) : [...tiers]).sort(TIER_ORDER[query.sort ?? TierSort.RANK_ASC]);
  const offset = query.cursor ? Number(query.cursor) : 0;
  const items = matching.slice(offset, offset + (query.limit ?? 20));
  const next = offset + items.length;
  return { items, total: matching.length, nextCursor: next < matching.length ? String(next) : null };
}

/** HQ edits tiers as data; every change is audited. */
@Injectable()
export class TierSettingsService {
  constructor(
    private readonly repository: TiersRepository,
    private readonly tx: TransactionRunner,
    private readonly tiers: TiersService,
    private readonly audit: AuditTrail,
  ) {}

  async list(query: TierQuery): Promise<CountedPage<TierView>> {
    return tierPage((await this.tiers.all()).map((t) => this.tiers.toView(t)), query);
  }

  async upsert(actor: StaffPrincipal | null, request: TierUpsertRequest, requestId?: string): Promise<TierView> {
    if (!/^[A-Z0-9_]{2,16}$/.test(request.code)) throw invalidField('code', '2–16 capital letters, digits or _');
    if (request.retainGrowth > request.entryGrowth) throw invalidField('retainGrowth', 'must not exceed entryGrowth');
    const values = {
      code: request.code,
      name: request.name,
      rank: request.rank,
      entryGrowth: request.entryGrowth,
      retainGrowth: request.retainGrowth,
      discountPercent: request.benefits.discountPercent,
      pointsMultiplierPct: Math.round(request.benefits.pointsMultiplier * 100),
      birthdayBonusPoints: request.benefits.birthdayBonusPoints,
      perksJson: JSON.stringify(request.benefits.perks),
      cardColor: request.cardColor,
    };
    try {
      const saved = await this.tx.run(async (m) => {
        const before = await this.repository.byCode(m, request.code);
        if (before?.rank === 1 && request.entryGrowth !== 0) throw invalidField('entryGrowth', 'the base tier (rank 1) starts at 0');
        const result = await this.repository.save(m, values, before?.id ?? null);
        await this.audit.record(m, { staff: actor, requestId }, { action: before ? 'tier.update' : 'tier.create', targetType: 'tier', targetId: request.code, summary: `${before ? '修改' : '新增'}等级 ${request.name}`, before: before ?? undefined, after: values });
        return result;
      });
      this.tiers.invalidate();
      return this.tiers.toView(saved);
    } catch (error) {
      if (isDuplicateKeyError(error)) throw tierRankTaken(request.rank);
      throw error;
    }
  }
}
