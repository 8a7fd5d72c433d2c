import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isDuplicateKeyError } from '../db/db-errors';
import { execute } from '../db/sql';
import { JobRun } from './job-run.entity';

/** Every statement of `job_runs`: one row per periodic job, with its last run and the period it claimed. */
@Injectable()
export class JobRunsRepository {
  all(manager: EntityManager): Promise<JobRun[]> {
    return manager.getRepository(JobRun).find();
  }

  /** The job's row, once; a row already there is kept with its history. */
  async ensure(manager: EntityManager, name: string, everyMs: number): Promise<void> {
    try {
      await manager.getRepository(JobRun).insert({ name, everyMs, period: 0, startedAt: null, finishedAt: null, outcome: null, result: null, runs: 0 });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  /** Claims a period for this instance; false when another instance claimed it (or a later one) first. */
  async claimPeriod(manager: EntityManager, name: string, period: number): Promise<boolean> {
    return (await execute(manager, 'UPDATE job_runs SET period = ? WHERE name = ? AND period < ?', [period, name, period])) === 1;
  }

  async started(manager: EntityManager, name: string, at: Date, everyMs: number): Promise<void> {
    await manager.getRepository(JobRun).update({ name }, { startedAt: at, everyMs });
  }

  async finished(manager: EntityManager, name: string, at: Date, outcome: 'ok' | 'failed', result: string): Promise<void> {
    await manager.getRepository(JobRun).update({ name }, { finishedAt: at, outcome, result, runs: () => 'runs + 1' });
  }
}
