import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { execute, forUpdate, fromSqlDate, insertRow, insertRows, sqlDate } from '../common/db/sql';
import { DomainEvents } from '../common/events/domain-events';
import { Clock } from '../common/time/clock';
import { Tier } from '../tiers/entities/tier.entity';
import { upgradedTier } from '../tiers/tier-rules';
import { TiersService } from '../tiers/tiers.service';
import { MemberStatsService } from '../tags/member-stats.service';
import { GrowthEntry } from './entities/growth-entry.entity';
import { TierChange } from './entities/tier-change.entity';
import { memberNotFound } from '../common/errors/member-not-found';

export interface GrowthSource {
  type: string;
  id: string | null;
}

export interface GrowthResult {
  growth: number;
  tier: Tier;
  /** Set when this growth lifted the member to a higher tier. */
  upgradedFrom: Tier | null;
}

export interface CreditedAccount {
  balance: number;
  growth: GrowthResult;
}

/**
 * The one owner of a member's account: the balance, growth, tier and visit columns of `members`,
 * with the growth entries and tier changes that explain them, inside the caller's transaction.
 * Growth from any source goes through here, so it always leaves its dated entry (the evaluation job
 * rebuilds growth from those) and an upgrade happens at once.
 */
@Injectable()
export class MemberAccountRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tiers: TiersService,
    private readonly clock: Clock,
    private readonly events: DomainEvents,
    private readonly memberStats: MemberStatsService,
  ) {}

  /**
   * `growth` and `visitAt` ride on the same UPDATE as the points (a purchase): the member row's
   * lock, which every posting for this member waits on, is then held for as few statements as possible.
   */
  async credit(manager: EntityManager, memberId: number, points: number, also: { growth?: { amount: number; source: GrowthSource }; visitAt?: Date } = {}): Promise<CreditedAccount> {
    const growth = also.growth?.amount ?? 0;
    const visit = also.visitAt ? ', last_visit_at = ?' : '';
    const params = [points, growth, ...(also.visitAt ? [sqlDate(manager, also.visitAt)] : []), memberId, 'active'];
    const changed = await execute(manager, `UPDATE members SET points_balance = points_balance + ?, growth = growth + ?${visit} WHERE id = ? AND status = ?`, params);
    if (changed !== 1) throw memberNotFound(memberId);
    const account = await this.read(manager, memberId);
    const progressed = await this.progress(manager, memberId, growth, also.growth?.source ?? null, account);
    return { balance: account.balance, growth: progressed };
  }

  /**
   * `credit` for many members at once (a bulk import): one UPDATE for every balance and growth, the
   * growth entries in one INSERT, and the upgrades they earn grouped by tier. Points may be 0 (growth
   * only). Returns each member's balance after.
   */
  async creditMany(manager: EntityManager, credits: Array<{ memberId: number; points: number; growth?: { amount: number; source: GrowthSource } }>): Promise<Map<number, number>> {
    if (credits.length === 0) return new Map();
    const ids = credits.map((c) => c.memberId);
    if (new Set(ids).size !== ids.length) throw new Error('creditMany takes one credit per member');
    const cases = (pick: (c: (typeof credits)[number]) => number) => ({ sql: `CASE id ${credits.map(() => 'WHEN ? THEN ?').join(' ')} ELSE 0 END`, params: credits.flatMap((c) => [c.memberId, pick(c)]) });
    const points = cases((c) => c.points);
    const growth = cases((c) => c.growth?.amount ?? 0);
    const list = ids.map(() => '?').join(', ');
    const changed = await execute(manager, `UPDATE members SET points_balance = points_balance + ${points.sql}, growth = growth + ${growth.sql} WHERE id IN (${list}) AND status = ?`, [...points.params, ...growth.params, ...ids, 'active']);
    if (changed !== ids.length) throw new Error(`creditMany: ${ids.length - changed} of the members are not active`);
    const rows: Array<{ id: number; points_balance: number; growth: number; tier_id: number }> = await manager.query(`SELECT id, points_balance, growth, tier_id FROM members WHERE id IN (${list})`, ids);
    const now = this.clock.now();
    const grown = credits.filter((c) => c.growth && c.growth.amount !== 0);
    await insertRows(manager, GrowthEntry, grown.map((c) => ({ memberId: c.memberId, amount: c.growth?.amount, sourceType: c.growth?.source.type, sourceId: c.growth?.source.id ?? null, createdAt: now })));
    const tiers = await this.tiers.all();
    const upgrades = new Map<string, { from: Tier; to: Tier; memberIds: number[] }>();
    const grewBy = new Map(grown.map((c) => [c.memberId, c.growth?.amount ?? 0]));
    for (const r of rows) {
      if (!((grewBy.get(Number(r.id)) ?? 0) > 0)) continue;
      const next = upgradedTier(tiers, Number(r.tier_id), Number(r.growth));
      if (!next) continue;
      const key = `${r.tier_id}:${next.id}`;
      const group = upgrades.get(key) ?? { from: await this.tiers.byId(Number(r.tier_id)), to: next, memberIds: [] };
      group.memberIds.push(Number(r.id));
      upgrades.set(key, group);
    }
    for (const { from, to, memberIds } of upgrades.values()) {
      await execute(manager, `UPDATE members SET tier_id = ? WHERE tier_id = ? AND id IN (${memberIds.map(() => '?').join(', ')})`, [to.id, from.id, ...memberIds]);
      await this.memberStats.tierMoved(manager, memberIds, to.id);
      const reason = `成长值达到 ${to.entryGrowth}，升级为${to.name}`;
      await insertRows(manager, TierChange, memberIds.map((memberId) => ({ memberId, fromTierId: from.id, toTierId: to.id, reason, createdAt: now })));
      await this.events.publishMany(manager, 'tier.changed', memberIds.map((memberId) => ({ memberId, fromTierId: from.id, toTierId: to.id, direction: 'up' as const, at: now.toISOString() })));
    }
    return new Map(rows.map((r) => [Number(r.id), Number(r.points_balance)]));
  }

  /** Takes points only if the balance covers them (the conditional update is the guard); false when it does not. */
  async debit(manager: EntityManager, memberId: number, points: number): Promise<boolean> {
    return (await execute(manager, 'UPDATE members SET points_balance = points_balance - ? WHERE id = ? AND points_balance >= ?', [points, memberId, points])) === 1;
  }

  async balanceOf(manager: EntityManager, memberId: number, options: { lock?: boolean } = {}): Promise<number> {
    const rows: Array<{ points_balance: number }> = await manager.query(`SELECT points_balance FROM members WHERE id = ?${options.lock ? forUpdate(manager) : ''}`, [memberId]);
    if (!rows[0]) throw memberNotFound(memberId);
    return Number(rows[0].points_balance);
  }

  /** An active member's account, or null when there is none (never joined, or left). */
  async findActive(memberId: number, manager: EntityManager = this.dataSource.manager): Promise<{ balance: number; growth: number; tierId: number } | null> {
    const rows: Array<{ points_balance: number; growth: number; tier_id: number }> = await manager.query("SELECT points_balance, growth, tier_id FROM members WHERE id = ? AND status = 'active'", [memberId]);
    return rows[0] ? { balance: Number(rows[0].points_balance), growth: Number(rows[0].growth), tierId: Number(rows[0].tier_id) } : null;
  }

  /** Balance, growth and tier as one read (an answer repeated for a retried request). */
  async snapshot(manager: EntityManager, memberId: number): Promise<{ balance: number; growth: number; tierId: number }> {
    return this.read(manager, memberId);
  }

  /** Growth without points (or taken back, by a refund: never below zero); `visitAt` also records a store visit in the same UPDATE. */
  async addGrowth(manager: EntityManager, memberId: number, amount: number, source: GrowthSource, options: { visitAt?: Date } = {}): Promise<GrowthResult> {
    if (amount !== 0 || options.visitAt) {
      // GREATEST/MAX differ between the drivers; CASE keeps growth at zero or above on both.
      const visit = options.visitAt ? ', last_visit_at = ?' : '';
      const params = options.visitAt ? [amount, amount, sqlDate(manager, options.visitAt), memberId] : [amount, amount, memberId];
      await execute(manager, `UPDATE members SET growth = CASE WHEN growth + ? < 0 THEN 0 ELSE growth + ? END${visit} WHERE id = ?`, params);
    }
    return this.progress(manager, memberId, amount, source, await this.read(manager, memberId));
  }

  async setTier(manager: EntityManager, memberId: number, from: Tier, to: Tier, reason: string): Promise<void> {
    await execute(manager, 'UPDATE members SET tier_id = ? WHERE id = ? AND tier_id = ?', [to.id, memberId, from.id]);
    await this.memberStats.tierMoved(manager, [memberId], to.id);
    const at = this.clock.now();
    await insertRow(manager, TierChange, { memberId, fromTierId: from.id, toTierId: to.id, reason, createdAt: at });
    await this.events.publish(manager, 'tier.changed', { memberId, fromTierId: from.id, toTierId: to.id, direction: to.rank > from.rank ? 'up' : 'down', at: at.toISOString() });
  }

  async recordVisit(manager: EntityManager, memberId: number, at: Date): Promise<void> {
    await execute(manager, 'UPDATE members SET last_visit_at = ? WHERE id = ?', [sqlDate(manager, at), memberId]);
  }

  /** Locks the member's row for the rest of the transaction: per-member caps and slots queue on it. */
  async lock(manager: EntityManager, memberId: number): Promise<{ joinedAt: Date; active: boolean } | null> {
    const rows: Array<{ created_at: Date | string; status: string }> = await manager.query(`SELECT created_at, status FROM members WHERE id = ?${forUpdate(manager)}`, [memberId]);
    return rows[0] ? { joinedAt: fromSqlDate(rows[0].created_at), active: rows[0].status === 'active' } : null;
  }

  async isActive(manager: EntityManager, memberId: number): Promise<boolean> {
    const rows: Array<{ id: number }> = await manager.query("SELECT id FROM members WHERE id = ? AND status = 'active'", [memberId]);
    return rows.length > 0;
  }

  /** The evaluation date: growth becomes the sum of the entries dated in the programme's window. */
  async rebuildGrowth(manager: EntityManager, memberId: number, since: Date): Promise<number> {
    const rows: Array<{ total: number | string | null }> = await manager.query('SELECT SUM(amount) AS total FROM growth_entries WHERE member_id = ? AND created_at >= ?', [memberId, sqlDate(manager, since)]);
    const growth = Math.max(0, Number(rows[0]?.total ?? 0));
    await execute(manager, 'UPDATE members SET growth = ? WHERE id = ?', [growth, memberId]);
    return growth;
  }

  /** How many active members hold each growth value. */
  async growthDistribution(): Promise<Array<{ growth: number; members: number }>> {
    const rows: Array<{ growth: number; n: number | string }> = await this.dataSource.query("SELECT growth, COUNT(*) AS n FROM members WHERE status = 'active' GROUP BY growth");
    return rows.map((r) => ({ growth: Number(r.growth), members: Number(r.n) }));
  }

  async activeTiers(manager: EntityManager): Promise<Array<{ memberId: number; tierId: number }>> {
    const rows: Array<{ id: number; tier_id: number }> = await manager.query("SELECT id, tier_id FROM members WHERE status = 'active'");
    return rows.map((r) => ({ memberId: Number(r.id), tierId: Number(r.tier_id) }));
  }

  private async read(manager: EntityManager, memberId: number): Promise<{ balance: number; growth: number; tierId: number }> {
    const rows: Array<{ points_balance: number; growth: number; tier_id: number }> = await manager.query('SELECT points_balance, growth, tier_id FROM members WHERE id = ?', [memberId]);
    if (!rows[0]) throw memberNotFound(memberId);
    return { balance: Number(rows[0].points_balance), growth: Number(rows[0].growth), tierId: Number(rows[0].tier_id) };
  }

  /** The dated entry, and an upgrade if this growth earned one; downgrades wait for the evaluation date. */
  private async progress(manager: EntityManager, memberId: number, amount: number, source: GrowthSource | null, account: { growth: number; tierId: number }): Promise<GrowthResult> {
    if (amount !== 0 && source) await insertRow(manager, GrowthEntry, { memberId, amount, sourceType: source.type, sourceId: source.id, createdAt: this.clock.now() });
    const current = await this.tiers.byId(account.tierId);
    const next = amount > 0 ? upgradedTier(await this.tiers.all(), current.id, account.growth) : null;
    if (!next) return { growth: account.growth, tier: current, upgradedFrom: null };
    await this.setTier(manager, memberId, current, next, `成长值达到 ${next.entryGrowth}，升级为${next.name}`);
    return { growth: account.growth, tier: next, upgradedFrom: current };
  }
}
