import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { withNamedLock } from '../common/db/named-lock';
import { TransactionRunner } from '../common/db/transaction-runner';
import { JobScheduler } from '../common/queue/job-scheduler';
import { BusinessCalendar } from '../common/time/business-calendar';
import { Clock } from '../common/time/clock';
import { ProgrammeService } from '../programme/programme.service';
import { DEFAULT_EARNING_RULES } from '../programme/programme-settings';
import { growthWindowStart } from '../tiers/growth-window';
import { evaluatedTier } from '../tiers/tier-rules';
import { TiersService } from '../tiers/tiers.service';
import { MemberAccountRepository } from './member-accounts.repository';

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
    private readonly accounts: MemberAccountRepository,
    private readonly programme: ProgrammeService,
    private readonly clock: Clock,
    private readonly scheduler: JobScheduler,
    private readonly calendar: BusinessCalendar,
  ) {}

  onModuleInit(): void {
    this.scheduler.every({ name: TIER_EVALUATION_JOB, everyMs: EVERY_MS, run: () => this.run(this.calendar.timeZone) });
  }

  async run(timeZone: string): Promise<{ evaluated: number; downgraded: number }> {
    const outcome = await withNamedLock(this.dataSource, 'huiyuan:tier-evaluation', 0, () => this.evaluate(timeZone));
    return outcome?.value ?? { evaluated: 0, downgraded: 0 };
  }

  private async evaluate(timeZone: string): Promise<{ evaluated: number; downgraded: number }> {
    const rules = await this.programme.get('earning', DEFAULT_EARNING_RULES);
    const since = growthWindowStart(rules.growthWindow, this.clock.now(), timeZone);
    const tiers = await this.tiers.all();
    const members = await this.tx.read((m) => this.accounts.activeTiers(m));
    let downgraded = 0;
    for (const member of members) {
      await this.tx.run(async (m) => {
        const growth = await this.accounts.rebuildGrowth(m, member.memberId, since);
        const current = await this.tiers.byId(member.tierId);
        const target = evaluatedTier(tiers, current.id, growth);
        if (target.id !== current.id) {
          const reason = target.rank < current.rank ? `年度评定：成长值 ${growth} 未达保级线 ${current.retainGrowth}，降为${target.name}` : `年度评定：成长值 ${growth}，升为${target.name}`;
          await this.accounts.setTier(m, member.memberId, current, target, reason);
          if (target.rank < current.rank) downgraded++;
        }
      });
    }
    this.logger.log(`evaluated ${members.length} members, ${downgraded} downgraded`);
    return { evaluated: members.length, downgraded };
  }
}
