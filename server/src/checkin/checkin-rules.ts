import { CheckinCycle, CheckinRules } from '@huiyuan/shared-types';
import { addDays, daysBetween } from '../common/time/business-date';

/** Generous enough that nobody notices, small enough that a streak bonus is worth chasing. */
export const DEFAULT_CHECKIN_RULES: CheckinRules = {
  basePoints: 5,
  streakBonuses: [
    { day: 3, points: 10 },
    { day: 7, points: 30 },
    { day: 30, points: 100 },
  ],
  cycle: CheckinCycle.UNLIMITED,
  growthPerCheckin: 0,
  applyTierMultiplier: false,
  makeupEnabled: true,
  makeupCostPoints: 20,
  makeupPerMonth: 2,
};

/** A day the member checked in on, and that day's place in its streak. */
export interface CheckedDay {
  day: string;
  streak: number;
}

export interface CheckinAward {
  points: number;
  bonus: number;
  growth: number;
}

/** The longest streak a cycle allows: a bonus day beyond it could never be reached. */
export function cycleLength(cycle: CheckinCycle): number {
  switch (cycle) {
    case 'weekly':
      return 7;
    case 'monthly':
      return 31;
    case 'unlimited':
      return Number.POSITIVE_INFINITY;
  }
}

/** The first day of the cycle holding `day` (Monday for weekly, the 1st for monthly), or null when streaks never restart. */
export function cycleStart(day: string, cycle: CheckinCycle): string | null {
  switch (cycle) {
    case 'weekly': {
      const isoWeekday = new Date(`${day}T00:00:00Z`).getUTCDay() || 7;
      return addDays(day, 1 - isoWeekday);
    }
    case 'monthly':
      return `${day.slice(0, 7)}-01`;
    case 'unlimited':
      return null;
  }
}

/**
 * A check-in's place in its streak: one more than the day before's if that day was checked in,
 * else 1. It never exceeds the days elapsed in the current cycle, so a new cycle starts at 1 and
 * a cycle introduced by a rule change takes effect at once.
 */
export function streakOn(day: string, previous: CheckedDay | null, cycle: CheckinCycle): number {
  const continued = previous && previous.day === addDays(day, -1) ? previous.streak + 1 : 1;
  const start = cycleStart(day, cycle);
  return start === null ? continued : Math.min(continued, daysBetween(start, day) + 1);
}

/** The member's streak as it stands today: alive if they checked in today, or yesterday within today's cycle. */
export function currentStreak(last: CheckedDay | null, today: string, cycle: CheckinCycle): number {
  if (!last) return 0;
  if (last.day === today) return last.streak;
  return streakOn(today, last, cycle) > 1 ? last.streak : 0;
}

/** Base points plus the bonus for reaching this streak, times the tier multiplier when the rules apply it, rounded down. */
export function checkinAward(rules: CheckinRules, streak: number, tierMultiplierPct: number): CheckinAward {
  const rawBonus = rules.streakBonuses.filter((b) => b.day === streak).reduce((sum, b) => sum + b.points, 0);
  const pct = rules.applyTierMultiplier ? tierMultiplierPct : 100;
  return {
    points: Math.floor(((rules.basePoints + rawBonus) * pct) / 100),
    bonus: Math.floor((rawBonus * pct) / 100),
    growth: rules.growthPerCheckin,
  };
}

/**
 * The streak each future day would have if the member checked in every day from the next open
 * day (today, or tomorrow once today is done) up to and including `until`.
 */
export function projectStreaks(last: CheckedDay | null, today: string, cycle: CheckinCycle, until: string): CheckedDay[] {
  const days: CheckedDay[] = [];
  let previous = last && (last.day === today || last.day === addDays(today, -1)) ? last : null;
  for (let day = previous?.day === today ? addDays(today, 1) : today; day <= until; day = addDays(day, 1)) {
    const next = { day, streak: streakOn(day, previous, cycle) };
    days.push(next);
    previous = next;
  }
  return days;
}

/** Upcoming streak-bonus days within the month (YYYY-MM), as the member would receive them. */
export function upcomingBonusDays(rules: CheckinRules, last: CheckedDay | null, today: string, month: string, tierMultiplierPct: number): Array<{ date: string; bonus: number }> {
  const end = monthEnd(month);
  if (end < today) return [];
  return projectStreaks(last, today, rules.cycle, end)
    .filter((d) => d.day.startsWith(month))
    .map((d) => ({ date: d.day, bonus: checkinAward(rules, d.streak, tierMultiplierPct).bonus }))
    .filter((d) => d.bonus > 0);
}

/** The last day of a YYYY-MM month, leap years included. */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/**
 * Why a make-up for `day` is refused, or null when allowed: only a day of the current month,
 * before today, not before the member joined, within the month's allowance.
 */
export function makeupRefusal(rules: CheckinRules, day: string, today: string, joinDay: string, usedThisMonth: number): string | null {
  if (!rules.makeupEnabled) return '补签功能未开启';
  if (day >= today) return '只能补签今天之前的日子';
  if (day.slice(0, 7) !== today.slice(0, 7)) return '只能补签本月的日子';
  if (day < joinDay) return '入会之前的日子不能补签';
  if (usedThisMonth >= rules.makeupPerMonth) return `本月补签次数已用完（每月 ${rules.makeupPerMonth} 次）`;
  return null;
}

/**
 * After a make-up fills `filled`, the streaks of the consecutive days that follow it in the same
 * cycle grow to continue from it. `following` is sorted by day; returns only the days that change.
 */
export function restreakAfterMakeup(filled: CheckedDay, following: CheckedDay[], cycle: CheckinCycle): CheckedDay[] {
  const changed: CheckedDay[] = [];
  let previous = filled;
  for (const day of following) {
    if (day.day !== addDays(previous.day, 1)) break;
    const streak = streakOn(day.day, previous, cycle);
    if (streak !== day.streak) changed.push({ day: day.day, streak });
    previous = { day: day.day, streak };
  }
  return changed;
}
