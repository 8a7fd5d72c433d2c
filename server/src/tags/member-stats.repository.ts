import { Injectable } from '@nestjs/common';
import { BirthdayCalendar } from '@huiyuan/shared-types';
import { EntityManager } from 'typeorm';
import { execute, forUpdate, fromSqlDate, isSqlite, sqlDate } from '../common/db/sql';
import { Daypart, DAYPARTS, MemberActivity, MemberStatsValues } from './member-stats-rules';

/** What the rule tags read of the member row. */
export interface MemberTagFacts {
  tierId: number;
  joinedAt: Date;
  joinStoreId: number | null;
  birthday: MemberActivity['birthday'];
}

/** A member's activity with what the rule tags read of the member row. */
export type MemberActivityFacts = MemberActivity & MemberTagFacts;

const DAYPART_COLUMNS = DAYPARTS.map((p) => `purchases_365d_${p}`);

const COLUMNS = [
  'member_id', 'last_purchase_at', 'purchases_30d', 'spend_30d_cents', 'purchases_90d', 'spend_90d_cents', 'spend_prev_90d_cents',
  'purchases_365d', 'spend_365d_cents', 'last_checkin_day', 'last_coupon_used_at', 'last_visit_at', 'birthday_month', 'next_birthday', 'daypart', 'computed_day',
  ...DAYPART_COLUMNS,
];

const MEMBER_COLUMNS = 'm.tier_id, m.created_at, m.join_store_id, m.birthday_calendar, m.birth_month, m.birth_day';

/** The member's columns copied onto the row (segments read them without a join): written by a refresh and by a tier change. */
export interface MemberCopy {
  tierId: number;
  joinStoreId: number | null;
}

const COPY_COLUMNS = ['tier_id', 'join_store_id'];

function tagFacts(r: Record<string, unknown>): MemberTagFacts {
  const calendar = r.birthday_calendar as BirthdayCalendar | null;
  return {
    tierId: Number(r.tier_id),
    joinedAt: fromSqlDate(r.created_at as Date | string),
    joinStoreId: r.join_store_id === null ? null : Number(r.join_store_id),
    birthday: calendar && r.birth_month && r.birth_day ? { calendar, month: Number(r.birth_month), day: Number(r.birth_day) } : null,
  };
}

const dateOrNull = (v: unknown) => (v ? fromSqlDate(v as Date | string) : null);
const numberOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function statsOf(r: Record<string, unknown>): MemberStatsValues {
  return {
    memberId: Number(r.member_id),
    lastPurchaseAt: dateOrNull(r.last_purchase_at),
    purchases30d: Number(r.purchases_30d),
    spend30dCents: Number(r.spend_30d_cents),
    purchases90d: Number(r.purchases_90d),
    spend90dCents: Number(r.spend_90d_cents),
    spendPrev90dCents: Number(r.spend_prev_90d_cents),
    purchases365d: Number(r.purchases_365d),
    spend365dCents: Number(r.spend_365d_cents),
    lastCheckinDay: (r.last_checkin_day as string | null) ?? null,
    lastCouponUsedAt: dateOrNull(r.last_coupon_used_at),
    lastVisitAt: dateOrNull(r.last_visit_at),
    birthdayMonth: numberOrNull(r.birthday_month),
    nextBirthday: (r.next_birthday as string | null) ?? null,
    daypart: (r.daypart as Daypart | null) ?? null,
    daypartCounts: Object.fromEntries(DAYPARTS.map((p) => [p, Number(r[`purchases_365d_${p}`])])) as Record<Daypart, number>,
    computedDay: String(r.computed_day),
  };
}

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/**
 * Every SQL statement of `member_stats`, and the reads of the activity it is counted from (members,
 * purchases, check-ins, coupons: read-only here, through those tables' member indexes).
 */
@Injectable()
export class MemberStatsRepository {
  /** Activity of active members, for one member or an id range; `since` bounds the purchases read. */
  async activityOf(m: EntityManager, memberIds: number[], since: Date): Promise<MemberActivityFacts[]> {
    if (memberIds.length === 0) return [];
    const ids = placeholders(memberIds.length);
    const members: Array<Record<string, unknown>> = await m.query(
      // The member rows are locked first, as the ledger locks them: two refreshes of one member never interleave, and the lock order matches every other writer's.
      `SELECT m.id, m.last_visit_at, ${MEMBER_COLUMNS} FROM members m WHERE m.id IN (${ids}) AND m.status = 'active' ORDER BY m.id${forUpdate(m)}`,
      memberIds,
    );
    if (members.length === 0) return [];
    const live = members.map((r) => Number(r.id));
    const liveIds = placeholders(live.length);
    const purchases: Array<Record<string, unknown>> = await m.query(`SELECT member_id, created_at, amount_cents, refunded_cents FROM purchases WHERE member_id IN (${liveIds}) AND created_at >= ?`, [...live, sqlDate(m, since)]);
    // The last purchase is in the window for most members; only the others need a look further back.
    const inWindow = new Set(purchases.filter((p) => Number(p.amount_cents) > Number(p.refunded_cents)).map((p) => Number(p.member_id)));
    const older = live.filter((id) => !inWindow.has(id));
    const lastPurchases: Array<Record<string, unknown>> = older.length
      ? await m.query(`SELECT member_id, MAX(created_at) AS at FROM purchases WHERE member_id IN (${placeholders(older.length)}) AND amount_cents > refunded_cents GROUP BY member_id`, older)
      : [];
    const checkins: Array<Record<string, unknown>> = await m.query(`SELECT member_id, MAX(day) AS day FROM checkins WHERE member_id IN (${liveIds}) GROUP BY member_id`, live);
    const coupons: Array<Record<string, unknown>> = await m.query(`SELECT member_id, MAX(used_at) AS at FROM coupons WHERE member_id IN (${liveIds}) AND status = 'used' GROUP BY member_id`, live);
    const byMember = new Map<number, MemberActivityFacts>();
    for (const r of members) {
      byMember.set(Number(r.id), {
        memberId: Number(r.id),
        ...tagFacts(r),
        lastVisitAt: dateOrNull(r.last_visit_at),
        purchases: [],
        lastPurchaseAt: null,
        lastCheckinDay: null,
        lastCouponUsedAt: null,
      });
    }
    for (const p of purchases) {
      byMember.get(Number(p.member_id))?.purchases.push({ at: fromSqlDate(p.created_at as Date | string), amountCents: Number(p.amount_cents), refundedCents: Number(p.refunded_cents) });
    }
    for (const a of byMember.values()) {
      for (const p of a.purchases) if (p.amountCents > p.refundedCents && (!a.lastPurchaseAt || p.at > a.lastPurchaseAt)) a.lastPurchaseAt = p.at;
    }
    for (const p of lastPurchases) {
      const a = byMember.get(Number(p.member_id));
      if (a && p.at) a.lastPurchaseAt = fromSqlDate(p.at as Date | string);
    }
    for (const c of checkins) {
      const a = byMember.get(Number(c.member_id));
      if (a && c.day) a.lastCheckinDay = String(c.day);
    }
    for (const c of coupons) {
      const a = byMember.get(Number(c.member_id));
      if (a && c.at) a.lastCouponUsedAt = fromSqlDate(c.at as Date | string);
    }
    return [...byMember.values()];
  }

  /** An active member's join store, for the store scope of manual tagging. */
  async memberStore(m: EntityManager, memberId: number): Promise<{ joinStoreId: number | null } | null> {
    const rows: Array<{ join_store_id: number | null }> = await m.query("SELECT join_store_id FROM members WHERE id = ? AND status = 'active'", [memberId]);
    const row = rows[0];
    return row ? { joinStoreId: row.join_store_id === null ? null : Number(row.join_store_id) } : null;
  }

  /** Active member ids after `afterId`, in id order: the nightly job's batches. */
  async memberIdsAfter(m: EntityManager, afterId: number, limit: number): Promise<number[]> {
    const rows: Array<{ id: number }> = await m.query(`SELECT id FROM members WHERE id > ? AND status = 'active' ORDER BY id LIMIT ${Number(limit)}`, [afterId]);
    return rows.map((r) => Number(r.id));
  }

  /**
   * A member's stats row with the member facts the rule tags read, both rows locked: the caller holds
   * the member row already (the ledger's order), and two events of one member apply one after the other.
   * Null when the member has no row yet or is not active.
   */
  async countedOf(m: EntityManager, memberId: number): Promise<{ facts: MemberTagFacts; stats: MemberStatsValues } | null> {
    const rows: Array<Record<string, unknown>> = await m.query(
      `SELECT ${COLUMNS.map((c) => `s.${c}`).join(', ')}, ${MEMBER_COLUMNS} FROM member_stats s JOIN members m ON m.id = s.member_id WHERE s.member_id = ? AND m.status = 'active'${forUpdate(m)}`,
      [memberId],
    );
    const row = rows[0];
    return row ? { facts: tagFacts(row), stats: statsOf(row) } : null;
  }

  /** One member's row after an event: a single-row UPDATE of the values the event moved. */
  async update(m: EntityManager, stats: MemberStatsValues): Promise<void> {
    const values = this.values(m, stats);
    await execute(m, `UPDATE member_stats SET ${COLUMNS.slice(1).map((c) => `${c} = ?`).join(', ')} WHERE member_id = ?`, [...values.slice(1), stats.memberId]);
  }

  /** Recounted rows with the member's copied columns, as read from the locked member rows. */
  async upsert(m: EntityManager, rows: Array<MemberStatsValues & MemberCopy>): Promise<void> {
    if (rows.length === 0) return;
    const columns = [...COLUMNS, ...COPY_COLUMNS];
    const tuple = `(${placeholders(columns.length)})`;
    const params = rows.flatMap((s) => [...this.values(m, s), s.tierId, s.joinStoreId]);
    const updated = columns.filter((c) => c !== 'member_id');
    const conflict = isSqlite(m)
      ? `ON CONFLICT (member_id) DO UPDATE SET ${updated.map((c) => `${c} = excluded.${c}`).join(', ')}`
      : `ON DUPLICATE KEY UPDATE ${updated.map((c) => `${c} = VALUES(${c})`).join(', ')}`;
    await execute(m, `INSERT INTO member_stats (${columns.join(', ')}) VALUES ${rows.map(() => tuple).join(', ')} ${conflict}`, params);
  }

  /** The copy of the members' tier after a tier change, in its transaction. */
  async moveTier(m: EntityManager, memberIds: number[], tierId: number): Promise<void> {
    if (memberIds.length === 0) return;
    await execute(m, `UPDATE member_stats SET tier_id = ? WHERE member_id IN (${placeholders(memberIds.length)})`, [tierId, ...memberIds]);
  }

  /** A member who left has no row: segments read member_stats as the set of active members. */
  async remove(m: EntityManager, memberId: number): Promise<void> {
    await execute(m, 'DELETE FROM member_stats WHERE member_id = ?', [memberId]);
  }

  /** A row's values in COLUMNS order. */
  private values(m: EntityManager, s: MemberStatsValues): unknown[] {
    return [
      s.memberId,
      s.lastPurchaseAt ? sqlDate(m, s.lastPurchaseAt) : null,
      s.purchases30d, s.spend30dCents, s.purchases90d, s.spend90dCents, s.spendPrev90dCents, s.purchases365d, s.spend365dCents,
      s.lastCheckinDay,
      s.lastCouponUsedAt ? sqlDate(m, s.lastCouponUsedAt) : null,
      s.lastVisitAt ? sqlDate(m, s.lastVisitAt) : null,
      s.birthdayMonth, s.nextBirthday, s.daypart, s.computedDay,
      ...DAYPARTS.map((p) => s.daypartCounts[p]),
    ];
  }

  async ofMember(m: EntityManager, memberId: number): Promise<MemberStatsValues | null> {
    const rows: Array<Record<string, unknown>> = await m.query(`SELECT ${COLUMNS.join(', ')} FROM member_stats WHERE member_id = ?`, [memberId]);
    return rows[0] ? statsOf(rows[0]) : null;
  }

  /**
   * The RFM population's values at the quintile ranks, each read through its covering index with an
   * offset (four single-row look-ups per dimension) instead of sorting a million rows in memory.
   * Bought in the last 365 days ⇔ a positive 365-day count ⇔ positive 365-day spend.
   */
  async rfmQuintiles(m: EntityManager, since: Date): Promise<{ recency: Date[]; frequency: number[]; monetary: number[]; population: number }> {
    const count: Array<{ n: number }> = await m.query('SELECT COUNT(*) AS n FROM member_stats WHERE purchases_365d > 0');
    const population = Number(count[0]?.n ?? 0);
    if (population === 0) return { recency: [], frequency: [], monetary: [], population };
    const offsets = [1, 2, 3, 4].map((q) => Math.min(population - 1, Math.floor((population * q) / 5)));
    const pick = async (sql: string, params: unknown[] = []) => ((await m.query(sql, params)) as Array<{ v: unknown }>)[0]?.v ?? null;
    const recency: Date[] = [];
    const frequency: number[] = [];
    const monetary: number[] = [];
    for (const offset of offsets) {
      // Days since the last purchase ascend as its date descends: recency ranks read newest first.
      const r = await pick(`SELECT last_purchase_at AS v FROM member_stats WHERE last_purchase_at >= ? ORDER BY last_purchase_at DESC LIMIT 1 OFFSET ${offset}`, [sqlDate(m, since)]);
      if (r) recency.push(fromSqlDate(r as Date | string));
      frequency.push(Number(await pick(`SELECT purchases_365d AS v FROM member_stats WHERE purchases_365d > 0 ORDER BY purchases_365d LIMIT 1 OFFSET ${offset}`)));
      monetary.push(Number(await pick(`SELECT spend_365d_cents AS v FROM member_stats WHERE spend_365d_cents > 0 ORDER BY spend_365d_cents LIMIT 1 OFFSET ${offset}`)));
    }
    return { recency, frequency, monetary, population };
  }
}
