import type { CareTaskKind, CareTaskOutcome, CareTaskStatus } from '@huiyuan/shared-types';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A call or visit the member's maintaining clerk owes them, once per occurrence (unique key). An open
 * task belongs to whoever maintains the member now, so a clerk transfer moves it; a closed one keeps
 * the clerk who closed it (or who held it when it expired), for the managers' completion figures.
 */
@Entity('care_tasks')
@Index('uq_care_tasks_occurrence', ['kind', 'memberId', 'occurrenceKey'], { unique: true })
@Index('ix_care_tasks_status_member', ['status', 'memberId'])
@Index('ix_care_tasks_closed', ['closedDay', 'staffId'])
export class CareTask {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'member_id', type: 'int' })
  memberId: number;

  @Column({ type: 'varchar', length: 16 })
  kind: CareTaskKind;

  /** Which occurrence: the birthday's date, the day the member turned dormant, 'join'… */
  @Column({ name: 'occurrence_key', type: 'varchar', length: 32 })
  occurrenceKey: string;

  /** Plain zh-CN: why the clerk should call. */
  @Column({ type: 'varchar', length: 64 })
  reason: string;

  @Column({ name: 'due_day', type: 'varchar', length: 10 })
  dueDay: string;

  @Column({ name: 'expires_day', type: 'varchar', length: 10 })
  expiresDay: string;

  @Column({ type: 'varchar', length: 8, default: 'open' })
  status: CareTaskStatus;

  @Column({ type: 'varchar', length: 16, nullable: true })
  outcome: CareTaskOutcome | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  /** The clerk who closed it, or who maintained the member when it expired. */
  @Column({ name: 'staff_id', type: 'int', nullable: true })
  staffId: number | null;

  @Column({ name: 'closed_day', type: 'varchar', length: 10, nullable: true })
  closedDay: string | null;

  @Column({ name: 'closed_at', type: 'datetime', precision: 3, nullable: true })
  closedAt: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
