import type { ExpiryPolicy } from '@huiyuan/shared-types';
import { businessDate, startOfBusinessDay } from '../common/time/business-date';

export interface LotBalance {
  id: number;
  remaining: number;
  expiresAt: Date | null;
}

export interface LotAllocation {
  lotId: number;
  amount: number;
}

/** Spending takes the lots that expire soonest first (never-expiring last), oldest first on ties. */
export function allocateFifo(lots: LotBalance[], amount: number): LotAllocation[] {
  const ordered = [...lots]
    .filter((l) => l.remaining > 0)
    .sort((a, b) => {
      const ea = a.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
      const eb = b.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
      return ea === eb ? a.id - b.id : ea - eb;
    });
  const allocations: LotAllocation[] = [];
  let left = amount;
  for (const lot of ordered) {
    if (left === 0) break;
    const take = Math.min(lot.remaining, left);
    allocations.push({ lotId: lot.id, amount: take });
    left -= take;
  }
  if (left > 0) throw new Error(`lots hold ${amount - left} points, ${amount} needed`);
  return allocations;
}

/** Points for a purchase: whole yuan × rate × tier and member-day multipliers, rounded down. */
export function purchasePoints(amountCents: number, pointsPerYuan: number, multipliersPct: number[]): number {
  const base = Math.floor(amountCents / 100) * pointsPerYuan;
  return multipliersPct.reduce((points, pct) => Math.floor((points * pct) / 100), base);
}

/** The share of a purchase's points a refund takes back, rounded so that refunds never take more than was given. */
export function refundShare(totalPoints: number, purchaseCents: number, refundedBeforeCents: number, refundCents: number): number {
  const before = Math.floor((totalPoints * refundedBeforeCents) / purchaseCents);
  const after = Math.floor((totalPoints * (refundedBeforeCents + refundCents)) / purchaseCents);
  return after - before;
}

/** When a lot earned at `earnedAt` expires under the policy, at local midnight of the business zone. */
export function lotExpiry(policy: ExpiryPolicy, earnedAt: Date, timeZone: string): Date | null {
  const [y, m, d] = businessDate(earnedAt, timeZone).split('-').map(Number) as [number, number, number];
  switch (policy.kind) {
    case 'never':
      return null;
    case 'end_of_next_year':
      return startOfBusinessDay(`${y + 2}-01-01`, timeZone);
    case 'months_after_earning': {
      const target = new Date(Date.UTC(y, m - 1 + policy.months, 1));
      const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
      const day = Math.min(d, lastDay);
      const iso = `${target.getUTCFullYear()}-${String(target.getUTCMonth() + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      return startOfBusinessDay(iso, timeZone);
    }
  }
}
