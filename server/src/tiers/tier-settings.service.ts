import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorCode, Tier as TierView, TierPreview, TierUpsertRequest } from '@huiyuan/shared-types';
import { DataSource } from 'typeorm';
import { AuditTrail } from '../audit/audit-trail';
import type { StaffPrincipal } from '../common/auth/principal';
import { isDuplicateKeyError } from '../common/db/db-errors';
import { TransactionRunner } from '../common/db/transaction-runner';
import { AppError } from '../common/errors/app-error';
import { Tier } from './entities/tier.entity';
import { tierForGrowth } from './tier-rules';
import { TiersService } from './tiers.service';

/** HQ edits tiers as data; every change is audited. */
@Injectable()
export class TierSettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly tiers: TiersService,
    private readonly audit: AuditTrail,
  ) {}

  async list(): Promise<TierView[]> {
    return (await this.tiers.all()).map((t) => this.tiers.toView(t));
  }

  async upsert(actor: StaffPrincipal | null, request: TierUpsertRequest, requestId?: string): Promise<TierView> {
    if (!/^[A-Z0-9_]{2,16}$/.test(request.code)) throw new AppError(ErrorCode.VALIDATION_FAILED, 'code: 2–16 capital letters, digits or _');
    if (request.retainGrowth > request.entryGrowth) throw new AppError(ErrorCode.VALIDATION_FAILED, 'retainGrowth: must not exceed entryGrowth');
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
        const before = await m.findOneBy(Tier, { code: request.code });
        if (before?.rank === 1 && request.entryGrowth !== 0) throw new AppError(ErrorCode.VALIDATION_FAILED, 'entryGrowth: the base tier (rank 1) starts at 0');
        if (before) await m.update(Tier, { id: before.id }, values);
        else await m.insert(Tier, values);
        const result = await m.findOneByOrFail(Tier, { code: request.code });
        await this.audit.record(m, { staff: actor, requestId }, { action: before ? 'tier.update' : 'tier.create', targetType: 'tier', targetId: request.code, summary: `${before ? '修改' : '新增'}等级 ${request.name}`, before: before ?? undefined, after: values });
        return result;
      });
      this.tiers.invalidate();
      return this.tiers.toView(saved);
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new AppError(ErrorCode.CONFLICT, `Another tier already has rank ${request.rank}`);
      throw error;
    }
  }

  /** "If thresholds were X, how many members would be in each tier", computed from current growth values. */
  async preview(thresholds: Array<{ code: string; entryGrowth: number }>): Promise<TierPreview> {
    const tiers = (await this.tiers.all()).map((t) => ({ ...t, entryGrowth: thresholds.find((x) => x.code === t.code)?.entryGrowth ?? t.entryGrowth }));
    const rows: Array<{ growth: number; n: number }> = await this.dataSource.query("SELECT growth, COUNT(*) AS n FROM members WHERE status = 'active' GROUP BY growth");
    const counts = new Map(tiers.map((t) => [t.code, 0]));
    for (const row of rows) {
      const tier = tierForGrowth(tiers, Number(row.growth));
      counts.set(tier.code, (counts.get(tier.code) ?? 0) + Number(row.n));
    }
    return { counts: tiers.map((t) => ({ code: t.code, name: t.name, members: counts.get(t.code) ?? 0 })) };
  }
}
