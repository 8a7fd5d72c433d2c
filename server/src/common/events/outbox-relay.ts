import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { QUEUE_CONFIG, QueueConfig, runsBackgroundWork } from '../../config/queue.config';
import { TransactionRunner } from '../db/transaction-runner';
import { JobQueue } from '../queue/job-queue';
import { PollingLoop } from '../queue/polling-loop';
import { OutboxRepository } from './outbox.repository';

const BATCH = 200;
/** Picks up events committed by other processes (api instances), and retries while the queue is down. */
const POLL_MS = 500;
/** After a publish, give its transaction a moment to commit before looking. */
const SOON_MS = 5;
/** BullMQ waits for a first connection without limit; the relay must not hang on it. */
const ADD_TIMEOUT_MS = 3000;

/**
 * Moves committed domain events from the outbox to the queue, then deletes them. Runs in processes
 * that do background work. The queue job id is the outbox row's, so a relay that dies between the
 * add and the delete adds the event again under the same id, which BullMQ ignores.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private queueDown = false;
  private readonly loop = new PollingLoop({
    pollMs: POLL_MS,
    soonMs: SOON_MS,
    pass: async () => {
      const moved = await this.pass();
      if (this.queueDown) this.logger.log('queue reachable again; relaying domain events');
      this.queueDown = false;
      return { moved, more: moved === BATCH };
    },
    onError: (error) => {
      if (!this.queueDown) this.logger.warn({ err: error }, 'cannot relay domain events (queue unreachable?); they wait in the outbox');
      this.queueDown = true;
    },
  });

  constructor(
    private readonly tx: TransactionRunner,
    private readonly queue: JobQueue,
    private readonly outbox: OutboxRepository,
    @Inject(QUEUE_CONFIG) private readonly config: Pick<QueueConfig, 'role'>,
  ) {}

  onApplicationBootstrap(): void {
    if (runsBackgroundWork(this.config)) this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** Asks for a pass shortly; passes never overlap, and a request during one makes another follow. */
  soon(): void {
    this.loop.soon();
  }

  /** Relays everything pending now; returns how many events it moved. Tests call it directly. */
  drain(): Promise<number> {
    return this.loop.drain();
  }

  async pending(): Promise<number> {
    return this.tx.read((m) => this.outbox.count(m));
  }

  private async pass(): Promise<number> {
    const rows = await this.tx.read((m) => this.outbox.oldest(m, BATCH));
    if (rows.length === 0) return 0;
    for (const row of rows) {
      const added = this.queue.add(`event:${row.event}`, JSON.parse(row.payload) as unknown, { jobId: `outbox-${row.id}`, attempts: 5 });
      await withTimeout(added, ADD_TIMEOUT_MS);
    }
    const ids = rows.map((r) => r.id);
    await this.tx.run((m) => this.outbox.delete(m, ids));
    return rows.length;
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`queue did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
