import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A domain event written in its cause's transaction, waiting for the relay to put it on the queue. */
@Entity('outbox_events')
export class OutboxEvent {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 64 })
  event: string;

  @Column({ type: 'text' })
  payload: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
