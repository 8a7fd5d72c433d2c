import { Logger } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import type IORedis from 'ioredis';
import { JobHandler, JobOptions, JobQueue } from './job-queue';

const QUEUE_NAME = 'huiyuan';

/** BullMQ: jobs survive restarts and are shared by every instance; workers run where QUEUE_WORKERS is not false. */
export class BullJobQueue extends JobQueue {
  readonly mode = 'redis' as const;
  private readonly queue: Queue;
  private worker: Worker | null = null;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly logger = new Logger('BullJobQueue');

  constructor(
    private readonly connection: IORedis,
    private readonly runWorkers: boolean,
  ) {
    super();
    this.queue = new Queue(QUEUE_NAME, { connection });
  }

  register<T>(name: string, handler: JobHandler<T>): void {
    this.handlers.set(name, handler as JobHandler);
    if (this.runWorkers && !this.worker) {
      this.worker = new Worker(
        QUEUE_NAME,
        async (job) => {
          const h = this.handlers.get(job.name);
          if (!h) throw new Error(`no handler registered for job ${job.name}`);
          await h(job.data);
        },
        { connection: this.connection.duplicate({ maxRetriesPerRequest: null }), concurrency: 4 },
      );
      this.worker.on('failed', (job, err) => this.logger.warn({ err, job: job?.name }, 'job failed'));
    }
  }

  async add<T>(name: string, data: T, options: JobOptions = {}): Promise<void> {
    await this.queue.add(name, data, {
      jobId: options.jobId,
      delay: options.delayMs,
      attempts: options.attempts ?? 3,
      backoff: { type: 'exponential', delay: 500 },
      removeOnComplete: 1000,
      removeOnFail: 5000,
    });
  }

  async ping(): Promise<void> {
    await this.connection.ping();
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
  }
}
