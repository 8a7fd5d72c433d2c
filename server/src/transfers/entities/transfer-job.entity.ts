import type { ImportPhase, TransferStatus } from '@huiyuan/shared-types';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An export or an import: what was asked, by whom, how far it got and where its file is. The state
 * lives here, not in the queue, so the console follows progress from any instance and a worker that
 * died leaves a row the cleanup job marks failed.
 */
@Entity('transfer_jobs')
@Index('ix_transfer_jobs_staff', ['staffId', 'id'])
@Index('ix_transfer_jobs_expiry', ['status', 'expiresAt'])
export class TransferJob {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 8 })
  kind: 'export' | 'import';

  /** The export's dataset; 'members' for an import. */
  @Column({ type: 'varchar', length: 32 })
  dataset: string;

  @Column({ type: 'varchar', length: 8, nullable: true })
  phase: ImportPhase | null;

  @Column({ type: 'varchar', length: 8 })
  status: TransferStatus;

  @Column({ name: 'staff_id', type: 'int' })
  staffId: number;

  /** The export's request (filters, store scope resolved at request time). */
  @Column({ name: 'params_json', type: 'text' })
  paramsJson: string;

  @Column({ type: 'int', default: 0 })
  processed: number;

  @Column({ type: 'int', nullable: true })
  total: number | null;

  @Column({ type: 'int', default: 0 })
  accepted: number;

  @Column({ type: 'int', default: 0 })
  skipped: number;

  @Column({ type: 'int', default: 0 })
  rejected: number;

  @Column({ type: 'int', default: 0 })
  imported: number;

  /** What the person sees: the download's name, or the uploaded file's. */
  @Column({ name: 'file_name', type: 'varchar', length: 128 })
  fileName: string;

  /** Under DATA_DIR/transfers; null once deleted. */
  @Column({ name: 'file_path', type: 'varchar', length: 255, nullable: true })
  filePath: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  error: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  /** Bumped with each batch: a running job whose heartbeat stopped has lost its worker. */
  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;

  @Column({ name: 'finished_at', type: 'datetime', precision: 3, nullable: true })
  finishedAt: Date | null;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3, nullable: true })
  expiresAt: Date | null;
}
