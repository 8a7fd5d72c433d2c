import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { RuleTagRefreshRun } from '@huiyuan/shared-types';
import { DataSource } from 'typeorm';
import { withNamedLock } from '../common/db/named-lock';
import { TransactionRunner } from '../common/db/transaction-runner';
import { JobScheduler } from '../common/queue/job-scheduler';
import { Clock } from '../common/time/clock';
import { ProgrammeService } from '../programme/programme.service';
import { MemberStatsRepository } from './member-stats.repository';
import { MemberStatsService } from './member-stats.service';

export const RULE_TAG_REFRESH_JOB = 'tags-refresh';
export const LAST_REFRESH_KEY = 'tags.last_refresh';
const EVERY_MS = 24 * 3600_000;
const BATCH = 1000;

/**
 * The nightly recount: windows slide and birthdays change month without any event, so every member's
 * stats and rule tags are recomputed, a batch of ids per transaction, under a lock so two instances
 * never interleave. Each batch's additions and removals go out as tag.added / tag.removed (see
 * MemberStatsService). The scheduler records each run (/api/health); the last one's figures are also
 * kept for the console.
 */
@Injectable()
export class RuleTagRefreshJob implements OnModuleInit {
  private readonly logger = new Logger('RuleTagRefreshJob');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly stats: MemberStatsRepository,
    private readonly memberStats: MemberStatsService,
    private readonly programme: ProgrammeService,
    private readonly scheduler: JobScheduler,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.scheduler.every({ name: RULE_TAG_REFRESH_JOB, everyMs: EVERY_MS, run: async () => (await this.run()) ?? { skipped: 'another instance holds the lock' } });
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
}
