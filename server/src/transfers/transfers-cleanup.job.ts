import { Injectable, OnModuleInit } from '@nestjs/common';
import { TransactionRunner } from '../common/db/transaction-runner';
import { JobScheduler } from '../common/queue/job-scheduler';
import { Clock } from '../common/time/clock';
import { TRANSFER_FILE_TTL_MS, TransferFiles } from './transfer-files';
import { TransfersRepository } from './transfers.repository';

export const TRANSFERS_CLEANUP_JOB = 'transfers-cleanup';
const EVERY_MS = 15 * 60_000;
/** A running job saves progress every few thousand rows; this long without a heartbeat means its worker is gone. */
const STALE_MS = 10 * 60_000;

/**
 * Deletes export files and uploads whose time is up, and fails jobs whose worker died (kill -9, a
 * deploy), so the console stops showing a bar that will never move. Deleting a file twice is harmless.
 */
@Injectable()
export class TransfersCleanupJob implements OnModuleInit {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly jobs: TransfersRepository,
    private readonly files: TransferFiles,
    private readonly scheduler: JobScheduler,
  ) {}

  onModuleInit(): void {
    this.scheduler.every({ name: TRANSFERS_CLEANUP_JOB, everyMs: EVERY_MS, run: () => this.run() });
  }

  async run(): Promise<{ filesDeleted: number; abandoned: number }> {
    const now = this.clock.now();
    const abandoned = await this.tx.run((m) => this.jobs.abandon(m, new Date(now.getTime() - STALE_MS), now, new Date(now.getTime() + TRANSFER_FILE_TTL_MS)));
    let filesDeleted = 0;
    for (;;) {
      const due = await this.tx.read((m) => this.jobs.expired(m, now));
      if (due.length === 0) break;
      for (const job of due) {
        await this.files.remove(job.filePath as string);
        await this.tx.run((m) => this.jobs.update(m, job.id, { filePath: null, status: job.status === 'done' ? 'expired' : job.status }));
        filesDeleted++;
      }
    }
    return { filesDeleted, abandoned };
  }
}
