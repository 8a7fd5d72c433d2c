import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One message to one member: a campaign's (unique per campaign and member) or an automation's
 * (unique per automation, member and occurrence). The unique keys are the only deduplication;
 * queue jobs carry these ids. queued → sending (claimed with the quota taken) → sent | failed |
 * unknown, or skipped_* when it is decided not to send.
 */
@Entity('campaign_deliveries')
@Index('uq_campaign_deliveries_campaign_member', ['campaignId', 'memberId'], { unique: true })
@Index('uq_campaign_deliveries_occurrence', ['automationId', 'memberId', 'occurrenceKey'], { unique: true })
@Index('ix_campaign_deliveries_due', ['status', 'notBefore'])
@Index('ix_campaign_deliveries_enqueued', ['status', 'enqueuedAt'])
@Index('ix_campaign_deliveries_campaign_status', ['campaignId', 'status'])
@Index('ix_campaign_deliveries_member_sent', ['memberId', 'status', 'sentAt'])
@Index('ix_campaign_deliveries_msgid', ['msgid'])
export class CampaignDelivery {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'campaign_id', type: 'int', nullable: true })
  campaignId: number | null;

  @Column({ name: 'automation_id', type: 'int', nullable: true })
  automationId: number | null;

  @Column({ name: 'occurrence_key', type: 'varchar', length: 64, nullable: true })
  occurrenceKey: string | null;

  @Column({ name: 'member_id', type: 'int' })
  memberId: number;

  /** message_templates.id */
  @Column({ name: 'template_id', type: 'int' })
  templateId: number;

  /** service | campaign: service messages have their own jobs, never behind a campaign's fan-out. */
  @Column({ type: 'varchar', length: 8 })
  lane: string;

  @Column({ type: 'varchar', length: 20 })
  status: string;

  /** An automation's field values with placeholders (JSON); a campaign's live on the campaign. */
  @Column({ name: 'field_values_json', type: 'text', nullable: true })
  fieldValuesJson: string | null;

  @Column({ type: 'varchar', length: 160, nullable: true })
  page: string | null;

  @Column({ name: 'coupon_template_id', type: 'int', nullable: true })
  couponTemplateId: number | null;

  @Column({ name: 'points_award', type: 'int', nullable: true })
  pointsAward: number | null;

  /** Not sent before this (quiet hours, a schedule, a retry's backoff). */
  @Column({ name: 'not_before', type: 'datetime', precision: 3 })
  notBefore: Date;

  /** Not worth sending after this (a reminder for a day that has passed): skipped_expired. */
  @Column({ name: 'not_after', type: 'datetime', precision: 3, nullable: true })
  notAfter: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** When a send job last carried it: the sweep re-enqueues a due row whose job was lost. */
  @Column({ name: 'enqueued_at', type: 'datetime', precision: 3, nullable: true })
  enqueuedAt: Date | null;

  /** The data sent, as JSON, once rendered. */
  @Column({ name: 'rendered_json', type: 'text', nullable: true })
  renderedJson: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  msgid: string | null;

  @Column({ type: 'int', nullable: true })
  errcode: number | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  detail: string | null;

  @Column({ name: 'coupon_id', type: 'int', nullable: true })
  couponId: number | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'claimed_at', type: 'datetime', precision: 3, nullable: true })
  claimedAt: Date | null;

  @Column({ name: 'sent_at', type: 'datetime', precision: 3, nullable: true })
  sentAt: Date | null;

  @Column({ name: 'opened_at', type: 'datetime', precision: 3, nullable: true })
  openedAt: Date | null;
}
