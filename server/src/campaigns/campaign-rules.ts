import { createHash } from 'node:crypto';
import { addDays, businessDate, businessWeekday, startOfBusinessDay } from '../common/time/business-date';

/** "HH:MM" → minutes after midnight. */
export function minutesOf(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

const minuteFormatters = new Map<string, Intl.DateTimeFormat>();

function localMinute(at: Date, timeZone: string): number {
  let f = minuteFormatters.get(timeZone);
  if (!f) minuteFormatters.set(timeZone, (f = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit' })));
  return minutesOf(f.format(at));
}

export interface QuietHours {
  /** "22:00": from this business-clock time… */
  start: string;
  /** "08:00": …until this one, possibly the next day. Equal to start means no quiet hours. */
  end: string;
}

/**
 * When the quiet hours around `at` end, or null when `at` is outside them. The window may cross
 * midnight (22:00–08:00): at 23:30 it ends tomorrow at 08:00, at 07:00 today at 08:00.
 */
export function quietUntil(at: Date, quiet: QuietHours, timeZone: string): Date | null {
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return null;
  const now = localMinute(at, timeZone);
  const crossesMidnight = start > end;
  const inside = crossesMidnight ? now >= start || now < end : now >= start && now < end;
  if (!inside) return null;
  const today = businessDate(at, timeZone);
  const endDate = crossesMidnight && now >= start ? addDays(today, 1) : today;
  return new Date(startOfBusinessDay(endDate, timeZone).getTime() + end * 60_000);
}

/** The instant the business-calendar week (Monday 00:00 in the business zone) containing `at` began. */
export function startOfBusinessWeek(at: Date, timeZone: string): Date {
  const monday = addDays(businessDate(at, timeZone), 1 - businessWeekday(at, timeZone));
  return startOfBusinessDay(monday, timeZone);
}

/**
 * Whether a member is held out of a campaign: a stable hash of (campaign, member), so the same
 * member is in or out however often or wherever it is asked, and each campaign draws its own group.
 */
export function isHeldOut(campaignId: number, memberId: number, holdoutPercent: number): boolean {
  if (holdoutPercent <= 0) return false;
  const bucket = createHash('sha256').update(`${campaignId}:${memberId}`).digest().readUInt32BE(0) % 10_000;
  return bucket < holdoutPercent * 100;
}

export interface ErrorRateRule {
  /** Fraction of failed sends (0–1) above which sending pauses. */
  threshold: number;
  /** Sends to see before judging. */
  minSample: number;
}

/** Whether failures are frequent enough that something is wrong (a template, a page, the app) and sending must stop. */
export function errorRateTooHigh(sent: number, failed: number, rule: ErrorRateRule): boolean {
  const seen = sent + failed;
  return seen >= rule.minSample && failed / seen > rule.threshold;
}

export interface Conversion {
  members: number;
  buyers: number;
}

export interface Lift {
  recipientsRate: number;
  holdoutRate: number;
  /** Recipients' rate minus the holdout's, in percentage points, with its 95% interval. */
  differencePoints: number;
  low: number;
  high: number;
  /** The difference relative to the holdout's rate (0.25 = 25% more), null while the holdout bought nothing. */
  relative: number | null;
}

/** Purchase rate of recipients against the holdout: difference of two proportions with a normal (Wald) 95% interval. */
export function conversionLift(recipients: Conversion, holdout: Conversion): Lift | null {
  if (recipients.members === 0 || holdout.members === 0) return null;
  const p1 = recipients.buyers / recipients.members;
  const p2 = holdout.buyers / holdout.members;
  const se = Math.sqrt((p1 * (1 - p1)) / recipients.members + (p2 * (1 - p2)) / holdout.members);
  const diff = p1 - p2;
  const round = (x: number) => Math.round(x * 10_000) / 100;
  return {
    recipientsRate: round(p1),
    holdoutRate: round(p2),
    differencePoints: round(diff),
    low: round(diff - 1.96 * se),
    high: round(diff + 1.96 * se),
    relative: p2 > 0 ? Math.round((diff / p2) * 1000) / 1000 : null,
  };
}

/** Backoff for a transient send failure: 30 s, 1 min, 2 min, 4 min… */
export function retryDelayMs(attempt: number): number {
  return 30_000 * 2 ** Math.max(0, attempt - 1);
}
