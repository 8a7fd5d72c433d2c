import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { execute, isSqlite, sqlDate } from '../common/db/sql';

/** Every SQL statement of `campaign_week_counts`. */
@Injectable()
export class CampaignWeekCountsRepository {
  /**
   * Makes each member's row for the week, in member order. Run in a transaction of its own before
   * the claims: an INSERT that meets an existing key takes a shared lock, and two claims holding it
   * on one row would deadlock when both go on to update it.
   */
  async ensure(m: EntityManager, memberIds: number[], weekStart: Date): Promise<void> {
    const ids = [...new Set(memberIds)].sort((a, b) => a - b);
    if (ids.length === 0) return;
    const ignore = isSqlite(m) ? 'INSERT OR IGNORE' : 'INSERT IGNORE';
    const week = sqlDate(m, weekStart);
    await execute(m, `${ignore} INTO campaign_week_counts (member_id, week_start, messages) VALUES ${ids.map(() => '(?, ?, 0)').join(', ')}`, ids.flatMap((id) => [id, week]));
  }

  /** One more campaign message this week, unless the member already has `cap` (null: no cap, still counted). */
  async take(m: EntityManager, memberId: number, weekStart: Date, cap: number | null): Promise<boolean> {
    const limit = cap === null ? '' : ' AND messages < ?';
    const changed = await execute(m, `UPDATE campaign_week_counts SET messages = messages + 1 WHERE member_id = ? AND week_start = ?${limit}`, [memberId, sqlDate(m, weekStart), ...(cap === null ? [] : [cap])]);
    return changed === 1;
  }

  /** A claimed message that was not sent no longer counts. */
  async giveBack(m: EntityManager, memberId: number, weekStart: Date): Promise<void> {
    await execute(m, 'UPDATE campaign_week_counts SET messages = messages - 1 WHERE member_id = ? AND week_start = ? AND messages > 0', [memberId, sqlDate(m, weekStart)]);
  }

  /** Campaign messages each member has had (or is being sent) in the week. */
  async counts(m: EntityManager, memberIds: number[], weekStart: Date): Promise<Map<number, number>> {
    const found = new Map<number, number>();
    for (let i = 0; i < memberIds.length; i += 1000) {
      const chunk = memberIds.slice(i, i + 1000);
      const rows: Array<{ member_id: number; messages: number }> = await m.query(
        `SELECT member_id, messages FROM campaign_week_counts WHERE week_start = ? AND messages > 0 AND member_id IN (${chunk.map(() => '?').join(', ')})`,
        [sqlDate(m, weekStart), ...chunk],
      );
      for (const r of rows) found.set(Number(r.member_id), Number(r.messages));
    }
    return found;
  }

  /** Weeks before `weekStart` no longer matter to any cap. */
  async forgetBefore(m: EntityManager, weekStart: Date): Promise<number> {
    return execute(m, 'DELETE FROM campaign_week_counts WHERE week_start < ?', [sqlDate(m, weekStart)]);
  }
}
