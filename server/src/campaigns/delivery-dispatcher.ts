import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { MessageLane } from '@huiyuan/shared-types';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { runsBackgroundWork } from '../config/queue.config';
import { TransactionRunner } from '../common/db/transaction-runner';
import { JobQueue } from '../common/queue/job-queue';
import { PollingLoop } from '../common/queue/polling-loop';
import { Clock } from '../common/time/clock';
import { DeliveriesRepository } from './deliveries.repository';

export const SEND_JOB = 'messages.send';
export interface SendJob {
  ids: number[];
}

const POLL_MS = 1000;
const SOON_MS = 20;
/**
 * A row carried by a job this long ago and still queued lost its job (Redis lost it, or the process
 * died between marking the rows and adding their job): it is carried again. Campaign rows wait in
 * the queue a few seconds at most (the backlog follows the pace), so theirs is short; service rows
 * have no backlog cap, so a long queue must not make them look lost. A second job for a row is
 * harmless: the claim is conditional.
 */
const LOST_AFTER_MS = { campaign: 60_000, service: 10 * 60_000 } as const;
/**
 * Ids per job, which a worker claims, sends and records as one batch: small, so a worker that dies
 * leaves few claims in doubt (a job's rows, times the jobs it runs at once); a campaign's large
 * enough that the statements per batch, not per row, set the pace.
 */
const SERVICE_JOB_SIZE = 5;
export const CAMPAIGN_JOB_SIZE = 50;
/** Campaign rows waiting in the queue at once, in seconds of sending at the global rate: releases follow the pace. */
const CAMPAIGN_BACKLOG_SECONDS = 5;
const MIN_CAMPAIGN_BACKLOG = 200;
const SERVICE_PER_PASS = 1000;
/** Jobs marked in one statement and added to the queue together (Redis pipelines them): a pass of thousands of rows takes a few round trips, not one per job. */
const JOBS_PER_ADD = 40;

/**
 * Puts due, queued deliveries on the queue as send jobs carrying their ids. Service messages go at
 * once and ahead of campaign sends; campaign rows are released only as fast as they can be sent,
 * so quiet hours end in a throttled release rather than a burst, and a paused or resumed campaign
 * just stops or starts being released. Duplicate jobs are harmless: a claim is conditional.
 */
@Injectable()
export class DeliveryDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DeliveryDispatcher');
  private readonly loop = new PollingLoop({
    pollMs: POLL_MS,
    soonMs: SOON_MS,
    pass: () => this.pass(),
    onError: (error) => this.logger.warn({ err: error }, 'could not dispatch deliveries (queue or database unreachable?); retrying'),
  });

  constructor(
    private readonly tx: TransactionRunner,
    private readonly queue: JobQueue,
    private readonly clock: Clock,
    private readonly deliveries: DeliveriesRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!runsBackgroundWork(this.config.queue)) return;
    // An in-process queue starts empty: every queued row's job died with the last process.
    if (this.queue.mode === 'in-process') await this.tx.run((m) => this.deliveries.forgetEnqueued(m));
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** Asks for a pass shortly; passes never overlap, and a request during one makes another follow. */
  soon(): void {
    this.loop.soon();
  }

  /** Dispatches what is due now; returns how many rows it put on the queue. Tests call it directly. */
  drain(): Promise<number> {
    return this.loop.drain();
  }

  private async pass(): Promise<{ moved: number; more: boolean }> {
    const now = this.clock.now();
    const lostBefore = (lane: MessageLane) => new Date(now.getTime() - LOST_AFTER_MS[lane]);
    const backlogLimit = Math.max(MIN_CAMPAIGN_BACKLOG, this.config.wechat.sendRatePerSecond * CAMPAIGN_BACKLOG_SECONDS);
    const { service, campaign } = await this.tx.read(async (m) => {
      const outstanding = await this.deliveries.rowsInQueue(m, lostBefore('campaign'));
      return {
        service: await this.deliveries.dueUnenqueued(m, 'service', now, lostBefore('service'), SERVICE_PER_PASS),
        campaign: outstanding < backlogLimit ? await this.deliveries.dueUnenqueued(m, 'campaign', now, lostBefore('campaign'), backlogLimit - outstanding) : [],
      };
    });
    await this.add(service, SERVICE_JOB_SIZE, false);
    await this.add(campaign, CAMPAIGN_JOB_SIZE, true);
    return { moved: service.length + campaign.length, more: service.length === SERVICE_PER_PASS };
  }

  private async add(ids: number[], size: number, lowPriority: boolean): Promise<void> {
    const jobs: number[][] = [];
    for (let i = 0; i < ids.length; i += size) jobs.push(ids.slice(i, i + size));
    for (let i = 0; i < jobs.length; i += JOBS_PER_ADD) {
      const group = jobs.slice(i, i + JOBS_PER_ADD);
      // Marked first: a job that runs at once and puts a row back (quiet hours, a retry) clears the mark after this.
      await this.tx.run((m) => this.deliveries.markEnqueued(m, group.flat(), this.clock.now()));
      const added = await Promise.allSettled(group.map((chunk) => this.queue.add<SendJob>(SEND_JOB, { ids: chunk }, { attempts: 3, lowPriority })));
      const lost = group.filter((_, k) => added[k]!.status === 'rejected');
      if (lost.length > 0) {
        await this.tx.run((m) => this.deliveries.markEnqueued(m, lost.flat(), null));
        throw (added.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason;
      }
    }
  }
}
