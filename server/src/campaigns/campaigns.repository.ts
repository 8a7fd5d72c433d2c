import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { execute, findRow, insertRow, latestCommitted, sqlDate } from '../common/db/sql';
import { Campaign } from './entities/campaign.entity';

export type CampaignStatus = 'draft' | 'scheduled' | 'sending' | 'paused' | 'completed' | 'cancelled';

/** Every SQL statement of `campaigns`. A status change is conditional on the status it leaves. */
@Injectable()
export class CampaignsRepository {
  async create(m: EntityManager, campaign: Omit<Campaign, 'id'>): Promise<number> {
    return insertRow(m, Campaign, campaign);
  }

  async byId(m: EntityManager, id: number): Promise<Campaign | null> {
    return findRow(m, Campaign, { id });
  }

  /**
   * Which of these campaigns are sending, read under a shared lock: a claim holding it cannot overlap
   * a pause or cancel (their update waits for the claim, and a claim after them sees their status).
   */
  async sendingForClaim(m: EntityManager, ids: number[]): Promise<Set<number>> {
    if (ids.length === 0) return new Set();
    const rows: Array<{ id: number }> = await m.query(`SELECT id FROM campaigns WHERE id IN (${ids.map(() => '?').join(', ')}) AND status = 'sending' ORDER BY id${latestCommitted(m)}`, ids);
    return new Set(rows.map((r) => Number(r.id)));
  }

  async list(m: EntityManager, beforeId: number | null, limit: number): Promise<Campaign[]> {
    const qb = m.createQueryBuilder(Campaign, 'c').orderBy('c.id', 'DESC').limit(limit);
    if (beforeId) qb.where('c.id < :beforeId', { beforeId });
    return qb.getMany();
  }

  async update(m: EntityManager, id: number, changes: Partial<Omit<Campaign, 'id'>>): Promise<void> {
    await m.update(Campaign, { id }, changes);
  }

  /** Moves a campaign on only from the status it was seen in; false when someone else moved it first. */
  async transition(m: EntityManager, id: number, from: CampaignStatus[], to: CampaignStatus, changes: { at: Date; pauseReason?: string | null; startedAt?: Date; finishedAt?: Date; snapshotId?: number }): Promise<boolean> {
    const sets = ['status = ?', 'updated_at = ?'];
    const params: unknown[] = [to, sqlDate(m, changes.at)];
    if (changes.pauseReason !== undefined) (sets.push('pause_reason = ?'), params.push(changes.pauseReason));
    if (changes.startedAt) (sets.push('started_at = ?'), params.push(sqlDate(m, changes.startedAt)));
    if (changes.finishedAt) (sets.push('finished_at = ?'), params.push(sqlDate(m, changes.finishedAt)));
    if (changes.snapshotId !== undefined) (sets.push('snapshot_id = ?'), params.push(changes.snapshotId));
    return (await execute(m, `UPDATE campaigns SET ${sets.join(', ')} WHERE id = ? AND status IN (${from.map(() => '?').join(', ')})`, [...params, id, ...from])) === 1;
  }

  async advanceFanout(m: EntityManager, id: number, after: number, done: boolean): Promise<void> {
    await execute(m, 'UPDATE campaigns SET fanout_after = ?, fanout_done = ? WHERE id = ?', [after, done ? 1 : 0, id]);
  }

  async addOutcomes(m: EntityManager, id: number, sent: number, failed: number): Promise<void> {
    if (sent === 0 && failed === 0) return;
    await execute(m, 'UPDATE campaigns SET sent_count = sent_count + ?, failed_count = failed_count + ? WHERE id = ?', [sent, failed, id]);
  }

  /** Campaigns started within [from, to), newest first: the dashboard's funnels. */
  async startedBetween(m: EntityManager, from: Date, to: Date): Promise<Campaign[]> {
    return m.createQueryBuilder(Campaign, 'c').where('c.started_at >= :from AND c.started_at < :to', { from: sqlDate(m, from), to: sqlDate(m, to) }).orderBy('c.started_at', 'DESC').addOrderBy('c.id', 'DESC').getMany();
  }

  /** Scheduled campaigns whose time has come. */
  async dueScheduled(m: EntityManager, now: Date): Promise<number[]> {
    const rows: Array<{ id: number }> = await m.query("SELECT id FROM campaigns WHERE status = 'scheduled' AND send_at <= ? ORDER BY id", [sqlDate(m, now)]);
    return rows.map((r) => Number(r.id));
  }

  /** Campaigns being sent: the sweep finishes their fan-out and marks them completed. */
  async sendingIds(m: EntityManager): Promise<Array<{ id: number; fanoutDone: boolean }>> {
    const rows: Array<{ id: number; fanout_done: number | boolean }> = await m.query("SELECT id, fanout_done FROM campaigns WHERE status = 'sending'");
    return rows.map((r) => ({ id: Number(r.id), fanoutDone: Boolean(Number(r.fanout_done)) }));
  }

  /** Every campaign being sent is paused at once (the app was banned). */
  async pauseAllSending(m: EntityManager, reason: string, at: Date): Promise<number[]> {
    const rows: Array<{ id: number }> = await m.query("SELECT id FROM campaigns WHERE status IN ('sending', 'scheduled')");
    const ids = rows.map((r) => Number(r.id));
    for (const id of ids) await this.transition(m, id, ['sending', 'scheduled'], 'paused', { at, pauseReason: reason });
    return ids;
  }
}
