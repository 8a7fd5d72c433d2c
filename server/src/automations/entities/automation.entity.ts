import type { AutomationKind } from '@huiyuan/shared-types';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One row per kind: HQ switches it on and sets its message, award and timing. */
@Entity('automations')
export class Automation {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_automations_kind', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  kind: AutomationKind;

  @Column({ type: 'boolean', default: false })
  enabled: boolean;

  /** message_templates.id (the subscriptions feature's). */
  @Column({ name: 'template_id', type: 'int', nullable: true })
  templateId: number | null;

  /** JSON: field key → text with placeholders. */
  @Column({ name: 'field_values', type: 'text' })
  fieldValues: string;

  @Column({ type: 'varchar', length: 128, nullable: true })
  page: string | null;

  @Column({ name: 'coupon_template_id', type: 'int', nullable: true })
  couponTemplateId: number | null;

  @Column({ name: 'points_award', type: 'int', default: 0 })
  pointsAward: number;

  @Column({ name: 'timing_days', type: 'int', default: 0 })
  timingDays: number;

  /** HH:MM in the business zone, for kinds that fire at a time of day (the check-in reminder). */
  @Column({ name: 'timing_time', type: 'varchar', length: 5, nullable: true })
  timingTime: string | null;

  @Column({ name: 'updated_by', type: 'int', nullable: true })
  updatedBy: number | null;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3, nullable: true })
  updatedAt: Date | null;
}
