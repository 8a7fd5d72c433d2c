import { Injectable } from '@nestjs/common';
import { CheckinCalendar, CheckinResult, CheckinRules, MakeupCheckinResult } from '@huiyuan/shared-types';
import { AuditTrail } from '../audit/audit-trail';
import type { StaffPrincipal } from '../common/auth/principal';
import { TransactionRunner } from '../common/db/transaction-runner';
import { BusinessCalendar } from '../common/time/business-calendar';
import { addDays } from '../common/time/business-date';
import { MemberAccountRepository } from '../members/member-accounts.repository';
import { memberNotFound } from '../common/errors/member-not-found';
import { ProgrammeService } from '../programme/programme.service';
import { TiersService } from '../tiers/tiers.service';
import { makeupNotAllowed } from './checkin.errors';
import { CheckinRepository, RecordedCheckin } from './checkin.repository';
import {
  CheckedDay,
  checkinAward,
  currentStreak,
  cycleLength,
  DEFAULT_CHECKIN_RULES,
  monthEnd,
  projectStreaks,
  streakOn,
  upcomingBonusDays,
} from './checkin-rules';
import { invalidField } from '../common/errors/invalid-field';

const RULES_KEY = 'checkin';

/** Reads for check-in (rules, calendar, earlier results) and HQ's edits of the rules. */
@Injectable()
export class CheckinService {
  constructor(
    private readonly repository: CheckinRepository,
    private readonly accounts: MemberAccountRepository,
    private readonly businessCalendar: BusinessCalendar,
    private readonly tx: TransactionRunner,
    private readonly programme: ProgrammeService,
    private readonly tiers: TiersService,
    private readonly audit: AuditTrail,
  ) {}

  rules(): Promise<CheckinRules> {
    return this.programme.get(RULES_KEY, DEFAULT_CHECKIN_RULES);
  }

  today(): string {
    return this.businessCalendar.today();
  }

  /** Rules apply to check-ins made after the change; what was awarded stays as it was. */
  async updateRules(staff: StaffPrincipal, rules: CheckinRules, requestId: string): Promise<CheckinRules> {
    const longest = cycleLength(rules.cycle);
    const unreachable = rules.streakBonuses.find((b) => b.day > longest);
    if (unreachable) throw invalidField('streakBonuses', `day ${unreachable.day} can never be reached in a ${rules.cycle} cycle (at most ${longest})`);
    if (new Set(rules.streakBonuses.map((b) => b.day)).size !== rules.streakBonuses.length) {
      throw invalidField('streakBonuses', 'each day may appear once');
    }
    const value: CheckinRules = { ...rules, streakBonuses: [...rules.streakBonuses].sort((a, b) => a.day - b.day).map((b) => ({ day: b.day, points: b.points })) };
    const before = await this.rules();
    await this.tx.run(async (m) => {
      await this.programme.set(m, RULES_KEY, value);
      await this.audit.record(m, { staff, requestId }, { action: 'checkin_rules.update', targetType: 'programme_setting', targetId: RULES_KEY, summary: '修改签到规则', before, after: value });
    });
    return value;
  }

  async tierMultiplierPct(rules: CheckinRules, tierId: number): Promise<number> {
    return rules.applyTierMultiplier ? (await this.tiers.byId(tierId)).pointsMultiplierPct : 100;
  }

  async calendar(memberId: number, month: string | undefined): Promise<CheckinCalendar> {
    const today = this.today();
    const shown = month ?? today.slice(0, 7);
    const rules = await this.rules();
    const member = await this.member(memberId);
    const [days, last, used] = await Promise.all([
      this.repository.daysBetween(memberId, `${shown}-01`, monthEnd(shown)),
      this.lastCheckin(memberId, today),
      this.makeupsUsed(memberId, today),
    ]);
    const pct = await this.tierMultiplierPct(rules, member.tierId);
    const checkedInToday = last?.day === today;
    const tomorrow = projectStreaks(last, today, rules.cycle, addDays(today, 1)).at(-1);
    return {
      month: shown,
      today,
      checkedDays: days.map((d) => d.day),
      makeupDays: days.filter((d) => d.kind === 'makeup').map((d) => d.day),
      streak: currentStreak(last, today, rules.cycle),
      checkedInToday,
      bonusDays: upcomingBonusDays(rules, last, today, shown, pct),
      todayPoints: checkedInToday ? 0 : checkinAward(rules, streakOn(today, last, rules.cycle), pct).points,
      tomorrowPoints: tomorrow ? checkinAward(rules, tomorrow.streak, pct).points : 0,
      makeup: { enabled: rules.makeupEnabled, costPoints: rules.makeupCostPoints, remainingThisMonth: rules.makeupEnabled ? Math.max(0, rules.makeupPerMonth - used) : 0 },
    };
  }

  /** The answer the first check-in of the day gave, for a repeat; its balance is the one its ledger entry left. */
  async firstResult(memberId: number, day: string): Promise<CheckinResult> {
    const row = await this.recorded(memberId, day, `checkin:${memberId}:${day}`);
    return { date: row.day, streak: row.streak, points: row.points, bonus: row.bonus, balance: row.balanceAfter ?? (await this.member(memberId)).balance };
  }

  async firstMakeupResult(memberId: number, day: string): Promise<MakeupCheckinResult> {
    const row = await this.recorded(memberId, day, `makeup:${memberId}:${day}`);
    if (row.kind !== 'makeup') throw makeupNotAllowed('这一天已签到，无需补签', day);
    const rules = await this.rules();
    const today = this.today();
    return {
      date: row.day,
      streak: row.streak,
      costPoints: row.costPoints,
      balance: row.balanceAfter ?? (await this.member(memberId)).balance,
      currentStreak: currentStreak(await this.lastCheckin(memberId, today), today, rules.cycle),
    };
  }

  async makeupsUsed(memberId: number, today: string): Promise<number> {
    return this.repository.makeupsBetween(memberId, `${today.slice(0, 7)}-01`, today);
  }

  private lastCheckin(memberId: number, today: string): Promise<CheckedDay | null> {
    return this.repository.lastOnOrBefore(memberId, today);
  }

  private async recorded(memberId: number, day: string, dedupeKey: string): Promise<RecordedCheckin> {
    const row = await this.repository.recorded(memberId, day, dedupeKey);
    if (!row) throw new Error(`check-in of member ${memberId} on ${day} vanished after a duplicate-key error`);
    return row;
  }

  private async member(memberId: number): Promise<{ tierId: number; balance: number }> {
    const account = await this.accounts.findActive(memberId);
    if (!account) throw memberNotFound(memberId);
    return account;
  }
}
