import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Who changed what, written in the same transaction as the change. */
@Entity('audit_records')
@Index('ix_audit_store_time', ['storeId', 'createdAt'])
export class AuditRecord {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'staff_id', type: 'int', nullable: true })
  staffId: number | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  role: string | null;

  @Column({ name: 'store_id', type: 'int', nullable: true })
  storeId: number | null;

  @Column({ type: 'varchar', length: 48 })
  action: string;

  @Column({ name: 'target_type', type: 'varchar', length: 32 })
  targetType: string;

  @Column({ name: 'target_id', type: 'varchar', length: 64, nullable: true })
  targetId: string | null;

  @Column({ type: 'varchar', length: 255 })
  summary: string;

  @Column({ name: 'before_json', type: 'text', nullable: true })
  beforeJson: string | null;

  @Column({ name: 'after_json', type: 'text', nullable: true })
  afterJson: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  @Index('ix_audit_time')
  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
