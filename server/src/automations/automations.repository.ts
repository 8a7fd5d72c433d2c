import { Injectable } from '@nestjs/common';
import { AutomationKind } from '@huiyuan/shared-types';
import { EntityManager } from 'typeorm';
import { isDuplicateKeyError } from '../common/db/db-errors';
import { addDays } from '../common/time/business-date';
import { execute, findRow, fromSqlDate, insertRow, isSqlite, sqlDate } from '../common/db/sql';
import { AutomationOccurrence } from './entities/automation-occurrence.entity';
import { Automation } from './entities/automation.entity';

export interface Moment {
  memberId: number;
  /** The trigger's business day (YYYY-MM-DD). */
  day: string;
}

/** Every SQL statement of automations and automation_occurrences, and the reads of the moments they answer. */
@Injectable()
export class AutomationsRepository {
  async all(m: EntityManager): Promise<Automation[]> {
    return m.getRepository(Automation).find({ order: { id: 'ASC' } });
  }

  byKind(m: EntityManager, kind: AutomationKind): Promise<Automation | null> {
    return findRow(m, Automation, { kind });
  }

  /** One row per kind, made on first read; two instances making it at once keep one. */
  async ensure(m: EntityManager, kind: AutomationKind, fieldValues: Record<string, string>, days: number): Promise<void> {
    const ignore = isSqlite(m) ? 'INSERT OR IGNORE' : 'INSERT IGNORE';
    await execute(m, `${ignore} INTO automations (kind, enabled, field_values, points_award, timing_days) VALUES (?, ?, ?, 0, ?)`, [kind, isSqlite(m) ? 0 : false, JSON.stringify(fieldValues), days]);
  }

  async update(m: EntityManager, id: number, changes: Partial<Automation>): Promise<void> {
    await m.getRepository(Automation).update({ id }, changes);
  }

  /** The occurrence, once: null when this (automation, member, occurrence) was answered before. */
  async claimOccurrence(m: EntityManager, row: Omit<AutomationOccurrence, 'id' | 'couponId' | 'points'>): Promise<number | null> {
    try {
      return await insertRow(m, AutomationOccurrence, { ...row, couponId: null, points: 0 });
    } catch (error) {
      if (isDuplicateKeyError(error)) return null;
      throw error;
    }
  }

  async recordAwards(m: EntityManager, occurrenceId: number, couponId: number | null, points: number): Promise<void> {
    await execute(m, 'UPDATE automation_occurrences SET coupon_id = ?, points = ? WHERE id = ?', [couponId, points, occurrenceId]);
  }

  async countsSince(m: EntityManager, since: Date): Promise<Map<number, { fired: number; expired: number }>> {
    const rows: Array<{ automation_id: number; status: string; n: number }> = await m.query(
      'SELECT automation_id, status, COUNT(*) AS n FROM automation_occurrences WHERE created_at >= ? GROUP BY automation_id, status',
      [sqlDate(m, since)],
    );
    const counts = new Map<number, { fired: number; expired: number }>();
    for (const r of rows) {
      const c = counts.get(Number(r.automation_id)) ?? { fired: 0, expired: 0 };
      if (r.status === 'fired') c.fired += Number(r.n);
      else c.expired += Number(r.n);
      counts.set(Number(r.automation_id), c);
    }
    return counts;
  }

  async recent(m: EntityManager, automationId: number, limit: number): Promise<Array<{ id: number; memberId: number; cardNo: string; nickname: string | null; occurrenceKey: string; status: 'fired' | 'expired'; couponCode: string | null; points: number; createdAt: Date }>> {
    const rows: Array<Record<string, unknown>> = await m.query(
      `SELECT o.id, o.member_id, mb.card_no, mb.nickname, o.occurrence_key, o.status, c.code AS coupon_code, o.points, o.created_at
       FROM automation_occurrences o JOIN members mb ON mb.id = o.member_id LEFT JOIN coupons c ON c.id = o.coupon_id
       WHERE o.automation_id = ? ORDER BY o.id DESC LIMIT ${Number(limit)}`,
      [automationId],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      memberId: Number(r.member_id),
      cardNo: String(r.card_no),
      nickname: r.nickname === null ? null : String(r.nickname),
      occurrenceKey: String(r.occurrence_key),
      status: r.status as 'fired' | 'expired',
      couponCode: r.coupon_code === null ? null : String(r.coupon_code),
      points: Number(r.points),
      createdAt: fromSqlDate(r.created_at as Date | string),
    }));
  }

  // Moments, each as (member, trigger day). Datetimes are bounded in UTC by the caller's business days.

  /** Members whose first purchase ever was in [from, to). */
  async firstPurchases(m: EntityManager, from: Date, to: Date): Promise<Array<{ memberId: number; at: Date }>> {
    const rows: Array<{ member_id: number; first_at: Date | string }> = await m.query(
      `SELECT p.member_id, MIN(p.created_at) AS first_at FROM purchases p JOIN members mb ON mb.id = p.member_id
       WHERE p.created_at >= ? AND p.created_at < ? AND mb.status = 'active'
         AND NOT EXISTS (SELECT 1 FROM purchases q WHERE q.member_id = p.member_id AND q.created_at < ?)
       GROUP BY p.member_id`,
      [sqlDate(m, from), sqlDate(m, to), sqlDate(m, from)],
    );
    return rows.map((r) => ({ memberId: Number(r.member_id), at: fromSqlDate(r.first_at) }));
  }

  /** Members whose next birthday (member_stats, indexed) is in [from, to]. */
  async birthdays(m: EntityManager, from: string, to: string): Promise<Moment[]> {
    const rows: Array<{ member_id: number; next_birthday: string }> = await m.query(
      `SELECT s.member_id, s.next_birthday FROM member_stats s JOIN members mb ON mb.id = s.member_id
       WHERE s.next_birthday >= ? AND s.next_birthday <= ? AND mb.status = 'active'`,
      [from, to],
    );
    return rows.map((r) => ({ memberId: Number(r.member_id), day: String(r.next_birthday) }));
  }

  /** Members with points left in lots that expire in [from, to), with each lot's expiry. */
  async expiringLots(m: EntityManager, from: Date, to: Date): Promise<Array<{ memberId: number; expiresAt: Date; remaining: number }>> {
    const rows: Array<{ member_id: number; expires_at: Date | string; remaining: number }> = await m.query(
      `SELECT l.member_id, l.expires_at, l.remaining FROM points_lots l JOIN members mb ON mb.id = l.member_id
       WHERE l.expires_at >= ? AND l.expires_at < ? AND l.remaining > 0 AND mb.status = 'active'`,
      [sqlDate(m, from), sqlDate(m, to)],
    );
    return rows.map((r) => ({ memberId: Number(r.member_id), expiresAt: fromSqlDate(r.expires_at), remaining: Number(r.remaining) }));
  }

  /** Unused coupons that stop being valid in [from, to). */
  async expiringCoupons(m: EntityManager, from: Date, to: Date): Promise<Array<{ memberId: number; expiresAt: Date }>> {
    const rows: Array<{ member_id: number; expires_at: Date | string }> = await m.query(
      `SELECT c.member_id, c.expires_at FROM coupons c JOIN members mb ON mb.id = c.member_id
       WHERE c.status = 'active' AND c.expires_at >= ? AND c.expires_at < ? AND mb.status = 'active'`,
      [sqlDate(m, from), sqlDate(m, to)],
    );
    return rows.map((r) => ({ memberId: Number(r.member_id), expiresAt: fromSqlDate(r.expires_at) }));
  }

  /**
   * Members who can receive the template (an accept left, given before `acceptedBefore`) and have not
   * checked in on `day`, with the streak they would break (yesterday's), less those already answered.
   */
  async notCheckedIn(m: EntityManager, automationId: number, templateId: number, day: string, occurrenceKey: string, acceptedBefore: Date): Promise<Array<{ memberId: number; streak: number }>> {
    const rows: Array<{ member_id: number; streak: number | null }> = await m.query(
      `SELECT g.member_id, (SELECT c.streak FROM checkins c WHERE c.member_id = g.member_id AND c.day = ?) AS streak
       FROM subscription_grants g JOIN members mb ON mb.id = g.member_id
       WHERE g.template_id = ? AND g.remaining > 0 AND g.status = 'active' AND g.last_accepted_at < ? AND mb.status = 'active'
         AND NOT EXISTS (SELECT 1 FROM checkins c WHERE c.member_id = g.member_id AND c.day = ?)
         AND NOT EXISTS (SELECT 1 FROM automation_occurrences o WHERE o.automation_id = ? AND o.member_id = g.member_id AND o.occurrence_key = ?)`,
      [addDays(day, -1), templateId, sqlDate(m, acceptedBefore), day, automationId, occurrenceKey],
    );
    return rows.map((r) => ({ memberId: Number(r.member_id), streak: Number(r.streak ?? 0) }));
  }

  /** Members who can receive the template (an accept left), less those this occurrence already answered. */
  async subscribers(m: EntityManager, automationId: number, templateId: number, occurrenceKey: string): Promise<number[]> {
    const rows: Array<{ member_id: number }> = await m.query(
      `SELECT g.member_id FROM subscription_grants g JOIN members mb ON mb.id = g.member_id
       WHERE g.template_id = ? AND g.remaining > 0 AND g.status = 'active' AND mb.status = 'active'
         AND NOT EXISTS (SELECT 1 FROM automation_occurrences o WHERE o.automation_id = ? AND o.member_id = g.member_id AND o.occurrence_key = ?)`,
      [templateId, automationId, occurrenceKey],
    );
    return rows.map((r) => Number(r.member_id));
  }

  /** The member's growth now, and the entry growth and name of the tier they fell from. */
  async returnPath(m: EntityManager, memberId: number, fromTierId: number): Promise<{ growth: number; tierName: string; entryGrowth: number } | null> {
    const rows: Array<{ growth: number; name: string; entry_growth: number }> = await m.query('SELECT mb.growth, t.name, t.entry_growth FROM members mb JOIN tiers t ON t.id = ? WHERE mb.id = ?', [fromTierId, memberId]);
    const r = rows[0];
    return r ? { growth: Number(r.growth), tierName: String(r.name), entryGrowth: Number(r.entry_growth) } : null;
  }

  async ruleTagKey(m: EntityManager, tagId: number): Promise<string | null> {
    const rows: Array<{ rule_key: string | null }> = await m.query('SELECT rule_key FROM tags WHERE id = ?', [tagId]);
    return rows[0]?.rule_key ?? null;
  }

  /** Members whose birthday is `day` and whose tier gives birthday points. */
  async birthdayBonuses(m: EntityManager, day: string): Promise<Array<{ memberId: number; points: number; tierName: string }>> {
    const rows: Array<{ member_id: number; birthday_bonus_points: number; name: string }> = await m.query(
      `SELECT s.member_id, t.birthday_bonus_points, t.name FROM member_stats s JOIN members mb ON mb.id = s.member_id JOIN tiers t ON t.id = mb.tier_id
       WHERE s.next_birthday = ? AND mb.status = 'active' AND t.birthday_bonus_points > 0`,
      [day],
    );
    return rows.map((r) => ({ memberId: Number(r.member_id), points: Number(r.birthday_bonus_points), tierName: String(r.name) }));
  }
}
