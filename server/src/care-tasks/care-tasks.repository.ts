import { Injectable } from '@nestjs/common';
import { CareTaskKind, CareTaskOutcome, CareTaskStatus } from '@huiyuan/shared-types';
import { EntityManager } from 'typeorm';
import { execute, fromSqlDate, isSqlite, sqlDate } from '../common/db/sql';

export interface NewCareTask {
  memberId: number;
  kind: CareTaskKind;
  occurrenceKey: string;
  reason: string;
  dueDay: string;
  expiresDay: string;
}

export interface CareTaskRow {
  id: number;
  memberId: number;
  kind: CareTaskKind;
  reason: string;
  dueDay: string;
  expiresDay: string;
  status: CareTaskStatus;
  outcome: CareTaskOutcome | null;
  note: string | null;
  closedAt: Date | null;
  staffId: number | null;
  staffName: string | null;
  clerkId: number | null;
  clerkName: string | null;
  cardNo: string;
  nickname: string | null;
  phoneLast4: string | null;
  tierName: string;
}

export interface MomentRow {
  memberId: number;
  at: Date | string;
}

const TASK_COLUMNS = `t.id, t.member_id, t.kind, t.reason, t.due_day, t.expires_day, t.status, t.outcome, t.note, t.closed_at, t.staff_id,
  closer.display_name AS staff_name, mb.maintaining_clerk_id AS clerk_id, clerk.display_name AS clerk_name, mb.card_no, mb.nickname, mb.phone_last4, tr.name AS tier_name`;
const TASK_JOINS = `JOIN members mb ON mb.id = t.member_id
  JOIN tiers tr ON tr.id = mb.tier_id
  LEFT JOIN staff closer ON closer.id = t.staff_id
  LEFT JOIN staff clerk ON clerk.id = mb.maintaining_clerk_id`;

/** Every SQL statement of care_tasks, and the reads of members' moments that make tasks. */
@Injectable()
export class CareTasksRepository {
  /** Inserts the tasks not there yet (the unique occurrence key drops the rest); returns how many were new. */
  async insertMissing(m: EntityManager, tasks: NewCareTask[], now: Date): Promise<number> {
    let created = 0;
    const ignore = isSqlite(m) ? 'INSERT OR IGNORE' : 'INSERT IGNORE';
    for (const t of tasks) {
      created += await execute(
        m,
        `${ignore} INTO care_tasks (member_id, kind, occurrence_key, reason, due_day, expires_day, status, created_at) VALUES (?, ?, ?, ?, ?, ?, 'open', ?)`,
        [t.memberId, t.kind, t.occurrenceKey, t.reason, t.dueDay, t.expiresDay, sqlDate(m, now)],
      );
    }
    return created;
  }

  /** Open tasks past their last day close as expired, charged to whoever maintains the member now. */
  async expire(m: EntityManager, today: string, now: Date): Promise<number> {
    return execute(
      m,
      `UPDATE care_tasks SET status = 'expired', closed_day = ?, closed_at = ?, staff_id = (SELECT mb.maintaining_clerk_id FROM members mb WHERE mb.id = care_tasks.member_id)
       WHERE status = 'open' AND expires_day < ?`,
      [today, sqlDate(m, now), today],
    );
  }

  async complete(m: EntityManager, id: number, outcome: CareTaskOutcome, note: string | null, staffId: number, today: string, now: Date): Promise<boolean> {
    return (
      (await execute(m, `UPDATE care_tasks SET status = 'done', outcome = ?, note = ?, staff_id = ?, closed_day = ?, closed_at = ? WHERE id = ? AND status = 'open'`, [
        outcome,
        note,
        staffId,
        today,
        sqlDate(m, now),
        id,
      ])) === 1
    );
  }

  async find(m: EntityManager, id: number): Promise<CareTaskRow | null> {
    const rows: Array<Record<string, unknown>> = await m.query(`SELECT ${TASK_COLUMNS} FROM care_tasks t ${TASK_JOINS} WHERE t.id = ?`, [id]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** A clerk's list: open tasks of the members they maintain now, due by today, the soonest to expire first. */
  async openFor(m: EntityManager, clerkId: number, today: string): Promise<CareTaskRow[]> {
    const rows: Array<Record<string, unknown>> = await m.query(
      `SELECT ${TASK_COLUMNS} FROM care_tasks t ${TASK_JOINS}
       WHERE t.status = 'open' AND mb.maintaining_clerk_id = ? AND mb.status = 'active' AND t.due_day <= ?
       ORDER BY t.expires_day, t.due_day, t.id LIMIT 200`,
      [clerkId, today],
    );
    return rows.map(toRow);
  }

  /** Tasks closed in [from, to] by staff of the stores (all stores when null), newest first. */
  async closedIn(m: EntityManager, from: string, to: string, storeId: number | null, limit: number): Promise<CareTaskRow[]> {
    const store = storeId === null ? '' : ' AND closer.store_id = ?';
    const rows: Array<Record<string, unknown>> = await m.query(
      `SELECT ${TASK_COLUMNS} FROM care_tasks t ${TASK_JOINS} WHERE t.closed_day >= ? AND t.closed_day <= ?${store} ORDER BY t.closed_at DESC, t.id DESC LIMIT ${Number(limit)}`,
      storeId === null ? [from, to] : [from, to, storeId],
    );
    return rows.map(toRow);
  }

  /** Per clerk of the stores: open tasks now, done and expired in [from, to]. */
  async completion(m: EntityManager, from: string, to: string, today: string, storeId: number | null): Promise<Array<{ staffId: number; staffName: string; storeId: number; storeName: string; open: number; done: number; expired: number }>> {
    const store = storeId === null ? '' : ' AND s.store_id = ?';
    const rows: Array<Record<string, unknown>> = await m.query(
      `SELECT s.id, s.display_name, s.store_id, st.name AS store_name,
         (SELECT COUNT(*) FROM care_tasks t JOIN members mb ON mb.id = t.member_id WHERE t.status = 'open' AND t.due_day <= ? AND mb.maintaining_clerk_id = s.id AND mb.status = 'active') AS open_count,
         (SELECT COUNT(*) FROM care_tasks t WHERE t.staff_id = s.id AND t.status = 'done' AND t.closed_day >= ? AND t.closed_day <= ?) AS done_count,
         (SELECT COUNT(*) FROM care_tasks t WHERE t.staff_id = s.id AND t.status = 'expired' AND t.closed_day >= ? AND t.closed_day <= ?) AS expired_count
       FROM staff s JOIN stores st ON st.id = s.store_id
       WHERE s.role <> 'hq_admin'${store}
       ORDER BY s.store_id, s.id`,
      storeId === null ? [today, from, to, from, to] : [today, from, to, from, to, storeId],
    );
    return rows
      .map((r) => ({ staffId: Number(r.id), staffName: String(r.display_name), storeId: Number(r.store_id), storeName: String(r.store_name), open: Number(r.open_count), done: Number(r.done_count), expired: Number(r.expired_count) }))
      .filter((r) => r.open + r.done + r.expired > 0);
  }

  // Moments. Each read takes members who have a maintaining clerk: nobody else would see the task.

  async joinedBetween(m: EntityManager, from: Date, to: Date): Promise<MomentRow[]> {
    const rows: Array<{ id: number; created_at: Date | string }> = await m.query(
      "SELECT id, created_at FROM members WHERE created_at >= ? AND created_at < ? AND status = 'active' AND maintaining_clerk_id IS NOT NULL",
      [sqlDate(m, from), sqlDate(m, to)],
    );
    return rows.map((r) => ({ memberId: Number(r.id), at: r.created_at }));
  }

  /** Members whose first purchase ever was in [from, to). */
  async firstPurchaseBetween(m: EntityManager, from: Date, to: Date): Promise<MomentRow[]> {
    const rows: Array<{ member_id: number; first_at: Date | string }> = await m.query(
      `SELECT p.member_id, MIN(p.created_at) AS first_at FROM purchases p JOIN members mb ON mb.id = p.member_id
       WHERE p.created_at >= ? AND p.created_at < ? AND mb.status = 'active' AND mb.maintaining_clerk_id IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM purchases q WHERE q.member_id = p.member_id AND q.created_at < ?)
       GROUP BY p.member_id`,
      [sqlDate(m, from), sqlDate(m, to), sqlDate(m, from)],
    );
    return rows.map((r) => ({ memberId: Number(r.member_id), at: r.first_at }));
  }

  /** Members whose next birthday (member_stats, indexed) is in [from, to]: the day itself as `at`. */
  async birthdaysBetween(m: EntityManager, from: string, to: string): Promise<Array<{ memberId: number; day: string }>> {
    const rows: Array<{ member_id: number; next_birthday: string }> = await m.query(
      `SELECT s.member_id, s.next_birthday FROM member_stats s JOIN members mb ON mb.id = s.member_id
       WHERE s.next_birthday >= ? AND s.next_birthday <= ? AND mb.status = 'active' AND mb.maintaining_clerk_id IS NOT NULL`,
      [from, to],
    );
    return rows.map((r) => ({ memberId: Number(r.member_id), day: String(r.next_birthday) }));
  }

  /** Members who carry the rule tag `ruleKey` since [from, to). */
  async taggedBetween(m: EntityManager, ruleKey: string, from: Date, to: Date): Promise<MomentRow[]> {
    const rows: Array<{ member_id: number; created_at: Date | string }> = await m.query(
      `SELECT mt.member_id, mt.created_at FROM member_tags mt JOIN tags tg ON tg.id = mt.tag_id JOIN members mb ON mb.id = mt.member_id
       WHERE tg.rule_key = ? AND mt.created_at >= ? AND mt.created_at < ? AND mb.status = 'active' AND mb.maintaining_clerk_id IS NOT NULL`,
      [ruleKey, sqlDate(m, from), sqlDate(m, to)],
    );
    return rows.map((r) => ({ memberId: Number(r.member_id), at: r.created_at }));
  }

  /** Spend fell by half: the last 90 days brought at most half of the 90 before them. */
  async spendHalved(m: EntityManager): Promise<number[]> {
    const rows: Array<{ member_id: number }> = await m.query(
      `SELECT s.member_id FROM member_stats s JOIN members mb ON mb.id = s.member_id
       WHERE s.spend_prev_90d_cents > 0 AND s.spend_90d_cents * 2 <= s.spend_prev_90d_cents AND mb.status = 'active' AND mb.maintaining_clerk_id IS NOT NULL`,
    );
    return rows.map((r) => Number(r.member_id));
  }
}

function toRow(r: Record<string, unknown>): CareTaskRow {
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    id: Number(r.id),
    memberId: Number(r.member_id),
    kind: r.kind as CareTaskKind,
    reason: String(r.reason),
    dueDay: String(r.due_day),
    expiresDay: String(r.expires_day),
    status: r.status as CareTaskStatus,
    outcome: (r.outcome as CareTaskOutcome | null) ?? null,
    note: str(r.note),
    closedAt: r.closed_at ? fromSqlDate(r.closed_at as Date | string) : null,
    staffId: num(r.staff_id),
    staffName: str(r.staff_name),
    clerkId: num(r.clerk_id),
    clerkName: str(r.clerk_name),
    cardNo: String(r.card_no),
    nickname: str(r.nickname),
    phoneLast4: str(r.phone_last4),
    tierName: String(r.tier_name),
  };
}
