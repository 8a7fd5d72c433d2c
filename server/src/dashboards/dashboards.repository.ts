import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { execute, fromSqlDate, isSqlite, sqlDate } from '../common/db/sql';
import { LAST_STREAK_BUCKET, STREAK_BUCKET_BOUNDS } from './dashboard-rules';

/** One rollup row before it is written. */
export interface FigureRow {
  metric: string;
  day: string;
  storeId: number;
  dim: string;
  value: number;
}

export interface SnapshotRow {
  metric: string;
  storeId: number;
  dim: string;
  value: number;
}

/** A chunk of business days and the instant each begins, plus the instant after the last one ends. */
export interface DayBounds {
  days: Array<{ day: string; start: Date }>;
  end: Date;
}

export type StoreFilter = number[] | 'all';

const INSERT_BATCH = 500;

/**
 * Every SQL statement of the dashboards: the rollup's counts over the other features' tables (read
 * only, each a range scan on a time index), the writes of its own two tables, and the panels' sums.
 */
@Injectable()
export class DashboardsRepository {
  async earliestJoin(m: EntityManager): Promise<Date | null> {
    const [row] = (await m.query('SELECT MIN(created_at) AS first FROM members')) as Array<{ first: Date | string | null }>;
    return row?.first ? fromSqlDate(row.first) : null;
  }

  async joinsByDay(m: EntityManager, b: DayBounds): Promise<Array<{ day: string; storeId: number; count: number }>> {
    const day = dayCase(m, 'created_at', b);
    const rows = (await m.query(
      `SELECT ${day.sql} AS day, COALESCE(join_store_id, 0) AS store_id, COUNT(*) AS n
         FROM members WHERE created_at >= ? AND created_at < ? GROUP BY 1, 2`,
      [...day.params, ...range(m, b)],
    )) as Array<{ day: string; store_id: number; n: number | string }>;
    return rows.map((r) => ({ day: r.day, storeId: Number(r.store_id), count: Number(r.n) }));
  }

  /** Ledger sums per day, store (where it happened, else the member's join store), sign and type. */
  async ledgerByDay(m: EntityManager, b: DayBounds): Promise<Array<{ day: string; storeId: number; sign: 'in' | 'out'; type: string; value: number }>> {
    const day = dayCase(m, 'l.created_at', b);
    const rows = (await m.query(
      `SELECT ${day.sql} AS day, COALESCE(l.store_id, mb.join_store_id, 0) AS store_id,
              CASE WHEN l.delta > 0 THEN 'in' ELSE 'out' END AS sign, l.type AS type, SUM(l.delta) AS total
         FROM points_ledger l LEFT JOIN members mb ON mb.id = l.member_id
        WHERE l.created_at >= ? AND l.created_at < ?
        GROUP BY 1, 2, 3, 4`,
      [...day.params, ...range(m, b)],
    )) as Array<{ day: string; store_id: number; sign: 'in' | 'out'; type: string; total: number | string }>;
    return rows.map((r) => ({ day: r.day, storeId: Number(r.store_id), sign: r.sign, type: r.type, value: Number(r.total) }));
  }

  /** Check-ins per day (their own business day), the member's join store, kind and streak bucket. */
  async checkinsByDay(m: EntityManager, from: string, to: string): Promise<Array<{ day: string; storeId: number; kind: string; bucket: string; count: number }>> {
    const bucket = `CASE ${STREAK_BUCKET_BOUNDS.map(([max, name]) => `WHEN c.streak <= ${max} THEN '${name}'`).join(' ')} ELSE '${LAST_STREAK_BUCKET}' END`;
    const rows = (await m.query(
      `SELECT c.day AS day, COALESCE(mb.join_store_id, 0) AS store_id, c.kind AS kind, ${bucket} AS bucket, COUNT(*) AS n
         FROM checkins c LEFT JOIN members mb ON mb.id = c.member_id
        WHERE c.day >= ? AND c.day <= ?
        GROUP BY 1, 2, 3, 4`,
      [from, to],
    )) as Array<{ day: string; store_id: number; kind: string; bucket: string; n: number | string }>;
    return rows.map((r) => ({ day: r.day, storeId: Number(r.store_id), kind: r.kind, bucket: r.bucket, count: Number(r.n) }));
  }

  /** Coupons issued per day, by the issuing store (else the member's join store), template and whether the mall sold it. */
  async couponsIssuedByDay(m: EntityManager, b: DayBounds): Promise<Array<{ day: string; storeId: number; templateId: number; mall: boolean; count: number }>> {
    const day = dayCase(m, 'c.created_at', b);
    const rows = (await m.query(
      `SELECT ${day.sql} AS day, COALESCE(c.issued_store_id, mb.join_store_id, 0) AS store_id, c.template_id AS template_id,
              CASE WHEN c.source = 'redemption' THEN 1 ELSE 0 END AS mall, COUNT(*) AS n
         FROM coupons c LEFT JOIN members mb ON mb.id = c.member_id
        WHERE c.created_at >= ? AND c.created_at < ?
        GROUP BY 1, 2, 3, 4`,
      [...day.params, ...range(m, b)],
    )) as Array<{ day: string; store_id: number; template_id: number; mall: number | string; n: number | string }>;
    return rows.map((r) => ({ day: r.day, storeId: Number(r.store_id), templateId: Number(r.template_id), mall: Number(r.mall) === 1, count: Number(r.n) }));
  }

  /** Verifications that stand (not undone) per day, verifying store, template and issuing store (0: none). */
  async verificationsByDay(m: EntityManager, b: DayBounds): Promise<Array<{ day: string; storeId: number; templateId: number; issuedStoreId: number; count: number }>> {
    const day = dayCase(m, 'v.verified_at', b);
    const rows = (await m.query(
      `SELECT ${day.sql} AS day, v.store_id AS store_id, c.template_id AS template_id, COALESCE(c.issued_store_id, 0) AS issued_store_id, COUNT(*) AS n
         FROM coupon_verifications v JOIN coupons c ON c.id = v.coupon_id
        WHERE v.verified_at >= ? AND v.verified_at < ? AND v.undone_at IS NULL
        GROUP BY 1, 2, 3, 4`,
      [...day.params, ...range(m, b)],
    )) as Array<{ day: string; store_id: number; template_id: number; issued_store_id: number; n: number | string }>;
    return rows.map((r) => ({ day: r.day, storeId: Number(r.store_id), templateId: Number(r.template_id), issuedStoreId: Number(r.issued_store_id), count: Number(r.n) }));
  }

  /** Coupons the expiry job has closed, by the day they expired. */
  async couponsExpiredByDay(m: EntityManager, b: DayBounds): Promise<Array<{ day: string; storeId: number; templateId: number; count: number }>> {
    const day = dayCase(m, 'c.expires_at', b);
    const rows = (await m.query(
      `SELECT ${day.sql} AS day, COALESCE(c.issued_store_id, mb.join_store_id, 0) AS store_id, c.template_id AS template_id, COUNT(*) AS n
         FROM coupons c LEFT JOIN members mb ON mb.id = c.member_id
        WHERE c.status = 'expired' AND c.expires_at >= ? AND c.expires_at < ?
        GROUP BY 1, 2, 3`,
      [...day.params, ...range(m, b)],
    )) as Array<{ day: string; store_id: number; template_id: number; n: number | string }>;
    return rows.map((r) => ({ day: r.day, storeId: Number(r.store_id), templateId: Number(r.template_id), count: Number(r.n) }));
  }

  /**
   * Referrals per day by the referee's join store: invitations (joined_at), qualified and flagged
   * (qualified_at: a flag is raised when the referral qualifies or its hold ends), rewarded (settled_at).
   */
  async referralsByDay(m: EntityManager, b: DayBounds): Promise<Array<{ day: string; storeId: number; what: 'invited' | 'qualified' | 'flagged' | 'rewarded'; count: number }>> {
    const count = async (what: 'invited' | 'qualified' | 'flagged' | 'rewarded', column: string, where: string) => {
      const day = dayCase(m, `r.${column}`, b);
      const rows = (await m.query(
        `SELECT ${day.sql} AS day, COALESCE(mb.join_store_id, 0) AS store_id, COUNT(*) AS n
           FROM referrals r LEFT JOIN members mb ON mb.id = r.referee_id
          WHERE r.${column} >= ? AND r.${column} < ?${where}
          GROUP BY 1, 2`,
        [...day.params, ...range(m, b)],
      )) as Array<{ day: string; store_id: number; n: number | string }>;
      return rows.map((r) => ({ day: r.day, storeId: Number(r.store_id), what, count: Number(r.n) }));
    };
    return [
      ...(await count('invited', 'joined_at', '')),
      ...(await count('qualified', 'qualified_at', '')),
      ...(await count('flagged', 'qualified_at', ' AND r.flag_reason IS NOT NULL')),
      ...(await count('rewarded', 'settled_at', " AND r.state IN ('rewarded', 'approved')")),
    ];
  }

  /** Members now per join store, tier and status, with their points. */
  async membersNow(m: EntityManager): Promise<Array<{ storeId: number; tierId: number; status: string; count: number; points: number }>> {
    const rows = (await m.query(
      `SELECT COALESCE(join_store_id, 0) AS store_id, tier_id, status, COUNT(*) AS n, SUM(points_balance) AS points
         FROM members GROUP BY 1, 2, 3`,
    )) as Array<{ store_id: number; tier_id: number; status: string; n: number | string; points: number | string | null }>;
    return rows.map((r) => ({ storeId: Number(r.store_id), tierId: Number(r.tier_id), status: r.status, count: Number(r.n), points: Number(r.points ?? 0) }));
  }

  /** Members carrying each of the given rule tags now, per join store, with their net spend over 12 months. */
  async ruleTagMembers(m: EntityManager, ruleKeys: string[]): Promise<Array<{ storeId: number; ruleKey: string; count: number; spend365dCents: number }>> {
    if (ruleKeys.length === 0) return [];
    const rows = (await m.query(
      `SELECT COALESCE(mb.join_store_id, 0) AS store_id, t.rule_key AS rule_key, COUNT(*) AS n, SUM(COALESCE(s.spend_365d_cents, 0)) AS spend
         FROM tags t
         JOIN member_tags mt ON mt.tag_id = t.id
         JOIN members mb ON mb.id = mt.member_id
         LEFT JOIN member_stats s ON s.member_id = mt.member_id
        WHERE t.rule_key IN (${ruleKeys.map(() => '?').join(', ')}) AND mb.status = 'active'
        GROUP BY 1, 2`,
      ruleKeys,
    )) as Array<{ store_id: number; rule_key: string; n: number | string; spend: number | string | null }>;
    return rows.map((r) => ({ storeId: Number(r.store_id), ruleKey: r.rule_key, count: Number(r.n), spend365dCents: Number(r.spend ?? 0) }));
  }

  /**
   * The earliest day from `open` before `before` with a check-in written since `since` (a make-up:
   * a daily check-in is written on its own day), or null.
   */
  async earliestCheckinDayWrittenSince(m: EntityManager, open: string, before: string, since: Date): Promise<string | null> {
    const [row] = (await m.query('SELECT MIN(day) AS day FROM checkins WHERE day >= ? AND day < ? AND created_at >= ?', [open, before, sqlDate(m, since)])) as Array<{ day: string | null }>;
    return row?.day ?? null;
  }

  /** When the earliest verification made since `openStart` and undone since `since` was made, or null. */
  async earliestVerificationUndoneSince(m: EntityManager, openStart: Date, since: Date): Promise<Date | null> {
    const [row] = (await m.query('SELECT MIN(verified_at) AS at FROM coupon_verifications WHERE verified_at >= ? AND undone_at >= ?', [sqlDate(m, openStart), sqlDate(m, since)])) as Array<{ at: Date | string | null }>;
    return row?.at ? fromSqlDate(row.at) : null;
  }

  /** Replaces the rollup rows of the metrics on days from–to with the recount, in the caller's transaction. */
  async replaceDays(m: EntityManager, from: string, to: string, metrics: string[], rows: FigureRow[]): Promise<void> {
    await execute(m, `DELETE FROM dashboard_daily WHERE metric IN (${metrics.map(() => '?').join(', ')}) AND day >= ? AND day <= ?`, [...metrics, from, to]);
    await insertMany(
      m,
      'dashboard_daily',
      ['metric', 'day', 'store_id', 'dim', 'value'],
      rows.filter((r) => r.value !== 0).map((r) => [r.metric, r.day, r.storeId, r.dim, r.value]),
    );
  }

  async replaceSnapshot(m: EntityManager, rows: SnapshotRow[]): Promise<void> {
    await execute(m, 'DELETE FROM dashboard_snapshot', []);
    await insertMany(
      m,
      'dashboard_snapshot',
      ['metric', 'store_id', 'dim', 'value'],
      rows.map((r) => [r.metric, r.storeId, r.dim, r.value]),
    );
  }

  /** Rollup sums over days from–to for the stores, per metric, day and dim. */
  async dailySums(m: EntityManager, metrics: string[], from: string, to: string, stores: StoreFilter): Promise<Array<{ metric: string; day: string; dim: string; value: number }>> {
    const scope = storeClause(stores);
    const rows = (await m.query(
      `SELECT metric, day, dim, SUM(value) AS total FROM dashboard_daily
        WHERE metric IN (${metrics.map(() => '?').join(', ')}) AND day >= ? AND day <= ?${scope.sql}
        GROUP BY metric, day, dim`,
      [...metrics, from, to, ...scope.params],
    )) as Array<{ metric: string; day: string; dim: string; total: number | string }>;
    return rows.map((r) => ({ metric: r.metric, day: r.day, dim: r.dim, value: Number(r.total) }));
  }

  /** Rollup sums over days from–to, per metric, store and dim. */
  async storeSums(m: EntityManager, metrics: string[], from: string, to: string, stores: StoreFilter): Promise<Array<{ metric: string; storeId: number; dim: string; value: number }>> {
    const scope = storeClause(stores);
    const rows = (await m.query(
      `SELECT metric, store_id, dim, SUM(value) AS total FROM dashboard_daily
        WHERE metric IN (${metrics.map(() => '?').join(', ')}) AND day >= ? AND day <= ?${scope.sql}
        GROUP BY metric, store_id, dim`,
      [...metrics, from, to, ...scope.params],
    )) as Array<{ metric: string; store_id: number; dim: string; total: number | string }>;
    return rows.map((r) => ({ metric: r.metric, storeId: Number(r.store_id), dim: r.dim, value: Number(r.total) }));
  }

  /** A metric's total over every day before `day`. */
  async totalBefore(m: EntityManager, metric: string, day: string, stores: StoreFilter): Promise<number> {
    const scope = storeClause(stores);
    const [row] = (await m.query(`SELECT SUM(value) AS total FROM dashboard_daily WHERE metric = ? AND day < ?${scope.sql}`, [metric, day, ...scope.params])) as Array<{ total: number | string | null }>;
    return Number(row?.total ?? 0);
  }

  async snapshot(m: EntityManager, metrics: string[], stores: StoreFilter): Promise<Array<{ metric: string; storeId: number; dim: string; value: number }>> {
    const scope = storeClause(stores);
    const rows = (await m.query(
      `SELECT metric, store_id, dim, value FROM dashboard_snapshot WHERE metric IN (${metrics.map(() => '?').join(', ')})${scope.sql}`,
      [...metrics, ...scope.params],
    )) as Array<{ metric: string; store_id: number; dim: string; value: number | string }>;
    return rows.map((r) => ({ metric: r.metric, storeId: Number(r.store_id), dim: r.dim, value: Number(r.value) }));
  }

  /** Coupon templates' titles, for the per-template table. */
  async templateTitles(m: EntityManager, ids: number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = (await m.query(`SELECT id, title FROM coupon_templates WHERE id IN (${ids.map(() => '?').join(', ')})`, ids)) as Array<{ id: number; title: string }>;
    return new Map(rows.map((r) => [Number(r.id), r.title]));
  }
}

/** The business day of a timestamp, as a CASE over the chunk's day starts: portable, and right across a DST change. */
function dayCase(m: EntityManager, column: string, b: DayBounds): { sql: string; params: Array<string | Date> } {
  const params: Array<string | Date> = [];
  const whens = b.days.map((d, i) => {
    const next = b.days[i + 1]?.start ?? b.end;
    params.push(sqlDate(m, next), d.day);
    return `WHEN ${column} < ? THEN ?`;
  });
  return { sql: `CASE ${whens.join(' ')} END`, params };
}

function range(m: EntityManager, b: DayBounds): Array<string | Date> {
  return [sqlDate(m, b.days[0]?.start ?? b.end), sqlDate(m, b.end)];
}

function storeClause(stores: StoreFilter): { sql: string; params: number[] } {
  if (stores === 'all') return { sql: '', params: [] };
  if (stores.length === 0) return { sql: ' AND 1 = 0', params: [] };
  return { sql: ` AND store_id IN (${stores.map(() => '?').join(', ')})`, params: stores };
}

async function insertMany(m: EntityManager, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  const quote = (name: string) => (isSqlite(m) ? `"${name}"` : `\`${name}\``);
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    const batch = rows.slice(i, i + INSERT_BATCH);
    const placeholders = batch.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
    await execute(m, `INSERT INTO ${table} (${columns.map(quote).join(', ')}) VALUES ${placeholders}`, batch.flat());
  }
}
