import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { execute, forUpdate, insertRow } from '../common/db/sql';
import { CheckedDay } from './checkin-rules';
import { Checkin } from './entities/checkin.entity';

/** What a check-in answered, read back for a repeat: its row and the balance its ledger entry left. */
export interface RecordedCheckin {
  day: string;
  kind: 'daily' | 'makeup';
  streak: number;
  points: number;
  bonus: number;
  costPoints: number;
  balanceAfter: number | null;
}

/**
 * Every statement on `checkins`. Reads outside a transaction go straight to the pool; the ones a
 * use case makes inside its transaction take that transaction's manager.
 */
@Injectable()
export class CheckinRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The hot path's one read: the member's tier (only while active) and yesterday's check-in, in a
   * single statement. Null when there is no active member.
   */
  async memberAndYesterday(manager: EntityManager, memberId: number, yesterday: string): Promise<{ tierId: number; yesterday: CheckedDay | null } | null> {
    const rows = await manager.query<Array<{ tier_id: number; day: string | null; streak: number | null }>>(
      "SELECT m.tier_id, c.day, c.streak FROM members m LEFT JOIN checkins c ON c.member_id = m.id AND c.day = ? WHERE m.id = ? AND m.status = 'active'",
      [yesterday, memberId],
    );
    const row = rows[0];
    if (!row) return null;
    return { tierId: Number(row.tier_id), yesterday: row.day === null ? null : { day: row.day, streak: Number(row.streak) } };
  }

  /** The unique key (member, day) refuses a second row for the day: the caller answers with the first. */
  async insert(manager: EntityManager, checkin: Omit<Checkin, 'id'>): Promise<number> {
    return insertRow(manager, Checkin, checkin);
  }

  async daysBetween(memberId: number, from: string, to: string): Promise<Array<{ day: string; kind: string }>> {
    return this.dataSource.query('SELECT day, kind FROM checkins WHERE member_id = ? AND day >= ? AND day <= ? ORDER BY day', [memberId, from, to]);
  }

  async makeupsBetween(memberId: number, from: string, to: string, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const rows = await manager.query<Array<{ n: number }>>("SELECT COUNT(*) AS n FROM checkins WHERE member_id = ? AND kind = 'makeup' AND day >= ? AND day <= ?", [memberId, from, to]);
    return Number(rows[0]?.n ?? 0);
  }

  async lastOnOrBefore(memberId: number, day: string): Promise<CheckedDay | null> {
    const rows = await this.dataSource.query<Array<{ day: string; streak: number }>>('SELECT day, streak FROM checkins WHERE member_id = ? AND day <= ? ORDER BY day DESC LIMIT 1', [memberId, day]);
    return rows[0] ? { day: rows[0].day, streak: Number(rows[0].streak) } : null;
  }

  async on(manager: EntityManager, memberId: number, day: string): Promise<CheckedDay | null> {
    const rows = await manager.query<Array<{ streak: number }>>('SELECT streak FROM checkins WHERE member_id = ? AND day = ?', [memberId, day]);
    return rows[0] ? { day, streak: Number(rows[0].streak) } : null;
  }

  /** Locking read: a check-in of today still in flight must be seen, or its streak would stay short. */
  async lockAfter(manager: EntityManager, memberId: number, after: string, until: string): Promise<CheckedDay[]> {
    const rows = await manager.query<Array<{ day: string; streak: number }>>(`SELECT day, streak FROM checkins WHERE member_id = ? AND day > ? AND day <= ? ORDER BY day${forUpdate(manager)}`, [memberId, after, until]);
    return rows.map((r) => ({ day: r.day, streak: Number(r.streak) }));
  }

  async setStreak(manager: EntityManager, memberId: number, day: string, streak: number): Promise<void> {
    await execute(manager, 'UPDATE checkins SET streak = ? WHERE member_id = ? AND day = ?', [streak, memberId, day]);
  }

  /** The row of a day and the balance the posting with `dedupeKey` left (null when it posted nothing). */
  async recorded(memberId: number, day: string, dedupeKey: string): Promise<RecordedCheckin | null> {
    const rows = await this.dataSource.query<Array<{ day: string; kind: 'daily' | 'makeup'; streak: number; points: number; bonus: number; cost_points: number; balance_after: number | null }>>(
      'SELECT c.day, c.kind, c.streak, c.points, c.bonus, c.cost_points, l.balance_after FROM checkins c LEFT JOIN points_ledger l ON l.dedupe_key = ? WHERE c.member_id = ? AND c.day = ?',
      [dedupeKey, memberId, day],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      day: row.day,
      kind: row.kind,
      streak: Number(row.streak),
      points: Number(row.points),
      bonus: Number(row.bonus),
      costPoints: Number(row.cost_points),
      balanceAfter: row.balance_after === null ? null : Number(row.balance_after),
    };
  }
}
