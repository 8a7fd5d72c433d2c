import { Injectable, OnModuleInit } from '@nestjs/common';
import { CareTaskKind, CareTaskRules } from '@huiyuan/shared-types';
import { EntityManager } from 'typeorm';
import { TransactionRunner } from '../common/db/transaction-runner';
import { fromSqlDate } from '../common/db/sql';
import { JobScheduler } from '../common/queue/job-scheduler';
import { BusinessCalendar } from '../common/time/business-calendar';
import { addDays } from '../common/time/business-date';
import { Clock } from '../common/time/clock';
import { ProgrammeService } from '../programme/programme.service';
import { CARE_TASK_RULES_KEY, DEFAULT_CARE_TASK_RULES, quarterKey, reasonFor, taskWindow, triggerDaysOpenOn } from './care-task-rules';
import { CareTasksRepository, MomentRow, NewCareTask } from './care-tasks.repository';

export const CARE_TASK_JOB = 'care-tasks-generate';
const EVERY_MS = 3600_000;

/**
 * Hourly: opens the tasks whose window holds today and closes those past their last day. Safe to
 * re-run and on two instances at once: a task is unique per (kind, member, occurrence), so a second
 * run inserts nothing.
 */
@Injectable()
export class CareTaskGenerationJob implements OnModuleInit {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly repository: CareTasksRepository,
    private readonly programme: ProgrammeService,
    private readonly scheduler: JobScheduler,
    private readonly calendar: BusinessCalendar,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.scheduler.every({ name: CARE_TASK_JOB, everyMs: EVERY_MS, run: () => this.run() });
  }

  async rules(): Promise<CareTaskRules> {
    return { ...DEFAULT_CARE_TASK_RULES, ...(await this.programme.get<Partial<CareTaskRules>>(CARE_TASK_RULES_KEY, {})) };
  }

  async run(): Promise<{ created: number; expired: number }> {
    const now = this.clock.now();
    const today = this.calendar.dateOf(now);
    const rules = await this.rules();
    const expired = await this.tx.run((m) => this.repository.expire(m, today, now));
    let created = 0;
    for (const kind of Object.values(CareTaskKind)) {
      if (!rules[kind].enabled) continue;
      created += await this.tx.run(async (m) => this.repository.insertMissing(m, await this.tasksOpenOn(m, kind, rules, today), now));
    }
    return { created, expired };
  }

  private async tasksOpenOn(m: EntityManager, kind: CareTaskKind, rules: CareTaskRules, today: string): Promise<NewCareTask[]> {
    const rule = rules[kind];
    const { from, to } = triggerDaysOpenOn(kind, rule, today);
    const span = { from: this.calendar.startOfDay(from), to: this.calendar.startOfDay(addDays(to, 1)) };
    const task = (memberId: number, triggerDay: string, occurrenceKey = triggerDay): NewCareTask => ({ memberId, kind, occurrenceKey, reason: reasonFor(kind, triggerDay), ...taskWindow(kind, rule, triggerDay) });
    const byDay = (rows: MomentRow[], key?: string) => rows.map((r) => task(r.memberId, this.calendar.dateOf(fromSqlDate(r.at)), key));
    switch (kind) {
      case CareTaskKind.NEW_MEMBER:
        return byDay(await this.repository.joinedBetween(m, span.from, span.to), 'join');
      case CareTaskKind.FIRST_PURCHASE:
        return byDay(await this.repository.firstPurchaseBetween(m, span.from, span.to), 'first');
      case CareTaskKind.BIRTHDAY:
        return (await this.repository.birthdaysBetween(m, from, to)).map((b) => task(b.memberId, b.day));
      case CareTaskKind.DORMANT:
        return byDay(await this.repository.taggedBetween(m, 'lifecycle.dormant', span.from, span.to));
      case CareTaskKind.SPEND_DROP:
        return (await this.repository.spendHalved(m)).map((id) => task(id, today, quarterKey(today)));
    }
  }
}
