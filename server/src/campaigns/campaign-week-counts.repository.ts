import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { execute, forUpdate, isSqlite, sqlDate } from '../common/db/sql';

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

  /**
   * One more campaign message this week for each want, in the order given, unless the member already
   * has its `cap` (null: no cap, still counted); a member may be wanted twice. The rows are locked
   * in member order, then written in one statement: exact under concurrent claims.
   */
  async take(m: EntityManager, weekStart: Date, wants: Array<{ memberId: number; cap: number | null }>): Promise<boolean[]> {
    if (wants.length === 0) return [];
    const week = sqlDate(m, weekStart);
    const ids = [...new Set(wants.map((w) => w.memberId))].sort((a, b) => a - b);
    const rows: Array<{ member_id: number; messages: number }> = await m.query(
      `SELECT member_id, messages FROM campaign_week_counts WHERE week_start = ? AND member_id IN (${ids.map(() => '?').join(', ')}) ORDER BY member_id${forUpdate(m)}`,
      [week, ...ids],
    );
    const messages = new Map(rows.map((r) => [Number(r.member_id), Number(r.messages)]));
    const before = new Map(messages);
    const taken = wants.map(({ memberId, cap }) => {
      const count = messages.get(memberId);
      if (count === undefined || (cap !== null && count >= cap)) return false;
      messages.set(memberId, count + 1);
      return true;
    });
    const changed = [...messages].filter(([id, count]) => before.get(id) !== count);
    if (changed.length > 0) {
      await execute(
        m,
        `UPDATE campaign_week_counts SET messages = CASE member_id ${changed.map(() => 'WHEN ? THEN ?').join(' ')} END WHERE week_start = ? AND member_id IN (${changed.map(() => '?').join(', ')})`,
        [...changed.flat(), week, ...changed.map(([id]) => id)],
      );
    }
    return taken;
  }

  /** Claimed messages that were not sent no longer count (a member listed twice, two of theirs). */
  async giveBack(m: EntityManager, weekStart: Date, memberIds: number[]): Promise<void> {
    if (memberIds.length === 0) return;
    const times = new Map<number, number>();
    for (const id of [...memberIds].sort((a, b) => a - b)) times.set(id, (times.get(id) ?? 0) + 1);
    const whens = [...times].map(() => 'WHEN ? THEN ?').join(' ');
    // Never below zero: a count is what was taken, so it only goes there if a week's rows were forgotten.
    await execute(
      m,
      `UPDATE campaign_week_counts SET messages = CASE WHEN messages > CASE member_id ${whens} END THEN messages - CASE member_id ${whens} END ELSE 0 END WHERE week_start = ? AND member_id IN (${[...times].map(() => '?').join(', ')})`,
      [...[...times].flat(), ...[...times].flat(), sqlDate(m, weekStart), ...times.keys()],
    );
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
