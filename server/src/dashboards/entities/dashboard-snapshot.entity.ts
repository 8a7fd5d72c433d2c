import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A state figure per store as the last rollup found it: members by tier, points liability, lifecycle and RFM groups. */
@Entity('dashboard_snapshot')
export class DashboardSnapshot {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  metric: string;

  /** The members' join store; 0 for none. */
  @PrimaryColumn({ name: 'store_id', type: 'int' })
  storeId: number;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  dim: string;

  @Column({ type: 'bigint' })
  value: string;
}
