import { Logger } from '@nestjs/common';
import { withoutTransactionScope } from '../db/transaction-scope';
import { checkJobId, JobHandler, JobOptions, JobQueue } from './job-queue';

const BACKOFF_MS = 500;
/** Like a BullMQ worker's concurrency: a burst of jobs must not all hit the database at once. */
const CONCURRENCY = 4;

/** For a single process without Redis: jobs live in memory and are lost on restart, so durable state stays in the database. */
export class InProcessJobQueue extends JobQueue {
  readonly mode = 'in-process' as const;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly pendingIds = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly repeating = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private readonly ready: Array<() => void> = [];
  private readonly readyLow: Array<() => void> = [];
  private active = 0;
  private closed = false;
  private readonly logger = new Logger('InProcessJobQueue');

  register<T>(name: string, handler: JobHandler<T>): void {
    this.handlers.set(name, handler as JobHandler);
  }

  async add<T>(name: string, data: T, options: JobOptions = {}): Promise<void> {
    checkJobId(options.jobId);
    if (this.closed) return;
    if (options.jobId) {
      if (this.pendingIds.has(options.jobId)) return;
      this.pendingIds.add(options.jobId);
    }
    this.schedule(name, data, options, 1, options.delayMs ?? 0);
  }

  private schedule(name: string, data: unknown, options: JobOptions, attempt: number, delayMs: number): void {
    // A job added by a request runs apart from it, as on a BullMQ worker: not in its transaction scope.
    const timer = withoutTransactionScope(() => setTimeout(() => {
      this.timers.delete(timer);
      (options.lowPriority ? this.readyLow : this.ready).push(() => {
        const run = this.execute(name, data, options, attempt);
        this.running.add(run);
        void run.finally(() => {
          this.running.delete(run);
          this.active--;
          this.drain();
        });
      });
      this.drain();
    }, delayMs));
    this.timers.add(timer);
  }

  private drain(): void {
    while (this.active < CONCURRENCY && this.ready.length + this.readyLow.length > 0 && !this.closed) {
      this.active++;
      (this.ready.shift() ?? this.readyLow.shift())?.();
    }
  }

  /** Nothing waiting, delayed (a retry's backoff) or running; the repeating timers aside. Tests settle on it. */
  get idle(): boolean {
    return this.active === 0 && this.timers.size === 0 && this.ready.length + this.readyLow.length === 0;
  }

  private async execute(name: string, data: unknown, options: JobOptions, attempt: number): Promise<void> {
    const handler = this.handlers.get(name);
    try {
      if (!handler) throw new Error(`no handler registered for job ${name}`);
      await handler(data);
      if (options.jobId) this.pendingIds.delete(options.jobId);
    } catch (error) {
      const attempts = options.attempts ?? 3;
      if (attempt < attempts && !this.closed) {
        this.schedule(name, data, options, attempt + 1, BACKOFF_MS * 2 ** (attempt - 1));
      } else {
        if (options.jobId) this.pendingIds.delete(options.jobId);
        this.logger.error({ err: error, job: name }, `job ${name} failed after ${attempt} attempts`);
      }
    }
  }

  async repeat(name: string, everyMs: number): Promise<void> {
    if (this.closed) return;
    const timer = setInterval(() => void this.add(name, {}, { jobId: `repeat-${name}`, attempts: 1 }), everyMs);
    timer.unref();
    this.repeating.add(timer);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    for (const t of this.repeating) clearInterval(t);
    this.timers.clear();
    await Promise.allSettled([...this.running]);
  }
}
