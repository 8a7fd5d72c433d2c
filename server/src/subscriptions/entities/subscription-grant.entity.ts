import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A member's sends left for one template: one per accept (WeChat offers no way to read it, so we
 * count). `remaining` only changes by conditional updates; the index serves "who has quota for T".
 */
@Entity('subscription_grants')
@Index('ix_subscription_grants_template', ['templateId', 'remaining', 'memberId'])
export class SubscriptionGrant {
  @PrimaryColumn({ name: 'member_id', type: 'int' })
  memberId: number;

  @PrimaryColumn({ name: 'template_id', type: 'int' })
  templateId: number;

  @Column({ type: 'int', default: 0 })
  remaining: number;

  /** Accepts the client reported that no popup event has confirmed yet. */
  @Column({ type: 'int', default: 0 })
  unconfirmed: number;

  @Column({ name: 'accepted_total', type: 'int', default: 0 })
  acceptedTotal: number;

  @Column({ name: 'used_total', type: 'int', default: 0 })
  usedTotal: number;

  /** `off` after the member turned the template off in WeChat's settings (a change event). */
  @Column({ type: 'varchar', length: 8, default: 'active' })
  status: 'active' | 'off';

  @Column({ name: 'last_accepted_at', type: 'datetime', precision: 3, nullable: true })
  lastAcceptedAt: Date | null;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}
