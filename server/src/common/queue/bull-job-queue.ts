import { Logger } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { checkJobId, JobHandler, JobOptions, JobQueue } from './job-queue';

const QUEUE_NAME = 'huiyuan';

/**
 * BullMQ: jobs survive restarts and are shared by every instance; workers run only in processes
 * whose role runs background work. The producer's connection fails fast while Redis is away (no
 * offline queue, one retry), so nothing on a request path waits for Redis; the worker's blocking
 * connection waits and reconnects, as BullMQ requires.
 */
export class BullJobQueue extends JobQueue {
  readonly mode = 'redis' as const;
  private readonly producer: IORedis;
  private readonly queue: Queue;
  private workerConnection: IORedis | null = null;
  private worker: Worker | null = null;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly repeats = new Map<string, number>();
  private readonly logger = new Logger('BullJobQueue');

  constructor(
    private readonly redisUrl: string,
    private readonly runWorkers: boolean,
    private readonly prefix: string,
  ) {
    super();
    this.producer = new IORedis(redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000 });
    this.producer.on('error', (err) => this.logger.debug({ err }, 'queue connection error'));
    // A Redis that restarted without persistence has lost the job schedulers: declare them again.
    this.producer.on('ready', () => {
      for (const [name, everyMs] of this.repeats) this.repeat(name, everyMs).catch((err: unknown) => this.logger.warn({ err, job: name }, 'could not declare the job scheduler again'));
    });
    this.queue = new Queue(QUEUE_NAME, { connection: this.producer, prefix });
    this.queue.on('error', (err) => this.logger.debug({ err }, 'queue error'));
  }

  register<T>(name: string, handler: JobHandler<T>): void {
    this.handlers.set(name, handler as JobHandler);
    if (this.runWorkers && !this.worker) {
      this.workerConnection = new IORedis(this.redisUrl, { maxRetriesPerRequest: null });
      this.workerConnection.on('error', (err) => this.logger.debug({ err }, 'worker connection error'));
      this.worker = new Worker(
        QUEUE_NAME,
        async (job) => {
          const h = this.handlers.get(job.name);
          if (!h) throw new Error(`no handler registered for job ${job.name}`);
          await h(job.data);
        },
        // A job whose worker was killed stalls and runs again; BullMQ's default fails it at the second
        // stall, which would strand its work after two crashes. Handlers are idempotent, so let it run again.
        { connection: this.workerConnection, concurrency: 4, prefix: this.prefix, maxStalledCount: 5 },
      );
      this.worker.on('failed', (job, err) => this.logger.warn({ err, job: job?.name }, 'job failed'));
      this.worker.on('error', (err) => this.logger.warn({ err }, 'worker error'));
    }
  }

  async add<T>(name: string, data: T, options: JobOptions = {}): Promise<void> {
    checkJobId(options.jobId);
    await this.queue.add(name, data, {
      jobId: options.jobId,
      delay: options.delayMs,
      // BullMQ takes unprioritised jobs before prioritised ones.
      ...(options.lowPriority ? { priority: 10 } : {}),
      attempts: options.attempts ?? 3,
      backoff: { type: 'exponential', delay: 500 },
      removeOnComplete: 1000,
      removeOnFail: 5000,
    });
  }

  async repeat(name: string, everyMs: number): Promise<void> {
    this.repeats.set(name, everyMs);
    await this.queue.upsertJobScheduler(name, { every: everyMs }, { name, data: {}, opts: { attempts: 1, removeOnComplete: 100, removeOnFail: 100 } });
  }

  async ping(): Promise<void> {
    await this.producer.ping();
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
    // BullMQ leaves connections it was given open; a command must not keep the process alive.
    this.workerConnection?.disconnect();
    this.producer.disconnect();
  }
}
