import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ReferralFlagReason, ReferralState } from '@huiyuan/shared-types';
import { DataSource, EntityManager } from 'typeorm';
import { execute, forUpdate, fromSqlDate, insertRow, latestCommitted, sqlDate } from '../common/db/sql';
import { ReferralReward } from './entities/referral-reward.entity';
import { Referral } from './entities/referral.entity';

export interface DueReferral {
  id: number;
  referrerId: number;
  refereeId: number;
  state: ReferralState;
  purchaseId: number | null;
  releaseAt: Date | null;
  flagReason: ReferralFlagReason | null;
}

export interface ReviewRow {
  id: number;
  state: ReferralState;
  flag_reason: ReferralFlagReason | null;
  joined_at: Date | string;
  qualified_at: Date | string | null;
  referrer_id: number;
  referrer_card: string;
  referrer_nickname: string | null;
  referee_id: number;
  referee_card: string;
  referee_nickname: string | null;
}

export interface Invitation {
  state: ReferralState;
  joinedAt: Date;
  nickname: string | null;
  points: number;
}

/**
 * Every statement on `referrals` and `referral_rewards`. The lists join the members they name
 * (read only: members' rows are written by the members feature alone).
 */
@Injectable()
export class ReferralsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A referred member's referrer and join time, and the referral row if it exists yet. */
  async referee(refereeId: number, manager: EntityManager = this.dataSource.manager): Promise<{ referrerId: number | null; joinedAt: Date; referralId: number | null } | null> {
    const rows = await manager.query<Array<{ referrer_id: number | null; created_at: Date | string; referral_id: number | null }>>(
      'SELECT m.referrer_id, m.created_at, r.id AS referral_id FROM members m LEFT JOIN referrals r ON r.referee_id = m.id WHERE m.id = ?',
      [refereeId],
    );
    const row = rows[0];
    if (!row) return null;
    return { referrerId: row.referrer_id === null ? null : Number(row.referrer_id), joinedAt: fromSqlDate(row.created_at), referralId: row.referral_id === null ? null : Number(row.referral_id) };
  }

  /** The unique key on the referee makes a second row for the same friend fail: the caller reads the first. */
  async insert(manager: EntityManager, referral: Omit<Referral, 'id'>): Promise<number> {
    return insertRow(manager, Referral, referral);
  }

  /** joined → qualified (or held through a purchase's refund window); false when it had already moved on. */
  async qualify(manager: EntityManager, id: number, change: { state: 'qualified' | 'held'; at: Date; purchaseId: number | null; releaseAt: Date }): Promise<boolean> {
    const changed = await execute(manager, "UPDATE referrals SET state = ?, qualified_at = ?, purchase_id = ?, release_at = ? WHERE id = ? AND state = 'joined'", [
      change.state,
      sqlDate(manager, change.at),
      change.purchaseId,
      sqlDate(manager, change.releaseAt),
      id,
    ]);
    return changed === 1;
  }

  async referrerOf(manager: EntityManager, id: number): Promise<number | null> {
    const rows = await manager.query<Array<{ referrer_id: number }>>('SELECT referrer_id FROM referrals WHERE id = ?', [id]);
    return rows[0] ? Number(rows[0].referrer_id) : null;
  }

  /** Locks the referral for the rest of the transaction: a release and a review never settle it twice. */
  async lock(manager: EntityManager, id: number): Promise<DueReferral | null> {
    const rows = await manager.query<Array<{ id: number; referrer_id: number; referee_id: number; state: ReferralState; purchase_id: number | null; release_at: Date | string | null; flag_reason: ReferralFlagReason | null }>>(
      `SELECT id, referrer_id, referee_id, state, purchase_id, release_at, flag_reason FROM referrals WHERE id = ?${forUpdate(manager)}`,
      [id],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      id: Number(r.id),
      referrerId: Number(r.referrer_id),
      refereeId: Number(r.referee_id),
      state: r.state,
      purchaseId: r.purchase_id === null ? null : Number(r.purchase_id),
      releaseAt: r.release_at === null ? null : fromSqlDate(r.release_at),
      flagReason: r.flag_reason,
    };
  }

  /** Refunded in full: back to joined, so a later purchase may qualify the friend again. */
  async requalify(manager: EntityManager, id: number): Promise<void> {
    await execute(manager, "UPDATE referrals SET state = 'joined', purchase_id = NULL, release_at = NULL, qualified_at = NULL WHERE id = ?", [id]);
  }

  async flag(manager: EntityManager, id: number, reason: ReferralFlagReason, at: Date): Promise<void> {
    await execute(manager, "UPDATE referrals SET state = 'flagged', flag_reason = ?, settled_at = ? WHERE id = ?", [reason, sqlDate(manager, at), id]);
  }

  async reward(manager: EntityManager, id: number, day: string, at: Date): Promise<void> {
    await execute(manager, "UPDATE referrals SET state = 'rewarded', rewarded_day = ?, settled_at = ? WHERE id = ?", [day, sqlDate(manager, at), id]);
  }

  /** HQ's decision on a flagged referral; an approval counts on the day it is made. */
  async decide(manager: EntityManager, id: number, decision: { state: 'approved' | 'rejected'; staffId: number; at: Date; rewardedDay: string | null }): Promise<void> {
    await execute(manager, `UPDATE referrals SET state = ?, reviewed_by = ?, settled_at = ?${decision.rewardedDay ? ', rewarded_day = ?' : ''} WHERE id = ? AND state = 'flagged'`, [
      decision.state,
      decision.staffId,
      sqlDate(manager, decision.at),
      ...(decision.rewardedDay ? [decision.rewardedDay] : []),
      id,
    ]);
  }

  /** A referrer's rewarded referrals today and this month, for the caps. */
  /** Read under the referrer's lock: the rewards another release committed while this one waited count. */
  async rewardedCounts(manager: EntityManager, referrerId: number, today: string): Promise<{ today: number; month: number }> {
    const counts = await manager.query<Array<{ today: number | null; month: number | null }>>(
      `SELECT SUM(CASE WHEN rewarded_day = ? THEN 1 ELSE 0 END) AS today, COUNT(*) AS month FROM referrals WHERE referrer_id = ? AND rewarded_day >= ? AND rewarded_day <= ?${latestCommitted(manager)}`,
      [today, referrerId, `${today.slice(0, 7)}-01`, today],
    );
    return { today: Number(counts[0]?.today ?? 0), month: Number(counts[0]?.month ?? 0) };
  }

  /** Referred members with no referral row: their join event was lost. */
  async refereesWithoutReferral(limit: number): Promise<number[]> {
    const rows = await this.dataSource.query<Array<{ id: number }>>(`SELECT m.id FROM members m LEFT JOIN referrals r ON r.referee_id = m.id WHERE m.referrer_id IS NOT NULL AND r.id IS NULL ORDER BY m.id LIMIT ${limit}`);
    return rows.map((r) => Number(r.id));
  }

  async dueBy(at: Date, limit: number): Promise<number[]> {
    const rows = await this.dataSource.query<Array<{ id: number }>>(`SELECT id FROM referrals WHERE state IN ('qualified', 'held') AND release_at <= ? ORDER BY release_at LIMIT ${limit}`, [
      sqlDate(this.dataSource.manager, at),
    ]);
    return rows.map((r) => Number(r.id));
  }

  async insertReward(manager: EntityManager, reward: Omit<ReferralReward, 'id'>): Promise<void> {
    await insertRow(manager, ReferralReward, reward);
  }

  async invitations(referrerId: number, limit: number): Promise<Invitation[]> {
    const rows = await this.dataSource.query<Array<{ state: ReferralState; joined_at: Date | string; nickname: string | null; points: number | null }>>(
      `SELECT r.state, r.joined_at, m.nickname, w.points FROM referrals r
       JOIN members m ON m.id = r.referee_id
       LEFT JOIN referral_rewards w ON w.referral_id = r.id AND w.role = 'referrer'
       WHERE r.referrer_id = ? ORDER BY r.id DESC LIMIT ${limit}`,
      [referrerId],
    );
    return rows.map((r) => ({ state: r.state, joinedAt: fromSqlDate(r.joined_at), nickname: r.nickname, points: Number(r.points ?? 0) }));
  }

  async rewardPointsOf(memberId: number): Promise<number> {
    const rows = await this.dataSource.query<Array<{ total: number | null }>>('SELECT SUM(points) AS total FROM referral_rewards WHERE member_id = ?', [memberId]);
    return Number(rows[0]?.total ?? 0);
  }

  async flaggedAfter(afterId: number, limit: number): Promise<ReviewRow[]> {
    return this.reviewRows(this.dataSource.manager, "r.state = 'flagged' AND r.id > ?", [afterId], limit);
  }

  async reviewOf(manager: EntityManager, id: number): Promise<ReviewRow | null> {
    const [row] = await this.reviewRows(manager, 'r.id = ?', [id], 1);
    return row ?? null;
  }

  private reviewRows(manager: EntityManager, where: string, parameters: unknown[], limit: number): Promise<ReviewRow[]> {
    return manager.query<ReviewRow[]>(
      `SELECT r.id, r.state, r.flag_reason, r.joined_at, r.qualified_at,
              a.id AS referrer_id, a.card_no AS referrer_card, a.nickname AS referrer_nickname,
              b.id AS referee_id, b.card_no AS referee_card, b.nickname AS referee_nickname
       FROM referrals r JOIN members a ON a.id = r.referrer_id JOIN members b ON b.id = r.referee_id
       WHERE ${where} ORDER BY r.id LIMIT ${limit}`,
      parameters,
    );
  }
}
