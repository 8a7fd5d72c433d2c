import type { ReferralFlagReason, ReferralState } from '@huiyuan/shared-types';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One row per referred member (a member has at most one referrer). States:
 * joined → qualified (due now) | held (due when the purchase can no longer be refunded)
 *        → rewarded | flagged → approved | rejected.
 */
@Entity('referrals')
@Index('ix_referrals_referrer', ['referrerId', 'id'])
@Index('ix_referrals_referrer_day', ['referrerId', 'rewardedDay'])
@Index('ix_referrals_due', ['state', 'releaseAt'])
@Index('ix_referrals_joined', ['joinedAt'])
@Index('ix_referrals_qualified', ['qualifiedAt'])
@Index('ix_referrals_settled', ['settledAt'])
export class Referral {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'referrer_id', type: 'int' })
  referrerId: number;

  @Index('uq_referrals_referee', { unique: true })
  @Column({ name: 'referee_id', type: 'int' })
  refereeId: number;

  @Column({ type: 'varchar', length: 12 })
  state: ReferralState;

  @Column({ name: 'flag_reason', type: 'varchar', length: 16, nullable: true })
  flagReason: ReferralFlagReason | null;

  /** The first purchase a held reward waits on. */
  @Column({ name: 'purchase_id', type: 'int', nullable: true })
  purchaseId: number | null;

  @Column({ name: 'release_at', type: 'datetime', precision: 3, nullable: true })
  releaseAt: Date | null;

  /** The business day the rewards were paid: the referrer's daily and monthly caps count these. */
  @Column({ name: 'rewarded_day', type: 'varchar', length: 10, nullable: true })
  rewardedDay: string | null;

  @Column({ name: 'reviewed_by', type: 'int', nullable: true })
  reviewedBy: number | null;

  @Column({ name: 'joined_at', type: 'datetime', precision: 3 })
  joinedAt: Date;

  @Column({ name: 'qualified_at', type: 'datetime', precision: 3, nullable: true })
  qualifiedAt: Date | null;

  @Column({ name: 'settled_at', type: 'datetime', precision: 3, nullable: true })
  settledAt: Date | null;
}
