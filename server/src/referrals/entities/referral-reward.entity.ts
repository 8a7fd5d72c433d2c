import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type ReferralRewardRole = 'referrer' | 'referee';

/** What one side received for one referral; the unique key means a retried release never pays twice. */
@Entity('referral_rewards')
@Index('uq_referral_rewards_side', ['referralId', 'role'], { unique: true })
@Index('ix_referral_rewards_member', ['memberId'])
export class ReferralReward {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'referral_id', type: 'int' })
  referralId: number;

  @Column({ name: 'member_id', type: 'int' })
  memberId: number;

  @Column({ type: 'varchar', length: 8 })
  role: ReferralRewardRole;

  @Column({ type: 'int' })
  points: number;

  /** The coupon given with the points, issued in the same transaction. */
  @Column({ name: 'coupon_template_id', type: 'int', nullable: true })
  couponTemplateId: number | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
