import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { withNamedLock } from '../common/db/named-lock';
import { execute, sqlDate } from '../common/db/sql';
import { TransactionRunner } from '../common/db/transaction-runner';
import { JobScheduler } from '../common/queue/job-scheduler';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Clock } from '../common/time/clock';
import { ProgrammeService } from '../programme/programme.service';
import { DEFAULT_EARNING_RULES } from '../programme/programme-settings';
import { evaluatedTier } from './tier-rules';
import { TierProgression } from './tier-progression';
import { TiersService } from './tiers.service';
import { growthWindowStart } from './growth-window';

export const TIER_EVALUATION_JOB = 'tiers-evaluate';
/** Daily: with a rolling growth window every day is an evaluation date. */
const EVERY_MS = 24 * 60 * 60_000;

/**
 * At the evaluation date: growth is recomputed over the programme's window, and a member who missed
 * their tier's retention threshold goes down one tier. Runs under a lock; running it twice on one
 * day changes nothing the second time, because growth and tiers are then already consistent.
 */
@Injectable()
export class TierEvaluationJob implements OnModuleInit {
  private readonly logger = new Logger('TierEvaluationJob');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly tiers: TiersService,
    private readonly progression: TierProgression,
    private readonly programme: ProgrammeService,
    private readonly clock: Clock,
    private readonly scheduler: JobScheduler,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.scheduler.every({ name: TIER_EVALUATION_JOB, everyMs: EVERY_MS, run: () => this.run(this.config.businessTimeZone) });
  }

  async run(timeZone: string): Promise<{ evaluated: number; downgraded: number }> {
    const outcome = await withNamedLock(this.dataSource, 'huiyuan:tier-evaluation', 0, () => this.evaluate(timeZone));
    return outcome?.value ?? { evaluated: 0, downgraded: 0 };
  }

  private async evaluate(timeZone: string): Promise<{ evaluated: number; downgraded: number }> {
    const rules = await this.programme.get('earning', DEFAULT_EARNING_RULES);
    const since = growthWindowStart(rules.growthWindow, this.clock.now(), timeZone);
    const tiers = await this.tiers.all();
    const members: Array<{ id: number; tier_id: number }> = await this.dataSource.query("SELECT id, tier_id FROM members WHERE status = 'active'");
    let downgraded = 0;
    for (const member of members) {
      await this.tx.run(async (m) => {
        const rows: Array<{ total: number | string | null }> = await m.query('SELECT SUM(amount) AS total FROM growth_entries WHERE member_id = ? AND created_at >= ?', [member.id, sqlDate(m, since)]);
        const growth = Math.max(0, Number(rows[0]?.total ?? 0));
        await execute(m, 'UPDATE members SET growth = ? WHERE id = ?', [growth, member.id]);
        const current = await this.tiers.byId(member.tier_id);
        const target = evaluatedTier(tiers, current.id, growth);
        if (target.id !== current.id) {
          const reason = target.rank < current.rank ? `年度评定：成长值 ${growth} 未达保级线 ${current.retainGrowth}，降为${target.name}` : `年度评定：成长值 ${growth}，升为${target.name}`;
          await this.progression.changeTier(m, member.id, current, target, reason);
          if (target.rank < current.rank) downgraded++;
        }
      });
    }
    this.logger.log(`evaluated ${members.length} members, ${downgraded} downgraded`);
    return { evaluated: members.length, downgraded };
  }
}
