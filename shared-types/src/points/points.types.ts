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
