import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A push event already applied: WeChat repeats a push it got no timely answer for, and a repeat must change nothing. */
@Entity('wechat_push_receipts')
export class WechatPushReceipt {
  @PrimaryColumn({ name: 'event_key', type: 'varchar', length: 64 })
  eventKey: string;

  @Column({ type: 'varchar', length: 48 })
  event: string;

  @Column({ name: 'received_at', type: 'datetime', precision: 3 })
  receivedAt: Date;
}
