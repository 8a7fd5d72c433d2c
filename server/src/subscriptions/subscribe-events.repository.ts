import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { isDuplicateKeyError } from '../common/db/db-errors';
import { execute, findRow, fromSqlDate, isSqlite, sqlDate } from '../common/db/sql';
import { SubscribeSentEvent } from './entities/subscribe-sent-event.entity';

export interface SentEventRecord {
  msgId: string;
  openid: string;
  wechatTemplateId: string;
  /** 0 delivered; otherwise WeChat's code. */
  errorCode: number;
  errorStatus: string;
  receivedAt: Date;
}

/** Every SQL statement of `subscribe_sent_events` and `wechat_push_receipts`. */
@Injectable()
export class SubscribeEventsRepository {
  /**
   * Marks a push event as applied; false when it already was (WeChat repeats pushes). On MySQL a
   * duplicate key only fails the statement, so the caller's transaction goes on.
   */
  async firstReceipt(m: EntityManager, eventKey: string, event: string, at: Date): Promise<boolean> {
    const ignore = isSqlite(m) ? 'INSERT OR IGNORE' : 'INSERT IGNORE';
    try {
      return (await execute(m, `${ignore} INTO wechat_push_receipts (event_key, event, received_at) VALUES (?, ?, ?)`, [eventKey, event, sqlDate(m, at)])) > 0;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  /** Stores WeChat's results by MsgID in one statement; the first result for a MsgID stands. */
  async recordSentMany(m: EntityManager, events: SentEventRecord[]): Promise<void> {
    if (events.length === 0) return;
    const ignore = isSqlite(m) ? 'INSERT OR IGNORE' : 'INSERT IGNORE';
    // In MsgID order: two groups holding the same repeated push lock it in the same order.
    const sorted = [...events].sort((a, b) => (a.msgId < b.msgId ? -1 : a.msgId > b.msgId ? 1 : 0));
    await execute(
      m,
      `${ignore} INTO subscribe_sent_events (msg_id, openid, wechat_template_id, error_code, error_status, received_at) VALUES ${sorted.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}`,
      sorted.flatMap((e) => [e.msgId, e.openid, e.wechatTemplateId, e.errorCode, e.errorStatus, sqlDate(m, e.receivedAt)]),
    );
  }

  /** WeChat's final result for one send, if its sent event has arrived: how a delivery left in doubt by a crash is settled. */
  async sentEventFor(m: EntityManager, msgId: string): Promise<SentEventRecord | null> {
    const row = await findRow(m, SubscribeSentEvent, { msgId });
    return row ? { msgId: row.msgId, openid: row.openid, wechatTemplateId: row.wechatTemplateId, errorCode: row.errorCode, errorStatus: row.errorStatus, receivedAt: row.receivedAt } : null;
  }

  /** Sent events for one member and template that arrived from `since` on, oldest first: settles claims a dead worker never recorded. */
  async sentEventsSince(m: EntityManager, openid: string, wechatTemplateId: string, since: Date): Promise<SentEventRecord[]> {
    const rows: Array<Record<string, unknown>> = await m.query(
      'SELECT msg_id, openid, wechat_template_id, error_code, error_status, received_at FROM subscribe_sent_events WHERE openid = ? AND wechat_template_id = ? AND received_at >= ? ORDER BY received_at',
      [openid, wechatTemplateId, sqlDate(m, since)],
    );
    return rows.map((r) => ({ msgId: String(r.msg_id), openid: String(r.openid), wechatTemplateId: String(r.wechat_template_id), errorCode: Number(r.error_code), errorStatus: String(r.error_status), receivedAt: fromSqlDate(r.received_at as Date | string) }));
  }
}
