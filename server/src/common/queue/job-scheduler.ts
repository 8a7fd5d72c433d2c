import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { PeriodicJobStatus } from '@huiyuan/shared-types';
import { QUEUE_CONFIG, QueueConfig, runsBackgroundWork } from '../../config/queue.config';
import { TransactionRunner } from '../db/transaction-runner';
import { Clock } from '../time/clock';
import { JobQueue } from './job-queue';
import { JobRunsRepository } from './job-runs.repository';

export interface PeriodicJob {
  /** Also the queue job's name; no ':' (BullMQ). */
  name: string;
  everyMs: number;
  /** Returns a small summary of what it did, shown by /api/health. */
  run: () => Promise<object>;
}

/**
 * Every periodic job is declared here, in the declaring module's onModuleInit:
 *   scheduler.every({ name: 'tags.refresh', everyMs: 24 * 3600_000, run: () => this.refreshAll() });
 * With Redis a BullMQ job scheduler adds one job per period for the whole deployment; without, a
 * timer does, and the period is claimed in `job_runs` so two instances on one MySQL still run it
 * once. Each run is recorded in `job_runs` for /api/health. JOB_INTERVALS (`name=ms,…`) overrides
 * a period, for tests and for operators.
 */
@Injectable()
export class JobScheduler implements OnApplicationBootstrap {
  private readonly jobs = new Map<string, PeriodicJob>();
  private readonly logger = new Logger('JobScheduler');

  constructor(
    private readonly tx: TransactionRunner,
    private readonly queue: JobQueue,
    private readonly clock: Clock,
    private readonly runs: JobRunsRepository,
    @Inject(QUEUE_CONFIG) private readonly config: Pick<QueueConfig, 'role' | 'jobIntervals'>,
  ) {}

  every(job: PeriodicJob): void {
    if (this.jobs.has(job.name)) throw new Error(`periodic job ${job.name} is declared twice`);
    const declared = { ...job, everyMs: this.config.jobIntervals[job.name] ?? job.everyMs };
    this.jobs.set(job.name, declared);
    this.queue.register(job.name, () => this.runScheduled(declared));
  }

  async onApplicationBootstrap(): Promise<void> {
    const unknown = Object.keys(this.config.jobIntervals).filter((name) => !this.jobs.has(name));
    if (unknown.length) throw new Error(`JOB_INTERVALS names unknown jobs: ${unknown.join(', ')} (known: ${[...this.jobs.keys()].join(', ')})`);
    if (!runsBackgroundWork(this.config)) return;
    for (const job of this.jobs.values()) {
      await this.ensureRow(job);
      await this.queue.repeat(job.name, job.everyMs);
    }
  }

  /** Runs a job now, recorded like a scheduled run (tests, and operators through a command). */
  async runNow(name: string): Promise<void> {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`no periodic job ${name}`);
    await this.ensureRow(job);
    await this.record(job);
  }

  async status(): Promise<PeriodicJobStatus[]> {
    const rows = await this.tx.read((m) => this.runs.all(m));
    const byName = new Map(rows.map((r) => [r.name, r]));
    return [...this.jobs.values()]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((job) => {
        const row = byName.get(job.name);
        return {
          name: job.name,
          everyMs: job.everyMs,
          lastStartedAt: row?.startedAt?.toISOString() ?? null,
          lastFinishedAt: row?.finishedAt?.toISOString() ?? null,
          lastOutcome: row?.outcome === 'ok' || row?.outcome === 'failed' ? row.outcome : null,
          lastResult: row?.result ? parseResult(row.result) : null,
          runs: Number(row?.runs ?? 0),
        };
      });
  }

  private async runScheduled(job: PeriodicJob): Promise<void> {
    if (this.queue.mode === 'in-process') {
      // Timers on several instances (one MySQL, no Redis) all fire: the first to claim the period runs it.
      const period = Math.floor(Date.now() / job.everyMs);
      if (!(await this.tx.run((m) => this.runs.claimPeriod(m, job.name, period)))) return;
    }
    await this.record(job);
  }

  private async record(job: PeriodicJob): Promise<void> {
    await this.tx.run((m) => this.runs.started(m, job.name, this.clock.now(), job.everyMs));
    try {
      const summary = await job.run();
      await this.tx.run((m) => this.runs.finished(m, job.name, this.clock.now(), 'ok', JSON.stringify(summary)));
    } catch (error) {
      this.logger.error({ err: error, job: job.name }, `periodic job ${job.name} failed`);
      await this.tx.run((m) => this.runs.finished(m, job.name, this.clock.now(), 'failed', JSON.stringify(error instanceof Error ? error.message : String(error))));
    }
  }

  private async ensureRow(job: PeriodicJob): Promise<void> {
    await this.tx.run((m) => this.runs.ensure(m, job.name, job.everyMs));
  }
}

function parseResult(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
