import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Every tier change with its reason: upgrades as they happen, downgrades at evaluation. */
@Entity('tier_history')
export class TierChange {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('ix_tier_history_member')
  @Column({ name: 'member_id', type: 'int' })
  memberId: number;

  @Column({ name: 'from_tier_id', type: 'int' })
  fromTierId: number;

  @Column({ name: 'to_tier_id', type: 'int' })
  toTierId: number;

  @Column({ type: 'varchar', length: 128 })
  reason: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
