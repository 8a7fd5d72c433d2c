import { Injectable, OnModuleInit } from '@nestjs/common';
import { AutomationKind, LedgerEntryType } from '@huiyuan/shared-types';
import { isDuplicateKeyError } from '../common/db/db-errors';
import { TransactionRunner } from '../common/db/transaction-runner';
import { JobScheduler } from '../common/queue/job-scheduler';
import { BusinessCalendar } from '../common/time/business-calendar';
import { addDays } from '../common/time/business-date';
import { Clock } from '../common/time/clock';
import { chineseDate } from '../campaigns/message-rendering';
import { EarningRulesService } from '../points/earning-rules.service';
import { PointsLedger } from '../points/points-ledger';
import { AutomationEngine, Occurrence } from './automation-engine';
import { AUTOMATIONS, minutesOfDay, momentDay, multiplierText, occurrenceStatus, SCHEDULED_KINDS, triggerDaysToScan, weekdaysIn } from './automation-rules';
import { Automation } from './entities/automation.entity';
import { AutomationsRepository } from './automations.repository';

export const AUTOMATION_SCAN_JOB = 'automations-scan';
const EVERY_MS = 3600_000;

/**
 * Hourly: the moments due today (first-purchase follow-ups, birthdays, points and coupons about to
 * expire) and yesterday's that a missed run left (recorded as expired); and the tier's birthday
 * points. Re-runs and a second instance find every occurrence already claimed.
 */
@Injectable()
export class AutomationScanJob implements OnModuleInit {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly repository: AutomationsRepository,
    private readonly engine: AutomationEngine,
    private readonly ledger: PointsLedger,
    private readonly scheduler: JobScheduler,
    private readonly calendar: BusinessCalendar,
    private readonly clock: Clock,
    private readonly earningRules: EarningRulesService,
  ) {}

  onModuleInit(): void {
    this.scheduler.every({ name: AUTOMATION_SCAN_JOB, everyMs: EVERY_MS, run: () => this.run() });
  }

  async run(): Promise<Record<string, unknown>> {
    const today = this.calendar.dateOf(this.clock.now());
    const summary: Record<string, unknown> = { birthdayPoints: await this.awardBirthdayPoints(today) };
    for (const kind of SCHEDULED_KINDS) {
      const automation = await this.engine.enabled(kind);
      if (!automation) continue;
      summary[kind] = await this.engine.answerAll(automation, await this.occurrences(kind, automation, today));
    }
    return summary;
  }

  /** The card promises "生日当月赠送 N 积分": the tier's points on the birthday itself, once per birthday (the ledger's dedupe key). */
  private async awardBirthdayPoints(today: string): Promise<number> {
    const due = await this.tx.read((m) => this.repository.birthdayBonuses(m, today));
    let awarded = 0;
    for (const b of due) {
      const dedupeKey = `birthday:${b.memberId}:${today}`;
      try {
        await this.tx.run((m) => this.ledger.credit(m, LedgerEntryType.EARN, b.points, { memberId: b.memberId, sourceType: 'birthday', sourceId: today, reason: `生日礼遇（${b.tierName}）`, dedupeKey }));
        awarded++;
      } catch (error) {
        // Awarded by an earlier run or another instance: the whole posting rolled back.
        if (!isDuplicateKeyError(error)) throw error;
      }
    }
    return awarded;
  }

  private async occurrences(kind: (typeof SCHEDULED_KINDS)[number], automation: Automation, today: string): Promise<Occurrence[]> {
    const days = automation.timingDays;
    if (kind === AutomationKind.CHECKIN_REMINDER) return this.checkinReminders(automation, today);
    if (kind === AutomationKind.MEMBER_DAY) return this.memberDayAnnouncements(automation, today);
    const { from, to } = triggerDaysToScan(kind, days, today);
    const occurrence = (memberId: number, triggerDay: string, key: string): Occurrence => ({ memberId, key, status: occurrenceStatus(momentDay(kind, days, triggerDay), today) });
    // An expiry at a midnight is the end of the day before it: that is the last day the points or coupon can be used.
    const lastDay = (expiresAt: Date) => this.calendar.dateOf(new Date(expiresAt.getTime() - 1));
    const expiringSpan = { from: new Date(this.calendar.startOfDay(from).getTime() + 1), to: new Date(this.calendar.startOfDay(addDays(to, 1)).getTime() + 1) };
    return this.tx.read(async (m) => {
      switch (kind) {
        case AutomationKind.FIRST_PURCHASE_FOLLOW_UP: {
          const firsts = await this.repository.firstPurchases(m, this.calendar.startOfDay(from), this.calendar.startOfDay(addDays(to, 1)));
          return firsts.map((f) => occurrence(f.memberId, this.calendar.dateOf(f.at), 'first-purchase'));
        }
        case AutomationKind.BIRTHDAY:
          // next_birthday never lies in the past, so a birthday due yesterday is only seen while its stats are a day old.
          return (await this.repository.birthdays(m, from, to)).map((b) => occurrence(b.memberId, b.day, `birthday-${b.day}`));
        case AutomationKind.POINTS_EXPIRING:
          return unique((await this.repository.expiringLots(m, expiringSpan.from, expiringSpan.to)).map((l) => occurrence(l.memberId, lastDay(l.expiresAt), `points-${lastDay(l.expiresAt)}`)));
        case AutomationKind.COUPON_EXPIRING:
          return unique((await this.repository.expiringCoupons(m, expiringSpan.from, expiringSpan.to)).map((c) => occurrence(c.memberId, lastDay(c.expiresAt), `coupons-${lastDay(c.expiresAt)}`)));
      }
    });
  }

  /**
   * Members who accepted the reminder's template and have not checked in today, once the set time
   * has passed; yesterday's that no run reached are recorded as expired (a reminder for a day gone).
   * Members already answered are left out by the read, so hourly re-runs cost one query.
   */
  private async checkinReminders(automation: Automation, today: string): Promise<Occurrence[]> {
    const templateId = automation.templateId;
    if (templateId === null) return [];
    const minutes = minutesOfDay(automation.timingTime ?? AUTOMATIONS[automation.kind].defaultTime ?? '20:00') ?? 0;
    const due = this.clock.now().getTime() >= this.calendar.startOfDay(today).getTime() + minutes * 60_000;
    const days = due ? [addDays(today, -1), today] : [addDays(today, -1)];
    const found: Occurrence[] = [];
    for (const day of days) {
      const key = `checkin-${day}`;
      const notAfter = this.calendar.startOfDay(addDays(day, 1));
      // A day gone counts only members who had accepted by its end: they could have been reminded on it.
      const rows = await this.tx.read((m) => this.repository.notCheckedIn(m, automation.id, templateId, day, key, notAfter));
      found.push(...rows.map((r) => ({ memberId: r.memberId, key, status: occurrenceStatus(day, today), values: { streak: String(r.streak) }, notAfter })));
    }
    return found;
  }

  /** The earning rules' member day N days ahead, announced to members who accepted the template. */
  private async memberDayAnnouncements(automation: Automation, today: string): Promise<Occurrence[]> {
    const templateId = automation.templateId;
    const memberDay = (await this.earningRules.get()).memberDay;
    if (templateId === null || !memberDay) return [];
    const { from, to } = triggerDaysToScan(AutomationKind.MEMBER_DAY, automation.timingDays, today);
    const found: Occurrence[] = [];
    for (const day of weekdaysIn(from, to, memberDay.weekday)) {
      const key = `member-day-${day}`;
      const members = await this.tx.read((m) => this.repository.subscribers(m, automation.id, templateId, key));
      // Worth reading until the member day ends.
      const notAfter = this.calendar.startOfDay(addDays(day, 1));
      const values = { memberDay: chineseDate(day), multiplier: multiplierText(memberDay.multiplierPct) };
      found.push(...members.map((memberId) => ({ memberId, key, status: occurrenceStatus(momentDay(AutomationKind.MEMBER_DAY, automation.timingDays, day), today), values, notAfter })));
    }
    return found;
  }
}

/** One occurrence per member and key: several lots or coupons ending the same day make one reminder. */
function unique(list: Occurrence[]): Occurrence[] {
  return [...new Map(list.map((o) => [`${o.memberId}/${o.key}`, o])).values()];
}
