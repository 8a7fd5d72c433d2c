import { BirthdayCalendar } from '@huiyuan/shared-types';
import { addDays } from '../common/time/business-date';
import { birthdayOccurrence } from '../common/time/birthday';
import { nextBirthday } from './birthday-month';

/** What a member's rule tags and segments read, one row per member (`member_stats`). */
export interface MemberStatsValues {
  memberId: number;
  lastPurchaseAt: Date | null;
  purchases30d: number;
  spend30dCents: number;
  purchases90d: number;
  spend90dCents: number;
  /** Spend in the 90 days before the last 90: 消费下滑 compares the two. */
  spendPrev90dCents: number;
  purchases365d: number;
  spend365dCents: number;
  lastCheckinDay: string | null;
  lastCouponUsedAt: Date | null;
  lastVisitAt: Date | null;
  birthdayMonth: number | null;
  nextBirthday: string | null;
  /** The part of the day most of the last 12 months' purchases fell in, and the count in each part. */
  daypart: Daypart | null;
  daypartCounts: Record<Daypart, number>;
  /** The business day the windows were counted on: windows slide, so the nightly job recounts. */
  computedDay: string;
}

export const DAYPARTS = ['morning', 'noon', 'afternoon', 'evening', 'night'] as const;
export type Daypart = (typeof DAYPARTS)[number];

export const DAYPART_NAMES: Record<Daypart, string> = { morning: '早间', noon: '午间', afternoon: '下午', evening: '晚间', night: '深夜' };

export interface MemberActivity {
  memberId: number;
  /** Purchases of the last 365 days (any order); older ones only count through lastPurchaseAt. */
  purchases: Array<{ at: Date; amountCents: number; refundedCents: number }>;
  lastPurchaseAt: Date | null;
  lastCheckinDay: string | null;
  lastCouponUsedAt: Date | null;
  lastVisitAt: Date | null;
  birthday: { calendar: BirthdayCalendar; month: number; day: number } | null;
}

/** The daypart of an hour 0–23 in the business zone. */
export function daypartOfHour(hour: number): Daypart {
  if (hour >= 6 && hour < 11) return 'morning';
  if (hour >= 11 && hour < 14) return 'noon';
  if (hour >= 14 && hour < 17) return 'afternoon';
  if (hour >= 17 && hour < 22) return 'evening';
  return 'night';
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const quarters = new Map<string, { day: string; hour: number }>();
const QUARTER_MS = 15 * 60_000;

/**
 * The business day and hour of an instant. Every zone's offset is a whole number of quarter hours,
 * so one quarter's instants share both; Intl formatting costs microseconds and the nightly refresh
 * asks for millions of purchases, so each quarter is formatted once.
 */
export function businessDayAndHour(at: Date, timeZone: string): { day: string; hour: number } {
  const key = `${timeZone}|${Math.floor(at.getTime() / QUARTER_MS)}`;
  let found = quarters.get(key);
  if (!found) {
    let f = formatters.get(timeZone);
    if (!f) formatters.set(timeZone, (f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' })));
    const parts = f.formatToParts(at);
    const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    found = { day: `${part('year')}-${part('month')}-${part('day')}`, hour: Number(part('hour')) };
    if (quarters.size > 200_000) quarters.clear();
    quarters.set(key, found);
  }
  return found;
}

/**
 * Counts a member's windows as of `today` (a business day). "Within the last N days" means on one of
 * the N business days ending today, so a window turns at local midnight, not UTC's. A purchase counts
 * while any of it is unrefunded; spend is net of refunds.
 */
export function computeMemberStats(activity: MemberActivity, today: string, timeZone: string): MemberStatsValues {
  const from30 = addDays(today, -29);
  const from90 = addDays(today, -89);
  const from180 = addDays(today, -179);
  const from365 = addDays(today, -364);
  const stats: MemberStatsValues = {
    memberId: activity.memberId,
    lastPurchaseAt: activity.lastPurchaseAt,
    purchases30d: 0,
    spend30dCents: 0,
    purchases90d: 0,
    spend90dCents: 0,
    spendPrev90dCents: 0,
    purchases365d: 0,
    spend365dCents: 0,
    lastCheckinDay: activity.lastCheckinDay,
    lastCouponUsedAt: activity.lastCouponUsedAt,
    lastVisitAt: activity.lastVisitAt,
    birthdayMonth: null,
    nextBirthday: null,
    daypart: null,
    daypartCounts: noDayparts(),
    computedDay: today,
  };
  for (const p of activity.purchases) {
    const net = p.amountCents - p.refundedCents;
    if (net <= 0) continue;
    const { day, hour } = businessDayAndHour(p.at, timeZone);
    if (day < from365 || day > today) continue;
    stats.purchases365d++;
    stats.spend365dCents += net;
    if (day >= from90) {
      stats.purchases90d++;
      stats.spend90dCents += net;
    } else if (day >= from180) {
      stats.spendPrev90dCents += net;
    }
    if (day >= from30) {
      stats.purchases30d++;
      stats.spend30dCents += net;
    }
    stats.daypartCounts[daypartOfHour(hour)]++;
  }
  stats.daypart = habitualDaypart(stats.daypartCounts);
  if (activity.birthday) {
    const { calendar, month, day } = activity.birthday;
    stats.birthdayMonth = Number(birthdayOccurrence(calendar, month, day, Number(today.slice(0, 4))).slice(5, 7));
    stats.nextBirthday = nextBirthday(calendar, month, day, today);
  }
  return stats;
}

export const noDayparts = (): Record<Daypart, number> => ({ morning: 0, noon: 0, afternoon: 0, evening: 0, night: 0 });

/** The part with strictly the most purchases: a tie names no habit. */
export function habitualDaypart(counts: Record<Daypart, number>): Daypart | null {
  let best = 0;
  let habit: Daypart | null = null;
  for (const part of DAYPARTS) {
    const n = counts[part];
    if (n > best) [best, habit] = [n, part];
    else if (n === best && n > 0) habit = null;
  }
  return habit;
}

/** What happened to a member just now, as the stats count it. */
export type MemberStatsEvent =
  | { kind: 'purchase'; at: Date; amountCents: number }
  | { kind: 'checkin'; day: string }
  | { kind: 'coupon_used'; at: Date };

/**
 * Stats counted on `today` with an event of today added: every window ends today, so the event
 * falls in all of them and nothing slides out. Null when the stats were counted on another day:
 * then only a recount is exact.
 */
export function withEvent(stats: MemberStatsValues, event: MemberStatsEvent, today: string, timeZone: string): MemberStatsValues | null {
  if (stats.computedDay !== today) return null;
  switch (event.kind) {
    case 'checkin':
      return { ...stats, lastCheckinDay: stats.lastCheckinDay && stats.lastCheckinDay > event.day ? stats.lastCheckinDay : event.day };
    case 'coupon_used':
      return { ...stats, lastCouponUsedAt: later(stats.lastCouponUsedAt, event.at), lastVisitAt: later(stats.lastVisitAt, event.at) };
    case 'purchase': {
      const visited = { ...stats, lastVisitAt: later(stats.lastVisitAt, event.at) };
      const { day, hour } = businessDayAndHour(event.at, timeZone);
      if (event.amountCents <= 0 || day !== today) return day === today ? visited : null;
      const daypartCounts = { ...stats.daypartCounts };
      daypartCounts[daypartOfHour(hour)]++;
      return {
        ...visited,
        lastPurchaseAt: later(stats.lastPurchaseAt, event.at),
        purchases30d: stats.purchases30d + 1,
        spend30dCents: stats.spend30dCents + event.amountCents,
        purchases90d: stats.purchases90d + 1,
        spend90dCents: stats.spend90dCents + event.amountCents,
        purchases365d: stats.purchases365d + 1,
        spend365dCents: stats.spend365dCents + event.amountCents,
        daypart: habitualDaypart(daypartCounts),
        daypartCounts,
      };
    }
  }
}

const later = (a: Date | null, b: Date): Date => (a && a > b ? a : b);
