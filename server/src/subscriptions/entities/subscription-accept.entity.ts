import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One accept, seen by the client's report, by WeChat's popup event, or both. The two sources arrive
 * in either order; pairing them here credits each accept once.
 */
@Entity('subscription_accepts')
@Index('ix_subscription_accepts_grant', ['memberId', 'templateId', 'id'])
export class SubscriptionAccept {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'member_id', type: 'int' })
  memberId: number;

  @Column({ name: 'template_id', type: 'int' })
  templateId: number;

  @Column({ name: 'reported_at', type: 'datetime', precision: 3, nullable: true })
  reportedAt: Date | null;

  @Column({ name: 'confirmed_at', type: 'datetime', precision: 3, nullable: true })
  confirmedAt: Date | null;

  /** WeChat's popup event said reject for an accept the client reported: its send was taken back. */
  @Column({ name: 'rejected_at', type: 'datetime', precision: 3, nullable: true })
  rejectedAt: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
