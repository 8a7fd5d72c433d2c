import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last run of each periodic job, shared by every instance, for /api/health. */
@Entity('job_runs')
export class JobRun {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name: string;

  @Column({ name: 'every_ms', type: 'int' })
  everyMs: number;

  /** The last period claimed by a timer (now ÷ every): one run per period across instances without Redis. */
  @Column({ type: 'bigint', default: 0 })
  period: number;

  @Column({ name: 'started_at', type: 'datetime', precision: 3, nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'datetime', precision: 3, nullable: true })
  finishedAt: Date | null;

  /** ok | failed, null before the first run. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  outcome: string | null;

  /** What the run did (the job's summary as JSON), or the error's message. */
  @Column({ type: 'text', nullable: true })
  result: string | null;

  @Column({ type: 'int', default: 0 })
  runs: number;
}
