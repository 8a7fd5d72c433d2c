export const LedgerEntryType = {
  EARN: 'earn',
  SPEND: 'spend',
  EXPIRE: 'expire',
  ADJUST: 'adjust',
  REFUND: 'refund',
  REVERSAL: 'reversal',
} as const;
export type LedgerEntryType = (typeof LedgerEntryType)[keyof typeof LedgerEntryType];

export interface LedgerEntry {
  id: number;
  delta: number;
  balanceAfter: number;
  type: LedgerEntryType;
  sourceType: string;
  /** Plain zh-CN, e.g. "消费 ¥128.00 获得积分". */
  reason: string;
  createdAt: string;
}

export interface ExpiringPoints {
  points: number;
  expiresAt: string;
}

export interface PurchaseRequest {
  memberCode?: string;
  cardNo?: string;
  amountCents: number;
  orderNo: string;
}

export interface PurchaseResult {
  id: number;
  points: number;
  balance: number;
  growth: number;
  /** The tier discount to apply at the till (95 = 5% off). */
  discountPercent: number;
  tier: { code: string; name: string };
  tierChanged: boolean;
  /** True when this order was already recorded: nothing was awarded twice. */
  duplicate: boolean;
}

export interface RefundRequest {
  amountCents: number;
}

export interface RefundResult {
  id: number;
  purchaseId: number;
  pointsReversed: number;
  /** Points the member had already spent, that could not be taken back. */
  shortfall: number;
  balance: number;
}

export interface AdjustPointsRequest {
  delta: number;
  reason: string;
}

export interface AdjustPointsResult {
  balance: number;
}

/** How long earned points live. A new policy applies to points earned afterwards; existing points keep their date. */
export type ExpiryPolicy = { kind: 'never' } | { kind: 'months_after_earning'; months: number } | { kind: 'end_of_next_year' };

export type GrowthWindow = 'rolling_12_months' | 'calendar_year';

export interface EarningRules {
  /** Points per whole yuan spent (rounded down). */
  pointsPerYuan: number;
  welcomePoints: number;
  expiry: ExpiryPolicy;
  /** A weekly member day (1 = Monday … 7 = Sunday) with a points multiplier in percent. */
  memberDay: { weekday: number; multiplierPct: number } | null;
  /** Growth value per yuan of qualifying spend. */
  growthPerYuan: number;
  growthWindow: GrowthWindow;
  /** What 100 points cost the programme, in cents: the dashboards value the points liability with it. */
  costPer100PointsCents: number;
  /** Shown to members; not editable through the API. */
  refundPolicyNote: string;
}

/** The PUT body: every rule but the refund note. */
export type EarningRulesRequest = Omit<EarningRules, 'refundPolicyNote' | 'costPer100PointsCents'> & { costPer100PointsCents?: number };
