import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { execute, forUpdate, fromSqlDate, insertRow, isSqlite, sqlDate } from '../common/db/sql';
import { SubscriptionAccept } from './entities/subscription-accept.entity';

export interface GrantRow {
  memberId: number;
  templateId: number;
  remaining: number;
  unconfirmed: number;
  acceptedTotal: number;
  usedTotal: number;
  status: 'active' | 'off';
  lastAcceptedAt: Date | null;
}

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

function toGrant(r: Record<string, unknown>): GrantRow {
  return {
    memberId: Number(r.member_id),
    templateId: Number(r.template_id),
    remaining: Number(r.remaining),
    unconfirmed: Number(r.unconfirmed),
    acceptedTotal: Number(r.accepted_total),
    usedTotal: Number(r.used_total),
    status: r.status === 'off' ? 'off' : 'active',
    lastAcceptedAt: r.last_accepted_at ? fromSqlDate(r.last_accepted_at as Date | string) : null,
  };
}

/** A range of sends left, as a segment rule states it: from `lo`, up to `hi` (inclusive or not); null is open. */
export interface RemainingRange {
  lo: number | null;
  hi: number | null;
  hiInclusive: boolean;
}

/**
 * Members whose sends left of a template are in the range, as a parameterised condition on the member
 * id expression `memberId` for the segment compiler (segments read quotas through it, never the table). A member without a grant row
 * has 0 left; when 0 is in the range the condition excludes the grants outside it instead, so both
 * forms are one scan of ix_subscription_grants_template.
 */
export function remainingInRangeSql(memberId: string, templateId: number, range: RemainingRange): { sql: string; params: number[] } {
  const parts: string[] = [];
  const params: number[] = [templateId];
  if (range.lo !== null) {
    parts.push('g.remaining >= ?');
    params.push(range.lo);
  }
  if (range.hi !== null) {
    parts.push(`g.remaining ${range.hiInclusive ? '<=' : '<'} ?`);
    params.push(range.hi);
  }
  const inRange = parts.length ? parts.join(' AND ') : '1 = 1';
  const zeroIn = (range.lo === null || range.lo <= 0) && (range.hi === null || (range.hiInclusive ? range.hi >= 0 : range.hi > 0));
  return zeroIn
    ? { sql: `(${memberId} NOT IN (SELECT g.member_id FROM subscription_grants g WHERE g.template_id = ? AND NOT (${inRange})))`, params }
    : { sql: `(${memberId} IN (SELECT g.member_id FROM subscription_grants g WHERE g.template_id = ? AND ${inRange}))`, params };
}

/** Every SQL statement of `subscription_grants` and `subscription_accepts`. */
@Injectable()
export class SubscriptionGrantsRepository {
  /** The grant row, created empty if missing, and locked for the rest of the transaction (MySQL; SQLite's writer is single). */
  async lockGrant(m: EntityManager, memberId: number, templateId: number, at: Date): Promise<GrantRow> {
    const ignore = isSqlite(m) ? 'INSERT OR IGNORE' : 'INSERT IGNORE';
    await execute(m, `${ignore} INTO subscription_grants (member_id, template_id, remaining, unconfirmed, accepted_total, used_total, status, updated_at) VALUES (?, ?, 0, 0, 0, 0, 'active', ?)`, [memberId, templateId, sqlDate(m, at)]);
    const rows: Array<Record<string, unknown>> = await m.query(`SELECT * FROM subscription_grants WHERE member_id = ? AND template_id = ?${forUpdate(m)}`, [memberId, templateId]);
    return toGrant(rows[0]!);
  }

  /** One more send allowed; `unconfirmed` when only the client has reported it so far. */
  async addAccept(m: EntityManager, memberId: number, templateId: number, at: Date, unconfirmed: boolean): Promise<void> {
    await execute(
      m,
      `UPDATE subscription_grants SET remaining = remaining + 1, accepted_total = accepted_total + 1, unconfirmed = unconfirmed + ?, status = 'active', last_accepted_at = ?, updated_at = ? WHERE member_id = ? AND template_id = ?`,
      [unconfirmed ? 1 : 0, sqlDate(m, at), sqlDate(m, at), memberId, templateId],
    );
  }

  async confirmAccept(m: EntityManager, memberId: number, templateId: number, at: Date): Promise<void> {
    await execute(m, 'UPDATE subscription_grants SET unconfirmed = unconfirmed - 1, updated_at = ? WHERE member_id = ? AND template_id = ? AND unconfirmed > 0', [sqlDate(m, at), memberId, templateId]);
  }

  /** An accept the client reported that WeChat says was a reject: its send is taken back if still there. */
  async withdrawAccept(m: EntityManager, memberId: number, templateId: number, at: Date): Promise<void> {
    await execute(
      m,
      `UPDATE subscription_grants SET remaining = CASE WHEN remaining > 0 THEN remaining - 1 ELSE 0 END, accepted_total = accepted_total - 1, unconfirmed = unconfirmed - 1, updated_at = ? WHERE member_id = ? AND template_id = ? AND unconfirmed > 0`,
      [sqlDate(m, at), memberId, templateId],
    );
  }

  /**
   * The conditional decrement for a batch of one template: for each wanted member in the order given
   * (a member may be wanted twice), true when a send was left and is now taken. The grants are locked
   * in member order, then written in one statement: exact under concurrent claims.
   */
  async take(m: EntityManager, templateId: number, memberIds: number[], at: Date): Promise<boolean[]> {
    if (memberIds.length === 0) return [];
    const ids = [...new Set(memberIds)].sort((a, b) => a - b);
    const rows: Array<{ member_id: number; remaining: number; unconfirmed: number }> = await m.query(
      `SELECT member_id, remaining, unconfirmed FROM subscription_grants WHERE template_id = ? AND member_id IN (${placeholders(ids.length)}) ORDER BY member_id${forUpdate(m)}`,
      [templateId, ...ids],
    );
    const left = new Map(rows.map((r) => [Number(r.member_id), { remaining: Number(r.remaining), unconfirmed: Number(r.unconfirmed), used: 0 }]));
    const taken = memberIds.map((id) => {
      const grant = left.get(id);
      if (!grant || grant.remaining <= 0) return false;
      grant.remaining -= 1;
      grant.used += 1;
      // The sends still unconfirmed can be no more than those left.
      grant.unconfirmed = Math.min(grant.unconfirmed, grant.remaining);
      return true;
    });
    const used = [...left].filter(([, g]) => g.used > 0);
    if (used.length > 0) {
      const whens = used.map(() => 'WHEN ? THEN ?').join(' ');
      await execute(
        m,
        `UPDATE subscription_grants SET remaining = CASE member_id ${whens} END, unconfirmed = CASE member_id ${whens} END, used_total = used_total + CASE member_id ${whens} END, updated_at = ? WHERE template_id = ? AND member_id IN (${placeholders(used.length)})`,
        [
          ...used.flatMap(([id, g]) => [id, g.remaining]),
          ...used.flatMap(([id, g]) => [id, g.unconfirmed]),
          ...used.flatMap(([id, g]) => [id, g.used]),
          sqlDate(m, at),
          templateId,
          ...used.map(([id]) => id),
        ],
      );
    }
    return taken;
  }

  async giveBack(m: EntityManager, memberId: number, templateId: number, at: Date): Promise<boolean> {
    const changed = await execute(
      m,
      'UPDATE subscription_grants SET remaining = remaining + 1, used_total = used_total - 1, updated_at = ? WHERE member_id = ? AND template_id = ? AND used_total > 0',
      [sqlDate(m, at), memberId, templateId],
    );
    return changed > 0;
  }

  async credit(m: EntityManager, memberId: number, templateId: number, count: number, at: Date): Promise<void> {
    await this.lockGrant(m, memberId, templateId, at);
    await execute(
      m,
      `UPDATE subscription_grants SET remaining = remaining + ?, accepted_total = accepted_total + ?, status = 'active', last_accepted_at = ?, updated_at = ? WHERE member_id = ? AND template_id = ?`,
      [count, count, sqlDate(m, at), sqlDate(m, at), memberId, templateId],
    );
  }

  /** WeChat refused (43101) or the member turned the template off: nothing can be sent until they accept again. */
  async zero(m: EntityManager, memberId: number, templateId: number, at: Date, status?: 'active' | 'off'): Promise<void> {
    await execute(
      m,
      `UPDATE subscription_grants SET remaining = 0, unconfirmed = 0${status ? ', status = ?' : ''}, updated_at = ? WHERE member_id = ? AND template_id = ?`,
      [...(status ? [status] : []), sqlDate(m, at), memberId, templateId],
    );
  }

  async setStatus(m: EntityManager, memberId: number, templateId: number, status: 'active' | 'off', at: Date): Promise<void> {
    await execute(m, 'UPDATE subscription_grants SET status = ?, updated_at = ? WHERE member_id = ? AND template_id = ?', [status, sqlDate(m, at), memberId, templateId]);
  }

  async grantsOf(m: EntityManager, memberId: number): Promise<GrantRow[]> {
    const rows: Array<Record<string, unknown>> = await m.query('SELECT * FROM subscription_grants WHERE member_id = ?', [memberId]);
    return rows.map(toGrant);
  }

  async grant(m: EntityManager, memberId: number, templateId: number): Promise<GrantRow | null> {
    const rows: Array<Record<string, unknown>> = await m.query('SELECT * FROM subscription_grants WHERE member_id = ? AND template_id = ?', [memberId, templateId]);
    return rows[0] ? toGrant(rows[0]) : null;
  }

  /** Of these members, those with at least one send of the template left. */
  async membersWithQuota(m: EntityManager, templateId: number, memberIds: number[]): Promise<Set<number>> {
    const found = new Set<number>();
    for (let i = 0; i < memberIds.length; i += 1000) {
      const chunk = memberIds.slice(i, i + 1000);
      const rows: Array<{ member_id: number }> = await m.query(`SELECT member_id FROM subscription_grants WHERE template_id = ? AND remaining > 0 AND member_id IN (${placeholders(chunk.length)})`, [templateId, ...chunk]);
      for (const r of rows) found.add(Number(r.member_id));
    }
    return found;
  }

  /** Per template: members with a send left and the sends left in all. */
  async totalsByTemplate(m: EntityManager): Promise<Map<number, { members: number; remaining: number }>> {
    const rows: Array<{ template_id: number; members: number; remaining: number }> = await m.query(
      'SELECT template_id, COUNT(*) AS members, SUM(remaining) AS remaining FROM subscription_grants WHERE remaining > 0 GROUP BY template_id',
    );
    return new Map(rows.map((r) => [Number(r.template_id), { members: Number(r.members), remaining: Number(r.remaining) }]));
  }

  /** The oldest accept from the other source, within the window, still waiting for its pair. */
  async unpairedAccept(m: EntityManager, memberId: number, templateId: number, waitingFor: 'report' | 'confirmation', since: Date): Promise<number | null> {
    const missing = waitingFor === 'report' ? 'reported_at IS NULL AND confirmed_at IS NOT NULL' : 'confirmed_at IS NULL AND reported_at IS NOT NULL';
    const rows: Array<{ id: number }> = await m.query(
      `SELECT id FROM subscription_accepts WHERE member_id = ? AND template_id = ? AND ${missing} AND rejected_at IS NULL AND created_at >= ? ORDER BY id LIMIT 1`,
      [memberId, templateId, sqlDate(m, since)],
    );
    return rows[0] ? Number(rows[0].id) : null;
  }

  async recordAccept(m: EntityManager, accept: Omit<SubscriptionAccept, 'id'>): Promise<number> {
    return insertRow(m, SubscriptionAccept, accept);
  }

  async markAccept(m: EntityManager, id: number, column: 'reported_at' | 'confirmed_at' | 'rejected_at', at: Date): Promise<void> {
    await execute(m, `UPDATE subscription_accepts SET ${column} = ? WHERE id = ?`, [sqlDate(m, at), id]);
  }
}
