import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { RuleTagRefreshRun } from '@huiyuan/shared-types';
import { DataSource } from 'typeorm';
import { withNamedLock } from '../common/db/named-lock';
import { TransactionRunner } from '../common/db/transaction-runner';
import { DomainEvents } from '../common/events/domain-events';
import { JobQueue } from '../common/queue/job-queue';
import { Clock } from '../common/time/clock';
import { ProgrammeService } from '../programme/programme.service';
import { MemberStatsRepository } from './member-stats.repository';
import { MemberStatsService, RuleTagChanges } from './member-stats.service';

export const RULE_TAG_REFRESH_JOB = 'tags.refresh';
export const LAST_REFRESH_KEY = 'tags.last_refresh';
const EVERY_MS = 24 * 3600_000;
const BATCH = 1000;

/**
 * The nightly recount: windows slide and birthdays change month without any event, so every member's
 * stats and rule tags are recomputed, a batch of ids per transaction, under a lock so two instances
 * never interleave. Additions and removals go out as tag.added / tag.removed, a batch per tag.
 */
@Injectable()
export class RuleTagRefreshJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RuleTagRefreshJob');
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly stats: MemberStatsRepository,
    private readonly memberStats: MemberStatsService,
    private readonly programme: ProgrammeService,
    private readonly events: DomainEvents,
    private readonly queue: JobQueue,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.queue.register(RULE_TAG_REFRESH_JOB, () => this.run().then(() => undefined));
    // One job id per day: with Redis, instances scheduling the same day add it once.
    this.timer = setInterval(() => void this.queue.add(RULE_TAG_REFRESH_JOB, {}, { jobId: `${RULE_TAG_REFRESH_JOB}:${Math.floor(Date.now() / EVERY_MS)}` }), EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Null when another instance holds the lock. */
  async run(): Promise<RuleTagRefreshRun | null> {
    const outcome = await withNamedLock(this.dataSource, 'huiyuan:tags-refresh', 0, () => this.refreshAll());
    return outcome?.value ?? null;
  }

  private async refreshAll(): Promise<RuleTagRefreshRun> {
    const startedAt = this.clock.now();
    const began = performance.now();
    const { rules } = await this.memberStats.ruleContext();
    // Quintiles from the stats as they stand: yesterday's windows, a day's drift at most.
    const cuts = await this.tx.run((m) => this.memberStats.measureRfmCuts(m));
    let members = 0;
    let added = 0;
    let removed = 0;
    for (let afterId = 0; ; ) {
      const ids = await this.tx.read((m) => this.stats.memberIdsAfter(m, afterId, BATCH));
      if (ids.length === 0) break;
      afterId = ids[ids.length - 1] as number;
      try {
        const changes = await this.tx.run((m) => this.memberStats.refreshMembers(m, ids, { rules, cuts }));
        await this.publish(changes);
        members += ids.length;
        added += changes.added.length;
        removed += changes.removed.length;
      } catch (error) {
        this.logger.error({ err: error, fromId: ids[0], toId: afterId }, 'could not refresh a batch of members; the next run retries it');
      }
    }
    const run: RuleTagRefreshRun = { startedAt: startedAt.toISOString(), durationMs: Math.round(performance.now() - began), members, added, removed };
    await this.tx.run((m) => this.programme.set(m, LAST_REFRESH_KEY, run));
    this.logger.log(`rule tags refreshed for ${members} members in ${run.durationMs} ms: +${added} −${removed}`);
    return run;
  }

  private async publish(changes: RuleTagChanges): Promise<void> {
    const byTag = (pairs: Array<[number, number]>) => {
      const map = new Map<number, number[]>();
      for (const [tagId, memberId] of pairs) map.set(tagId, [...(map.get(tagId) ?? []), memberId]);
      return map;
    };
    // Published once something listens (the automations feature); until then a job with no handler would only fail.
    if (this.events.handles('tag.added')) for (const [tagId, memberIds] of byTag(changes.added)) await this.events.publish('tag.added', { tagId, memberIds });
    if (this.events.handles('tag.removed')) for (const [tagId, memberIds] of byTag(changes.removed)) await this.events.publish('tag.removed', { tagId, memberIds });
  }
}
