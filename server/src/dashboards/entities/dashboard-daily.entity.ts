import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One figure of one business day at one store: joins, points by ledger type, check-ins by streak,
 * coupons by template… Written only by the dashboards-rollup job, which recounts whole days, so a
 * panel sums a few hundred rows instead of scanning the ledger. The key leads with the metric and the
 * day: a panel reads a day range of a few metrics.
 */
@Entity('dashboard_daily')
export class DashboardDaily {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  metric: string;

  @PrimaryColumn({ type: 'varchar', length: 10 })
  day: string;

  /** 0: no store (a member who joined without a store scene). */
  @PrimaryColumn({ name: 'store_id', type: 'int' })
  storeId: number;

  /** What the metric is split by (a ledger type, a template id, a streak bucket…); '' for none. */
  @PrimaryColumn({ type: 'varchar', length: 32 })
  dim: string;

  @Column({ type: 'bigint' })
  value: string;
}
