import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { execute, insertRow, sqlDate } from '../common/db/sql';
import { Clock } from '../common/time/clock';
import { GrowthEntry } from './entities/growth-entry.entity';
import { Tier } from './entities/tier.entity';
import { TierChange } from './entities/tier-change.entity';
import { upgradedTier } from './tier-rules';
import { TiersService } from './tiers.service';

export interface GrowthResult {
  growth: number;
  tier: Tier;
  /** Set when this growth lifted the member to a higher tier. */
  upgradedFrom: Tier | null;
}

/**
 * Growth value and the tier it earns, inside the caller's transaction. Upgrades happen at once;
 * downgrades wait for the evaluation date (TierEvaluation). Spending points never lowers growth.
 */
@Injectable()
export class TierProgression {
  constructor(
    private readonly tiers: TiersService,
    private readonly clock: Clock,
  ) {}

  /** `visitAt` also records a store visit in the same statement (one UPDATE of the member row on the purchase path). */
  async addGrowth(manager: EntityManager, memberId: number, amount: number, source: { type: string; id: string | null }, options: { visitAt?: Date } = {}): Promise<GrowthResult> {
    const now = this.clock.now();
    if (amount !== 0 || options.visitAt) {
      // GREATEST/MAX differ between the drivers; CASE keeps growth at zero or above on both.
      const visit = options.visitAt ? ', last_visit_at = ?' : '';
      const params = options.visitAt ? [amount, amount, sqlDate(manager, options.visitAt), memberId] : [amount, amount, memberId];
      await execute(manager, `UPDATE members SET growth = CASE WHEN growth + ? < 0 THEN 0 ELSE growth + ? END${visit} WHERE id = ?`, params);
    }
    if (amount !== 0) await insertRow(manager, GrowthEntry, { memberId, amount, sourceType: source.type, sourceId: source.id, createdAt: now });
    const rows: Array<{ growth: number; tier_id: number }> = await manager.query('SELECT growth, tier_id FROM members WHERE id = ?', [memberId]);
    const growth = Number(rows[0]?.growth ?? 0);
    const current = await this.tiers.byId(Number(rows[0]?.tier_id));
    const next = amount > 0 ? upgradedTier(await this.tiers.all(), current.id, growth) : null;
    if (!next) return { growth, tier: current, upgradedFrom: null };
    await this.changeTier(manager, memberId, current, next, `成长值达到 ${next.entryGrowth}，升级为${next.name}`);
    return { growth, tier: next, upgradedFrom: current };
  }

  /** Growth the caller already added to the member row (with a points credit): the dated entry, and an upgrade if earned. */
  async recordGrowth(manager: EntityManager, memberId: number, amount: number, source: { type: string; id: string | null }, member: { growth: number; tierId: number }): Promise<GrowthResult> {
    if (amount !== 0) await insertRow(manager, GrowthEntry, { memberId, amount, sourceType: source.type, sourceId: source.id, createdAt: this.clock.now() });
    const current = await this.tiers.byId(member.tierId);
    const next = amount > 0 ? upgradedTier(await this.tiers.all(), current.id, member.growth) : null;
    if (!next) return { growth: member.growth, tier: current, upgradedFrom: null };
    await this.changeTier(manager, memberId, current, next, `成长值达到 ${next.entryGrowth}，升级为${next.name}`);
    return { growth: member.growth, tier: next, upgradedFrom: current };
  }

  async changeTier(manager: EntityManager, memberId: number, from: Tier, to: Tier, reason: string): Promise<void> {
    await execute(manager, 'UPDATE members SET tier_id = ? WHERE id = ? AND tier_id = ?', [to.id, memberId, from.id]);
    await insertRow(manager, TierChange, { memberId, fromTierId: from.id, toTierId: to.id, reason, createdAt: this.clock.now() });
  }
}
