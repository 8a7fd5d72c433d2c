import { LedgerEntryType } from '@huiyuan/shared-types';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only: corrections are new entries, never updates. */
@Entity('points_ledger')
@Index('ix_points_ledger_member', ['memberId', 'id'])
// The dashboards' rollup counts a day of the ledger at a time.
@Index('ix_points_ledger_created', ['createdAt'])
export class PointsLedgerEntry {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'member_id', type: 'int' })
  memberId: number;

  @Column({ type: 'int' })
  delta: number;

  @Column({ name: 'balance_after', type: 'int' })
  balanceAfter: number;

  @Column({ type: 'varchar', length: 12 })
  type: LedgerEntryType;

  @Column({ name: 'source_type', type: 'varchar', length: 24 })
  sourceType: string;

  @Column({ name: 'source_id', type: 'varchar', length: 64, nullable: true })
  sourceId: string | null;

  @Column({ name: 'store_id', type: 'int', nullable: true })
  storeId: number | null;

  @Column({ name: 'staff_id', type: 'int', nullable: true })
  staffId: number | null;

  @Column({ type: 'varchar', length: 128 })
  reason: string;

  /** A natural key for awards that must happen once (welcome:12, checkin:12:2026-11-24). */
  @Index('uq_points_ledger_dedupe', { unique: true })
  @Column({ name: 'dedupe_key', type: 'varchar', length: 96, nullable: true })
  dedupeKey: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
