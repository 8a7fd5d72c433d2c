import type { NextTier } from '@huiyuan/shared-types';

export interface TierThreshold {
  id: number;
  code: string;
  name: string;
  rank: number;
  entryGrowth: number;
  retainGrowth: number;
}

/** The highest tier whose entry threshold the growth value reaches; upgrades never wait. */
export function tierForGrowth<T extends TierThreshold>(tiers: T[], growth: number): T {
  const sorted = [...tiers].sort((a, b) => a.rank - b.rank);
  let result = sorted[0];
  for (const t of sorted) if (growth >= t.entryGrowth) result = t;
  if (!result) throw new Error('no tiers');
  return result;
}

/** Upgrade only: a member keeps a higher tier until the evaluation date decides otherwise. */
export function upgradedTier<T extends TierThreshold>(tiers: T[], currentTierId: number, growth: number): T | null {
  const current = tiers.find((t) => t.id === currentTierId);
  const earned = tierForGrowth(tiers, growth);
  return current && earned.rank > current.rank ? earned : null;
}

/** At the evaluation date: one tier down when the retention threshold is missed. */
export function evaluatedTier<T extends TierThreshold>(tiers: T[], currentTierId: number, growth: number): T {
  const sorted = [...tiers].sort((a, b) => a.rank - b.rank);
  const index = sorted.findIndex((t) => t.id === currentTierId);
  const current = sorted[index];
  if (!current) throw new Error(`unknown tier ${currentTierId}`);
  const earned = tierForGrowth(sorted, growth);
  if (earned.rank >= current.rank) return earned;
  return growth >= current.retainGrowth ? current : (sorted[index - 1] ?? current);
}

export function nextTierFor(tiers: TierThreshold[], currentTierId: number, growth: number): NextTier | null {
  const current = tiers.find((t) => t.id === currentTierId);
  const next = [...tiers].sort((a, b) => a.rank - b.rank).find((t) => current && t.rank > current.rank);
  if (!next) return null;
  return { code: next.code, name: next.name, entryGrowth: next.entryGrowth, growthNeeded: Math.max(0, next.entryGrowth - growth) };
}
