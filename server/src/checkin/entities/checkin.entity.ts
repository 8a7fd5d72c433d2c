import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type CheckinKind = 'daily' | 'makeup';

/** One row per member per business day: the unique key is what makes a double tap one check-in. */
@Entity('checkins')
@Index('uq_checkins_member_day', ['memberId', 'day'], { unique: true })
@Index('ix_checkins_day', ['day', 'streak'])
export class Checkin {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'member_id', type: 'int' })
  memberId: number;

  /** YYYY-MM-DD in the business time zone. */
  @Column({ type: 'varchar', length: 10 })
  day: string;

  @Column({ type: 'varchar', length: 8 })
  kind: CheckinKind;

  /** This day's place in its streak; a make-up before it may raise it later. */
  @Column({ type: 'int' })
  streak: number;

  /** Points awarded, streak bonus included (a make-up awards none). */
  @Column({ type: 'int' })
  points: number;

  @Column({ type: 'int' })
  bonus: number;

  @Column({ type: 'int' })
  growth: number;

  /** What a make-up cost. */
  @Column({ name: 'cost_points', type: 'int' })
  costPoints: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
