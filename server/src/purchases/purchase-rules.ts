import type { EarningRules } from '../programme/programme-settings';
import { purchasePoints } from '../points/points-rules';

/** ISO weekday (1 = Monday … 7 = Sunday) of an instant in the business time zone. */
export function businessWeekday(at: Date, timeZone: string): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short' }).format(at);
  return ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(name) + 1;
}

/** Points (tier and member-day multipliers, rounded down) and growth (whole yuan × rate) for a sale. */
export function purchaseAward(amountCents: number, rules: EarningRules, tierMultiplierPct: number, at: Date, timeZone: string): { points: number; growth: number } {
  const multipliers = [tierMultiplierPct];
  if (rules.memberDay && businessWeekday(at, timeZone) === rules.memberDay.weekday) multipliers.push(rules.memberDay.multiplierPct);
  return {
    points: purchasePoints(amountCents, rules.pointsPerYuan, multipliers),
    growth: Math.floor(amountCents / 100) * rules.growthPerYuan,
  };
}
