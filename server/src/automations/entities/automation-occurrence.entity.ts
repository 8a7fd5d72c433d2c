import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * That an automation answered a member's moment: at most once per (automation, member, occurrence),
 * by the unique key, however often the scheduler re-runs and on however many instances. `expired`
 * when the moment had passed before anything ran: no message and no award.
 */
@Entity('automation_occurrences')
@Index('uq_automation_occurrences', ['automationId', 'memberId', 'occurrenceKey'], { unique: true })
@Index('ix_automation_occurrences_recent', ['automationId', 'createdAt'])
export class AutomationOccurrence {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'automation_id', type: 'int' })
  automationId: number;

  @Column({ name: 'member_id', type: 'int' })
  memberId: number;

  @Column({ name: 'occurrence_key', type: 'varchar', length: 48 })
  occurrenceKey: string;

  @Column({ type: 'varchar', length: 8 })
  status: 'fired' | 'expired';

  @Column({ name: 'coupon_id', type: 'int', nullable: true })
  couponId: number | null;

  @Column({ type: 'int', default: 0 })
  points: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
