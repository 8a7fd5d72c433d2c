import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { execute, forUpdate, fromSqlDate, isSqlite, latestCommitted, sqlDate } from '../common/db/sql';

export interface AppBanWatchState {
  resumedAt: Date | null;
  pausedAt: Date | null;
  pauseReason: string | null;
}

export interface AppBanTally {
  members: number;
  since: Date | null;
}

const WATCH_ID = 1;

function toState(r: Record<string, unknown> | undefined): AppBanWatchState {
  return {
    resumedAt: r?.resumed_at ? fromSqlDate(r.resumed_at as Date | string) : null,
    pausedAt: r?.paused_at ? fromSqlDate(r.paused_at as Date | string) : null,
    pauseReason: (r?.pause_reason as string | null | undefined) ?? null,
  };
}

/** Every SQL statement of `app_ban_reports` and `app_ban_watch`. */
@Injectable()
export class AppBanReportsRepository {
  /**
   * The watch row, locked for the rest of the transaction (MySQL; SQLite's writer is single): each
   * report counts under it, so two reports that reach the threshold together pause once.
   */
  async lockWatch(m: EntityManager): Promise<AppBanWatchState> {
    const select = `SELECT * FROM app_ban_watch WHERE id = ?${forUpdate(m)}`;
    let rows: Array<Record<string, unknown>> = await m.query(select, [WATCH_ID]);
    if (rows.length === 0) {
      // Only before the first report ever; a concurrent first insert is a deadlock the runner retries.
      await execute(m, `${isSqlite(m) ? 'INSERT OR IGNORE' : 'INSERT IGNORE'} INTO app_ban_watch (id, resumed_at, paused_at, pause_reason) VALUES (?, NULL, NULL, NULL)`, [WATCH_ID]);
      rows = await m.query(select, [WATCH_ID]);
    }
    return toState(rows[0]);
  }

  async watch(m: EntityManager): Promise<AppBanWatchState> {
    const rows: Array<Record<string, unknown>> = await m.query('SELECT * FROM app_ban_watch WHERE id = ?', [WATCH_ID]);
    return toState(rows[0]);
  }

  /** The member's latest report: one row per member, however often they report. */
  async record(m: EntityManager, memberId: number, at: Date): Promise<void> {
    const conflict = isSqlite(m) ? 'ON CONFLICT (member_id) DO UPDATE SET reported_at = excluded.reported_at' : 'ON DUPLICATE KEY UPDATE reported_at = VALUES(reported_at)';
    await execute(m, `INSERT INTO app_ban_reports (member_id, reported_at) VALUES (?, ?) ${conflict}`, [memberId, sqlDate(m, at)]);
  }

  /** Members whose latest report is at or after `from`; under lockWatch it sees reports committed while this transaction waited. */
  async tally(m: EntityManager, from: Date, underLock: boolean): Promise<AppBanTally> {
    const rows: Array<{ n: number | string; since: Date | string | null }> = await m.query(
      `SELECT COUNT(*) AS n, MIN(reported_at) AS since FROM app_ban_reports WHERE reported_at >= ?${underLock ? latestCommitted(m) : ''}`,
      [sqlDate(m, from)],
    );
    const row = rows[0];
    return { members: Number(row?.n ?? 0), since: row?.since ? fromSqlDate(row.since) : null };
  }

  async markPaused(m: EntityManager, at: Date, reason: string): Promise<void> {
    await execute(m, 'UPDATE app_ban_watch SET paused_at = ?, pause_reason = ? WHERE id = ?', [sqlDate(m, at), reason.slice(0, 255), WATCH_ID]);
  }

  /** HQ resumed after a ban pause: counting starts again from `at`. False when the reports had not paused anything. */
  async markResumed(m: EntityManager, at: Date): Promise<boolean> {
    return (await execute(m, 'UPDATE app_ban_watch SET resumed_at = ?, paused_at = NULL, pause_reason = NULL WHERE id = ? AND paused_at IS NOT NULL', [sqlDate(m, at), WATCH_ID])) === 1;
  }
}
