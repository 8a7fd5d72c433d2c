import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A member's n-th redemption of a reward. With a per-member limit, seq runs 1..limit and the unique
 * key refuses one more even when requests race; without a limit seq is null (NULLs never collide).
 */
@Entity('reward_redemptions')
@Index('uq_reward_redemptions_slot', ['rewardId', 'memberId', 'seq'], { unique: true })
export class RewardRedemption {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'reward_id', type: 'int' })
  rewardId: number;

  @Index('ix_reward_redemptions_member')
  @Column({ name: 'member_id', type: 'int' })
  memberId: number;

  @Column({ type: 'int', nullable: true })
  seq: number | null;

  @Column({ type: 'int' })
  points: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
