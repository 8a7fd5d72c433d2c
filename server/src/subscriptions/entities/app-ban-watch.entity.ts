import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The one row that watches the 20005 reports: when HQ last resumed after a ban pause (older reports no
 * longer count) and whether the reports have paused every campaign since. Locked by each report, so
 * two reports that reach the threshold together pause once.
 */
@Entity('app_ban_watch')
export class AppBanWatchRow {
  /** Always 1. */
  @PrimaryColumn({ type: 'int' })
  id: number;

  @Column({ name: 'resumed_at', type: 'datetime', precision: 3, nullable: true })
  resumedAt: Date | null;

  @Column({ name: 'paused_at', type: 'datetime', precision: 3, nullable: true })
  pausedAt: Date | null;

  @Column({ name: 'pause_reason', type: 'varchar', length: 255, nullable: true })
  pauseReason: string | null;
}
