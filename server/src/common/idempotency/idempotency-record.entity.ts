import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The first response to a request carrying an Idempotency-Key, replayed to its retries. */
@Entity('idempotency_records')
@Index('uq_idempotency_scope_key', ['scope', 'idemKey'], { unique: true })
export class IdempotencyRecord {
  @PrimaryGeneratedColumn()
  id: number;

  /** Who sent it (member:12, staff:3): one client's key never collides with another's. */
  @Column({ type: 'varchar', length: 64 })
  scope: string;

  @Column({ name: 'idem_key', type: 'varchar', length: 128 })
  idemKey: string;

  @Column({ name: 'request_hash', type: 'varchar', length: 64 })
  requestHash: string;

  /** Null while the first request is still being handled. */
  @Column({ name: 'status_code', type: 'int', nullable: true })
  statusCode: number | null;

  @Column({ name: 'response_body', type: 'text', nullable: true })
  responseBody: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
