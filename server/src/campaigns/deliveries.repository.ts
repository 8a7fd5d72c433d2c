import { Injectable } from '@nestjs/common';
import type { DeliveryStatus, MessageLane } from '@huiyuan/shared-types';
import { EntityManager, In } from 'typeorm';
import { execute, forUpdate, fromSqlDate, isSqlite, sqlDate } from '../common/db/sql';
import { CampaignDelivery } from './entities/campaign-delivery.entity';

export type NewDelivery = Omit<CampaignDelivery, 'id' | 'attempts' | 'enqueuedAt' | 'renderedJson' | 'msgid' | 'errcode' | 'detail' | 'couponId' | 'claimedAt' | 'sentAt' | 'openedAt'>;

/** Stores whose members a count keeps (by join store), or every member. */
export type JoinStores = number[] | 'all';

/** Deliveries that never had a chance to go out: the audience preview's reasons, as statuses. */
const UNREACHABLE: DeliveryStatus[] = ['skipped_no_openid', 'skipped_quota', 'skipped_cap', 'skipped_holdout'];

function joinStoreScope(stores: JoinStores): { join: string; where: string; params: number[] } {
  if (stores === 'all') return { join: '', where: '', params: [] };
  if (stores.length === 0) return { join: '', where: ' AND 1 = 0', params: [] };
  return { join: ' JOIN members mb ON mb.id = d.member_id', where: ` AND mb.join_store_id IN (${stores.map(() => '?').join(', ')})`, params: stores };
}

const COLUMNS = ['campaign_id', 'automation_id', 'occurrence_key', 'member_id', 'template_id', 'lane', 'status', 'field_values_json', 'page', 'coupon_template_id', 'points_award', 'not_before', 'not_after', 'attempts', 'detail', 'created_at'] as const;

/** Rows per multi-row INSERT: 16,000 placeholders, below both drivers' limits (SQLite 32,766, MySQL 65,535). */
const ROWS_PER_INSERT = 1000;

/** Every SQL statement of `campaign_deliveries`. Status changes are conditional on the status they leave. */
@Injectable()
export class DeliveriesRepository {
  /**
   * Inserts the rows, skipping any whose unique key (campaign + member, or automation + member +
   * occurrence) is taken: a repeat is a no-op. Returns how many were new.
   */
  async insertMany(m: EntityManager, rows: Array<NewDelivery & { detail?: string | null }>): Promise<number> {
    const ignore = isSqlite(m) ? 'INSERT OR IGNORE' : 'INSERT IGNORE';
    const tuple = `(${COLUMNS.map(() => '?').join(', ')})`;
    let inserted = 0;
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      const chunk = rows.slice(i, i + ROWS_PER_INSERT);
      const params: unknown[] = [];
      for (const r of chunk) {
        params.push(r.campaignId, r.automationId, r.occurrenceKey, r.memberId, r.templateId, r.lane, r.status, r.fieldValuesJson, r.page, r.couponTemplateId, r.pointsAward, sqlDate(m, r.notBefore), r.notAfter ? sqlDate(m, r.notAfter) : null, 0, r.detail ?? null, sqlDate(m, r.createdAt));
      }
      inserted += await execute(m, `${ignore} INTO campaign_deliveries (${COLUMNS.join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')}`, params);
    }
    return inserted;
  }

  async idOfOccurrence(m: EntityManager, automationId: number, memberId: number, occurrenceKey: string): Promise<number | null> {
    const rows: Array<{ id: number }> = await m.query('SELECT id FROM campaign_deliveries WHERE automation_id = ? AND member_id = ? AND occurrence_key = ?', [automationId, memberId, occurrenceKey]);
    return rows[0] ? Number(rows[0].id) : null;
  }

  async byIds(m: EntityManager, ids: number[]): Promise<CampaignDelivery[]> {
    if (ids.length === 0) return [];
    return m.getRepository(CampaignDelivery).find({ where: { id: In(ids) }, order: { id: 'ASC' } });
  }

  /** A campaign's queued deliveries for members in (afterMember, upToMember]: the ones a fan-out batch just made. */
  async queuedIdsInRange(m: EntityManager, campaignId: number, afterMember: number, upToMember: number): Promise<number[]> {
    const rows: Array<{ id: number }> = await m.query(
      "SELECT id FROM campaign_deliveries WHERE campaign_id = ? AND member_id > ? AND member_id <= ? AND status = 'queued' ORDER BY id",
      [campaignId, afterMember, upToMember],
    );
    return rows.map((r) => Number(r.id));
  }

  /**
   * Queued rows of a lane that are due and carried by no job (new, held by quiet hours, retried,
   * resumed, or whose job was lost). A campaign's rows only while it is sending.
   */
  async dueUnenqueued(m: EntityManager, lane: MessageLane, now: Date, lostBefore: Date, limit: number): Promise<number[]> {
    const rows: Array<{ id: number }> = await m.query(
      `SELECT d.id FROM campaign_deliveries d LEFT JOIN campaigns c ON c.id = d.campaign_id WHERE d.status = 'queued' AND d.not_before <= ? AND (d.enqueued_at IS NULL OR d.enqueued_at < ?) AND d.lane = ? AND (d.campaign_id IS NULL OR c.status = 'sending') ORDER BY d.not_before, d.id LIMIT ${Number(limit)}`,
      [sqlDate(m, now), sqlDate(m, lostBefore), lane],
    );
    return rows.map((r) => Number(r.id));
  }

  /** Rows on the queue and not yet claimed: how far releases run ahead of sending. */
  async rowsInQueue(m: EntityManager, since: Date): Promise<number> {
    const rows: Array<{ n: number }> = await m.query("SELECT COUNT(*) AS n FROM campaign_deliveries WHERE status = 'queued' AND enqueued_at >= ?", [sqlDate(m, since)]);
    return Number(rows[0]?.n ?? 0);
  }

  /** Marks rows as carried by a job from `at`, or (null) as carried by none. */
  async markEnqueued(m: EntityManager, ids: number[], at: Date | null): Promise<void> {
    if (ids.length === 0) return;
    await execute(m, `UPDATE campaign_deliveries SET enqueued_at = ? WHERE id IN (${ids.map(() => '?').join(', ')}) AND status = 'queued'`, [at ? sqlDate(m, at) : null, ...ids]);
  }

  /** After a restart of an in-process queue, whose jobs died with the process. */
  async forgetEnqueued(m: EntityManager): Promise<void> {
    await execute(m, "UPDATE campaign_deliveries SET enqueued_at = NULL WHERE status = 'queued' AND enqueued_at IS NOT NULL", []);
  }

  /** Of these rows, the ones still queued, locked in id order for the claim that follows. */
  async lockQueued(m: EntityManager, ids: number[]): Promise<Set<number>> {
    if (ids.length === 0) return new Set();
    const rows: Array<{ id: number }> = await m.query(`SELECT id FROM campaign_deliveries WHERE id IN (${ids.map(() => '?').join(', ')}) AND status = 'queued' ORDER BY id${forUpdate(m)}`, ids);
    return new Set(rows.map((r) => Number(r.id)));
  }

  /** queued → sending for a batch, each with its rendered message, in one statement. Returns how many moved. */
  async claimMany(m: EntityManager, claims: Array<{ id: number; renderedJson: string }>, at: Date): Promise<number> {
    if (claims.length === 0) return 0;
    const rendered = claims.map(() => 'WHEN ? THEN ?').join(' ');
    return execute(
      m,
      `UPDATE campaign_deliveries SET status = 'sending', claimed_at = ?, attempts = attempts + 1, rendered_json = CASE id ${rendered} END WHERE id IN (${claims.map(() => '?').join(', ')}) AND status = 'queued'`,
      [sqlDate(m, at), ...claims.flatMap((c) => [c.id, c.renderedJson]), ...claims.map((c) => c.id)],
    );
  }

  /** Queued rows decided against (or a claim that found no quota): their final state. */
  async skip(m: EntityManager, ids: number[], from: 'queued' | 'sending', status: DeliveryStatus, detail: string | null): Promise<number> {
    if (ids.length === 0) return 0;
    return execute(m, `UPDATE campaign_deliveries SET status = ?, detail = ? WHERE id IN (${ids.map(() => '?').join(', ')}) AND status = ?`, [status, detail?.slice(0, 200) ?? null, ...ids, from]);
  }

  /** Held back (quiet hours) or retried later: queued again from `notBefore`. */
  async requeue(m: EntityManager, ids: number[], from: 'queued' | 'sending', notBefore: Date, detail: string | null): Promise<number> {
    if (ids.length === 0) return 0;
    return execute(m, `UPDATE campaign_deliveries SET status = 'queued', not_before = ?, enqueued_at = NULL, detail = ? WHERE id IN (${ids.map(() => '?').join(', ')}) AND status = ?`, [sqlDate(m, notBefore), detail?.slice(0, 200) ?? null, ...ids, from]);
  }

  /**
   * sending → sent for a batch, each with its MsgID, in one statement. Returns the ids it moved
   * (locked first, so the answer is exact): a row the sweep settled meanwhile is not among them.
   */
  async markSentMany(m: EntityManager, sent: Array<{ id: number; msgid: string }>, at: Date): Promise<Set<number>> {
    if (sent.length === 0) return new Set();
    const list = sent.map(() => '?').join(', ');
    const locked: Array<{ id: number }> = await m.query(`SELECT id FROM campaign_deliveries WHERE id IN (${list}) AND status = 'sending' ORDER BY id${forUpdate(m)}`, sent.map((r) => r.id));
    const moved = new Set(locked.map((r) => Number(r.id)));
    const mine = sent.filter((r) => moved.has(r.id));
    if (mine.length === 0) return moved;
    await execute(
      m,
      `UPDATE campaign_deliveries SET status = 'sent', msgid = CASE id ${mine.map(() => 'WHEN ? THEN ?').join(' ')} END, sent_at = ?, errcode = NULL, detail = NULL WHERE id IN (${mine.map(() => '?').join(', ')}) AND status = 'sending'`,
      [...mine.flatMap((r) => [r.id, r.msgid]), sqlDate(m, at), ...mine.map((r) => r.id)],
    );
    return moved;
  }

  async markSent(m: EntityManager, id: number, msgid: string, at: Date): Promise<boolean> {
    return (await execute(m, "UPDATE campaign_deliveries SET status = 'sent', msgid = ?, sent_at = ?, errcode = NULL, detail = NULL WHERE id = ? AND status = 'sending'", [msgid, sqlDate(m, at), id])) === 1;
  }

  async markFailed(m: EntityManager, id: number, errcode: number | null, detail: string): Promise<boolean> {
    return (await execute(m, "UPDATE campaign_deliveries SET status = 'failed', errcode = ?, detail = ? WHERE id = ? AND status = 'sending'", [errcode, detail.slice(0, 200), id])) === 1;
  }

  async markUnknown(m: EntityManager, id: number, detail: string): Promise<boolean> {
    return (await execute(m, "UPDATE campaign_deliveries SET status = 'unknown', detail = ? WHERE id = ? AND status = 'sending'", [detail.slice(0, 200), id])) === 1;
  }

  /** Whether a MsgID is already some delivery's: a sent event settles one claim only. */
  async msgidTaken(m: EntityManager, msgid: string): Promise<boolean> {
    return (await m.query('SELECT 1 AS x FROM campaign_deliveries WHERE msgid = ? LIMIT 1', [msgid])).length > 0;
  }

  async note(m: EntityManager, id: number, detail: string): Promise<void> {
    await execute(m, 'UPDATE campaign_deliveries SET detail = ? WHERE id = ?', [detail.slice(0, 200), id]);
  }

  async setCoupon(m: EntityManager, id: number, couponId: number): Promise<void> {
    await execute(m, 'UPDATE campaign_deliveries SET coupon_id = ? WHERE id = ?', [couponId, id]);
  }

  /** Claims whose worker died before recording the outcome. */
  async staleSending(m: EntityManager, claimedBefore: Date, limit: number): Promise<CampaignDelivery[]> {
    const rows: Array<{ id: number }> = await m.query(`SELECT id FROM campaign_deliveries WHERE status = 'sending' AND claimed_at < ? ORDER BY id LIMIT ${Number(limit)}`, [sqlDate(m, claimedBefore)]);
    return this.byIds(m, rows.map((r) => Number(r.id)));
  }

  async cancelQueued(m: EntityManager, campaignId: number): Promise<number> {
    return execute(m, "UPDATE campaign_deliveries SET status = 'cancelled' WHERE campaign_id = ? AND status = 'queued'", [campaignId]);
  }

  /** Puts a campaign's held rows back in line for the sweep (resume). */
  async releaseQueued(m: EntityManager, campaignId: number): Promise<number> {
    return execute(m, "UPDATE campaign_deliveries SET enqueued_at = NULL WHERE campaign_id = ? AND status = 'queued'", [campaignId]);
  }

  async countsByStatus(m: EntityManager, campaignId: number): Promise<Map<string, number>> {
    const rows: Array<{ status: string; n: number }> = await m.query('SELECT status, COUNT(*) AS n FROM campaign_deliveries WHERE campaign_id = ? GROUP BY status', [campaignId]);
    return new Map(rows.map((r) => [String(r.status), Number(r.n)]));
  }

  async failuresByErrcode(m: EntityManager, campaignId: number): Promise<Array<{ errcode: number | null; count: number }>> {
    const rows: Array<{ errcode: number | null; n: number }> = await m.query("SELECT errcode, COUNT(*) AS n FROM campaign_deliveries WHERE campaign_id = ? AND status = 'failed' GROUP BY errcode ORDER BY n DESC", [campaignId]);
    return rows.map((r) => ({ errcode: r.errcode === null ? null : Number(r.errcode), count: Number(r.n) }));
  }

  async unfinishedCount(m: EntityManager, campaignId: number): Promise<number> {
    const rows: Array<{ n: number }> = await m.query("SELECT COUNT(*) AS n FROM campaign_deliveries WHERE campaign_id = ? AND status IN ('queued', 'sending')", [campaignId]);
    return Number(rows[0]?.n ?? 0);
  }

  async openedCount(m: EntityManager, campaignId: number): Promise<number> {
    const rows: Array<{ n: number }> = await m.query('SELECT COUNT(*) AS n FROM campaign_deliveries WHERE campaign_id = ? AND opened_at IS NOT NULL', [campaignId]);
    return Number(rows[0]?.n ?? 0);
  }

  /** The member opened the campaign's landing page: the first open counts. */
  async markOpened(m: EntityManager, campaignId: number, memberId: number, at: Date): Promise<boolean> {
    return (await execute(m, "UPDATE campaign_deliveries SET opened_at = ? WHERE campaign_id = ? AND member_id = ? AND opened_at IS NULL AND status IN ('sent', 'unknown')", [sqlDate(m, at), campaignId, memberId])) === 1;
  }

  /** Coupons the campaign gave, and how many of them were used in store. */
  async couponCounts(m: EntityManager, campaignId: number): Promise<{ issued: number; used: number }> {
    const rows: Array<{ issued: number; used: number | null }> = await m.query(
      "SELECT COUNT(*) AS issued, SUM(CASE WHEN c.status = 'used' THEN 1 ELSE 0 END) AS used FROM campaign_deliveries d JOIN coupons c ON c.id = d.coupon_id WHERE d.campaign_id = ? AND d.coupon_id IS NOT NULL",
      [campaignId],
    );
    return { issued: Number(rows[0]?.issued ?? 0), used: Number(rows[0]?.used ?? 0) };
  }

  /** Members of a group (sent, or held out) and how many of them bought between `from` and `to`; only members who joined in `joinStores` when given. */
  async buyers(m: EntityManager, campaignId: number, statuses: DeliveryStatus[], from: Date, to: Date, joinStores: JoinStores = 'all'): Promise<{ members: number; buyers: number }> {
    const list = statuses.map(() => '?').join(', ');
    const scope = joinStoreScope(joinStores);
    const rows: Array<{ members: number; buyers: number | null }> = await m.query(
      `SELECT COUNT(*) AS members, SUM(CASE WHEN EXISTS (SELECT 1 FROM purchases p WHERE p.member_id = d.member_id AND p.created_at >= ? AND p.created_at < ?) THEN 1 ELSE 0 END) AS buyers FROM campaign_deliveries d${scope.join} WHERE d.campaign_id = ? AND d.status IN (${list})${scope.where}`,
      [sqlDate(m, from), sqlDate(m, to), campaignId, ...statuses, ...scope.params],
    );
    return { members: Number(rows[0]?.members ?? 0), buyers: Number(rows[0]?.buyers ?? 0) };
  }

  /**
   * A campaign's funnel over its deliveries (one per audience member), for the members who joined in
   * `joinStores`: audience, reachable (not skipped for want of an openid, an accept, the cap, or held
   * out), sent, opened, and its coupons verified in store.
   */
  async funnel(m: EntityManager, campaignId: number, joinStores: JoinStores): Promise<{ audience: number; reachable: number; sent: number; opened: number; couponsVerified: number }> {
    const scope = joinStoreScope(joinStores);
    const unreachable = UNREACHABLE.map(() => '?').join(', ');
    const rows: Array<Record<'audience' | 'reachable' | 'sent' | 'opened' | 'verified', number | string | null>> = await m.query(
      `SELECT COUNT(*) AS audience,
              SUM(CASE WHEN d.status NOT IN (${unreachable}) THEN 1 ELSE 0 END) AS reachable,
              SUM(CASE WHEN d.status = 'sent' THEN 1 ELSE 0 END) AS sent,
              SUM(CASE WHEN d.opened_at IS NOT NULL THEN 1 ELSE 0 END) AS opened,
              SUM(CASE WHEN c.status = 'used' THEN 1 ELSE 0 END) AS verified
         FROM campaign_deliveries d${scope.join} LEFT JOIN coupons c ON c.id = d.coupon_id
        WHERE d.campaign_id = ?${scope.where}`,
      [...UNREACHABLE, campaignId, ...scope.params],
    );
    const n = (key: 'audience' | 'reachable' | 'sent' | 'opened' | 'verified') => Number(rows[0]?.[key] ?? 0);
    return { audience: n('audience'), reachable: n('reachable'), sent: n('sent'), opened: n('opened'), couponsVerified: n('verified') };
  }

  /** When a campaign's first message went out: attribution windows start there. */
  async firstSentAt(m: EntityManager, campaignId: number): Promise<Date | null> {
    const rows: Array<{ at: Date | string | null }> = await m.query("SELECT MIN(sent_at) AS at FROM campaign_deliveries WHERE campaign_id = ? AND status = 'sent'", [campaignId]);
    const at = rows[0]?.at;
    return at ? fromSqlDate(at) : null;
  }
}
