import { STREAK_BUCKETS, StreakBucket } from '@huiyuan/shared-types';
import { addDays, daysBetween } from '../common/time/business-date';

/** A panel reads at most a year and a day (a leap year, both ends included). */
export const MAX_RANGE_DAYS = 366;

/** Why a from–to range is refused, or null. */
export function rangeProblem(from: string, to: string): { field: 'from' | 'to'; problem: string } | null {
  if (to < from) return { field: 'to', problem: 'to must not be before from' };
  if (daysBetween(from, to) + 1 > MAX_RANGE_DAYS) return { field: 'to', problem: `the range may cover at most ${MAX_RANGE_DAYS} days` };
  return null;
}

/** Every business day from `from` to `to`, both included. */
export function eachDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return days;
}

/** Consecutive runs of at most `size` days covering from–to: the rollup recounts one run per transaction. */
export function dayChunks(from: string, to: string, size: number): Array<{ from: string; to: string }> {
  const chunks: Array<{ from: string; to: string }> = [];
  for (let start = from; start <= to; start = addDays(start, size)) {
    const end = addDays(start, size - 1);
    chunks.push({ from: start, to: end < to ? end : to });
  }
  return chunks;
}

/** The streak bucket of a check-in's place in its streak. */
export function streakBucket(streak: number): StreakBucket {
  if (streak <= 1) return '1';
  if (streak <= 3) return '2-3';
  if (streak <= 7) return '4-7';
  if (streak <= 14) return '8-14';
  if (streak <= 30) return '15-30';
  return '31+';
}

/** Upper bounds of the buckets but the last, for the SQL CASE that buckets check-ins. */
export const STREAK_BUCKET_BOUNDS: Array<[number, StreakBucket]> = [
  [1, '1'],
  [3, '2-3'],
  [7, '4-7'],
  [14, '8-14'],
  [30, '15-30'],
];
export const LAST_STREAK_BUCKET: StreakBucket = STREAK_BUCKETS[STREAK_BUCKETS.length - 1] as StreakBucket;

export interface PointsFlows {
  issued: number;
  spent: number;
  expired: number;
  clawedBack: number;
}

/**
 * The ledger's sums by type and sign, as the panel names them. Positive entries are issued except a
 * reversal (a spend given back, which lowers spent); negative ones are spent, expired, or clawed back
 * (a refund's claw-back, a negative adjustment). So issued − spent − expired − clawedBack is the net
 * change of every balance, and the liability moves by exactly that.
 */
export function pointsFlows(sums: Array<{ sign: 'in' | 'out'; type: string; value: number }>): PointsFlows {
  const flows: PointsFlows = { issued: 0, spent: 0, expired: 0, clawedBack: 0 };
  for (const { sign, type, value } of sums) {
    if (sign === 'in') {
      if (type === 'reversal') flows.spent -= value;
      else flows.issued += value;
    } else if (type === 'spend') flows.spent -= value;
    else if (type === 'expire') flows.expired -= value;
    else flows.clawedBack -= value;
  }
  return flows;
}

/** The liability's cost: points × (cents per 100 points) / 100, rounded to the cent. */
export function liabilityValueCents(points: number, costPer100PointsCents: number): number {
  return Math.round((points * costPer100PointsCents) / 100);
}

/** Verified ÷ issued, to four decimals; null when nothing was issued. */
export function verificationRate(verified: number, issued: number): number | null {
  return issued === 0 ? null : Math.round((verified / issued) * 10_000) / 10_000;
}
