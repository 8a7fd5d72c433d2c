import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** WeChat's final word on one send (subscribe_msg_sent_event), by MsgID: settles deliveries a crash left in doubt. */
@Entity('subscribe_sent_events')
// The sweep looks up a member's sent events for a template from the time of a claim (sentEventsSince).
@Index('ix_subscribe_sent_events_recipient', ['openid', 'wechatTemplateId', 'receivedAt'])
export class SubscribeSentEvent {
  @PrimaryColumn({ name: 'msg_id', type: 'varchar', length: 32 })
  msgId: string;

  @Column({ type: 'varchar', length: 64 })
  openid: string;

  @Column({ name: 'wechat_template_id', type: 'varchar', length: 64 })
  wechatTemplateId: string;

  /** 0 delivered; otherwise WeChat's code (e.g. 43101 the member refused). */
  @Column({ name: 'error_code', type: 'int' })
  errorCode: number;

  @Column({ name: 'error_status', type: 'varchar', length: 64 })
  errorStatus: string;

  @Column({ name: 'received_at', type: 'datetime', precision: 3 })
  receivedAt: Date;
}
