import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CheckinCalendar, CheckinResult, CheckinRules, ErrorCode, MakeupCheckinResult } from '@huiyuan/shared-types';
import { DataSource } from 'typeorm';
import { AuditTrail } from '../audit/audit-trail';
import type { StaffPrincipal } from '../common/auth/principal';
import { TransactionRunner } from '../common/db/transaction-runner';
import { AppError } from '../common/errors/app-error';
import { BusinessCalendar } from '../common/time/business-calendar';
import { addDays } from '../common/time/business-date';
import { memberNotFound } from '../members/members.errors';
import { ProgrammeService } from '../programme/programme.service';
import { TiersService } from '../tiers/tiers.service';
import { makeupNotAllowed } from './checkin.errors';
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

const RULES_KEY = 'checkin';

interface CheckinRow {
  day: string;
  kind: 'daily' | 'makeup';
  streak: number;
  points: number;
  bonus: number;
  cost_points: number;
  balance_after: number | null;
}

/** Reads for check-in (rules, calendar, earlier results) and HQ's edits of the rules. */
@Injectable()
export class CheckinService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
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
    if (unreachable) throw new AppError(ErrorCode.VALIDATION_FAILED, `streakBonuses: day ${unreachable.day} can never be reached in a ${rules.cycle} cycle (at most ${longest})`);
    if (new Set(rules.streakBonuses.map((b) => b.day)).size !== rules.streakBonuses.length) {
      throw new AppError(ErrorCode.VALIDATION_FAILED, 'streakBonuses: each day may appear once');
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
      this.dataSource.query<Array<{ day: string; kind: string }>>('SELECT day, kind FROM checkins WHERE member_id = ? AND day >= ? AND day <= ? ORDER BY day', [memberId, `${shown}-01`, monthEnd(shown)]),
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
    const row = await this.checkinOn(memberId, day, `checkin:${memberId}:${day}`);
    return { date: row.day, streak: row.streak, points: row.points, bonus: row.bonus, balance: row.balance_after ?? (await this.member(memberId)).pointsBalance };
  }

  async firstMakeupResult(memberId: number, day: string): Promise<MakeupCheckinResult> {
    const row = await this.checkinOn(memberId, day, `makeup:${memberId}:${day}`);
    if (row.kind !== 'makeup') throw makeupNotAllowed('这一天已签到，无需补签', day);
    const rules = await this.rules();
    const today = this.today();
    return {
      date: row.day,
      streak: row.streak,
      costPoints: row.cost_points,
      balance: row.balance_after ?? (await this.member(memberId)).pointsBalance,
      currentStreak: currentStreak(await this.lastCheckin(memberId, today), today, rules.cycle),
    };
  }

  async makeupsUsed(memberId: number, today: string): Promise<number> {
    const rows = await this.dataSource.query<Array<{ n: number }>>("SELECT COUNT(*) AS n FROM checkins WHERE member_id = ? AND kind = 'makeup' AND day >= ? AND day <= ?", [memberId, `${today.slice(0, 7)}-01`, today]);
    return Number(rows[0]?.n ?? 0);
  }

  private async lastCheckin(memberId: number, today: string): Promise<CheckedDay | null> {
    const rows = await this.dataSource.query<Array<{ day: string; streak: number }>>('SELECT day, streak FROM checkins WHERE member_id = ? AND day <= ? ORDER BY day DESC LIMIT 1', [memberId, today]);
    return rows[0] ? { day: rows[0].day, streak: Number(rows[0].streak) } : null;
  }

  private async checkinOn(memberId: number, day: string, dedupeKey: string): Promise<CheckinRow> {
    const rows = await this.dataSource.query<CheckinRow[]>(
      'SELECT c.day, c.kind, c.streak, c.points, c.bonus, c.cost_points, l.balance_after FROM checkins c LEFT JOIN points_ledger l ON l.dedupe_key = ? WHERE c.member_id = ? AND c.day = ?',
      [dedupeKey, memberId, day],
    );
    const row = rows[0];
    if (!row) throw new Error(`check-in of member ${memberId} on ${day} vanished after a duplicate-key error`);
    return { ...row, streak: Number(row.streak), points: Number(row.points), bonus: Number(row.bonus), cost_points: Number(row.cost_points), balance_after: row.balance_after === null ? null : Number(row.balance_after) };
  }

  private async member(memberId: number): Promise<{ tierId: number; pointsBalance: number }> {
    const rows = await this.dataSource.query<Array<{ tier_id: number; points_balance: number }>>("SELECT tier_id, points_balance FROM members WHERE id = ? AND status = 'active'", [memberId]);
    if (!rows[0]) throw memberNotFound(memberId);
    return { tierId: Number(rows[0].tier_id), pointsBalance: Number(rows[0].points_balance) };
  }
}
