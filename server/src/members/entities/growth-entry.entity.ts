import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Growth value by date, so the rolling window can be recomputed; members.growth caches the window's sum. */
@Entity('growth_entries')
@Index('ix_growth_member_time', ['memberId', 'createdAt'])
export class GrowthEntry {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'member_id', type: 'int' })
  memberId: number;

  @Column({ type: 'int' })
  amount: number;

  @Column({ name: 'source_type', type: 'varchar', length: 24 })
  sourceType: string;

  @Column({ name: 'source_id', type: 'varchar', length: 64, nullable: true })
  sourceId: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
