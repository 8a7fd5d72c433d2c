export interface TierBenefits {
  /** Shown to the clerk at checkout: 95 means 95% of the price (5% off); 100 means none. */
  discountPercent: number;
  /** Points earned are multiplied by this (1.5 → ×1.5). */
  pointsMultiplier: number;
  birthdayBonusPoints: number;
  perks: string[];
}

export interface TierRef {
  code: string;
  name: string;
  rank: number;
}

export interface Tier extends TierRef {
  id: number;
  entryGrowth: number;
  retainGrowth: number;
  benefits: TierBenefits;
  cardColor: string;
}

export interface TierUpsertRequest {
  code: string;
  name: string;
  rank: number;
  entryGrowth: number;
  retainGrowth: number;
  benefits: TierBenefits;
  cardColor: string;
}

export interface TierPreviewRequest {
  thresholds: Array<{ code: string; entryGrowth: number }>;
}

export interface TierPreview {
  counts: Array<{ code: string; name: string; members: number }>;
}

/** Sort orders of the staff's tier list. */
export const TierSort = { RANK_ASC: 'rank_asc', RANK_DESC: 'rank_desc', ENTRY_GROWTH_DESC: 'entry_growth_desc' } as const;
export type TierSort = (typeof TierSort)[keyof typeof TierSort];

/** GET /api/v1/staff/tiers: `q` is part of the name or code; the cursor is the offset of the page. */
export interface TierQuery {
  q?: string;
  sort?: TierSort;
  cursor?: string;
  limit?: number;
}
