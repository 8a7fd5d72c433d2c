import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A template-message campaign: what to say (template + field values with placeholders), to whom (a
 * segment, frozen into a snapshot when sending starts), when (now or at send_at, outside quiet
 * hours), and how often a member may hear from campaigns (weekly cap); optionally a holdout.
 */
@Entity('campaigns')
@Index('ix_campaigns_status', ['status', 'sendAt'])
export class Campaign {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  /** message_templates.id; only a campaign-purpose template, so service grants are never spent. */
  @Column({ name: 'template_id', type: 'int' })
  templateId: number;

  /** Template field key → text with placeholders, as JSON. */
  @Column({ name: 'field_values_json', type: 'text' })
  fieldValuesJson: string;

  /** The mini-program page the message opens; the campaign id is added to its query. */
  @Column({ type: 'varchar', length: 128 })
  page: string;

  @Column({ name: 'segment_id', type: 'int' })
  segmentId: number;

  @Column({ name: 'snapshot_id', type: 'int', nullable: true })
  snapshotId: number | null;

  @Column({ name: 'coupon_template_id', type: 'int', nullable: true })
  couponTemplateId: number | null;

  /** Null: as soon as it is launched. */
  @Column({ name: 'send_at', type: 'datetime', precision: 3, nullable: true })
  sendAt: Date | null;

  @Column({ name: 'quiet_start', type: 'varchar', length: 5 })
  quietStart: string;

  @Column({ name: 'quiet_end', type: 'varchar', length: 5 })
  quietEnd: string;

  /** At most this many campaign messages per member per business week, counting sent ones; null: no cap. */
  @Column({ name: 'weekly_cap', type: 'int', nullable: true })
  weeklyCap: number | null;

  @Column({ name: 'holdout_percent', type: 'int', default: 0 })
  holdoutPercent: number;

  /** Purchases this many days after sending count towards the campaign. */
  @Column({ name: 'attribution_days', type: 'int', default: 7 })
  attributionDays: number;

  /** draft → scheduled → sending ⇄ paused → completed; cancelled from any but completed. */
  @Column({ type: 'varchar', length: 12 })
  status: string;

  @Column({ name: 'pause_reason', type: 'varchar', length: 200, nullable: true })
  pauseReason: string | null;

  /** The last snapshot member id turned into deliveries: a fan-out resumes after it. */
  @Column({ name: 'fanout_after', type: 'int', default: 0 })
  fanoutAfter: number;

  @Column({ name: 'fanout_done', type: 'boolean', default: false })
  fanoutDone: boolean;

  /** Running totals for progress and the error-rate pause; the results count the deliveries themselves. */
  @Column({ name: 'sent_count', type: 'int', default: 0 })
  sentCount: number;

  @Column({ name: 'failed_count', type: 'int', default: 0 })
  failedCount: number;

  @Column({ name: 'created_by', type: 'int' })
  createdBy: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;

  @Column({ name: 'started_at', type: 'datetime', precision: 3, nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'datetime', precision: 3, nullable: true })
  finishedAt: Date | null;
}
