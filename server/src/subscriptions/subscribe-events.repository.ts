import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { isDuplicateKeyError } from '../common/db/db-errors';
import { execute, findRow, isSqlite, sqlDate } from '../common/db/sql';
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

  /** Stores WeChat's result for a MsgID; the first one stands. */
  async recordSent(m: EntityManager, event: SentEventRecord): Promise<void> {
    const ignore = isSqlite(m) ? 'INSERT OR IGNORE' : 'INSERT IGNORE';
    await execute(m, `${ignore} INTO subscribe_sent_events (msg_id, openid, wechat_template_id, error_code, error_status, received_at) VALUES (?, ?, ?, ?, ?, ?)`, [
      event.msgId,
      event.openid,
      event.wechatTemplateId,
      event.errorCode,
      event.errorStatus,
      sqlDate(m, event.receivedAt),
    ]);
  }

  /** WeChat's final result for one send, if its sent event has arrived: how a delivery left in doubt by a crash is settled. */
  async sentEventFor(m: EntityManager, msgId: string): Promise<SentEventRecord | null> {
    const row = await findRow(m, SubscribeSentEvent, { msgId });
    return row ? { msgId: row.msgId, openid: row.openid, wechatTemplateId: row.wechatTemplateId, errorCode: row.errorCode, errorStatus: row.errorStatus, receivedAt: row.receivedAt } : null;
  }
}
