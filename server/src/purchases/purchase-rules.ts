import type { EarningRules } from '@huiyuan/shared-types';
import { businessWeekday } from '../common/time/business-date';
import { purchasePoints } from '../points/points-rules';


/** Points (tier and member-day multipliers, rounded down) and growth (whole yuan × rate) for a sale. */
export function purchaseAward(amountCents: number, rules: EarningRules, tierMultiplierPct: number, at: Date, timeZone: string): { points: number; growth: number } {
  const multipliers = [tierMultiplierPct];
  if (rules.memberDay && businessWeekday(at, timeZone) === rules.memberDay.weekday) multipliers.push(rules.memberDay.multiplierPct);
  return {
    points: purchasePoints(amountCents, rules.pointsPerYuan, multipliers),
    growth: Math.floor(amountCents / 100) * rules.growthPerYuan,
  };
}
