export const CouponStatus = { ACTIVE: 'active', USED: 'used', EXPIRED: 'expired' } as const;
export type CouponStatus = (typeof CouponStatus)[keyof typeof CouponStatus];

export type CouponKind = 'cash' | 'discount' | 'gift';

export interface Coupon {
  id: number;
  code: string;
  status: CouponStatus;
  title: string;
  kind: CouponKind;
  /** e.g. "满100减20", "8.5折", "免费饮品一杯". */
  faceText: string;
  validFrom: string;
  expiresAt: string;
  storesText: string;
  usageNotes: string;
  usedAt: string | null;
  usedStore: { code: string; name: string } | null;
}

/** A coupon's page in the wallet: the code as a QR image (PNG data URL) the clerk scans. */
export interface CouponDetail extends Coupon {
  qrPng?: string;
}

export interface VerifyCouponRequest {
  code: string;
}

export interface CouponVerification {
  id: number;
  coupon: Coupon;
  member: { cardNo: string; nickname: string | null };
  verifiedAt: string;
  store: { code: string; name: string };
  verifiedBy?: { id: number; displayName: string };
  /** Set when a manager undid the verification (the coupon is active again). */
  undoneAt?: string | null;
}

/** GET /staff/coupons/{code}: what 核销 would use, for the clerk to confirm first. */
export interface CouponVerificationPreview {
  coupon: Coupon;
  member: { cardNo: string; nickname: string | null };
}

/** Cash off (满减), a discount (折扣) or a gift (礼品). */
export type CouponValidity =
  | { kind: 'fixed'; from: string; until: string }
  /** Valid for `days` calendar days in the business time zone, counting the issue day (or the next day) as day 1. */
  | { kind: 'relative'; days: number; startsNextDay: boolean };

export const CouponStoreScope = { ALL: 'all', LISTED: 'listed', ISSUING: 'issuing' } as const;
export type CouponStoreScope = (typeof CouponStoreScope)[keyof typeof CouponStoreScope];

export interface CouponTemplateRequest {
  title: string;
  kind: CouponKind;
  amountCents?: number | null;
  minSpendCents?: number | null;
  ratePercent?: number | null;
  capCents?: number | null;
  giftDescription?: string | null;
  validity: CouponValidity;
  storeScope: CouponStoreScope;
  /** Stores or regions (a region covers its stores), for storeScope 'listed'. */
  storeCodes?: string[];
  totalStock?: number | null;
  perMemberLimit?: number | null;
  perMemberDailyLimit?: number | null;
  minTierRank?: number | null;
  usageNotes?: string;
  active?: boolean;
}

export interface CouponTemplate {
  id: number;
  title: string;
  kind: CouponKind;
  faceText: string;
  amountCents: number | null;
  minSpendCents: number | null;
  ratePercent: number | null;
  capCents: number | null;
  giftDescription: string | null;
  validity: CouponValidity;
  validityText: string;
  storeScope: CouponStoreScope;
  storeCodes: string[];
  storesText: string;
  totalStock: number | null;
  issuedCount: number;
  perMemberLimit: number | null;
  perMemberDailyLimit: number | null;
  minTierRank: number | null;
  usageNotes: string;
  active: boolean;
  /** Null for HQ's templates; a store's own templates are valid there only. */
  ownerStore: { code: string; name: string } | null;
}

/** Sort orders of the staff's template list. */
export const CouponTemplateSort = { NEWEST: 'newest', TITLE: 'title' } as const;
export type CouponTemplateSort = (typeof CouponTemplateSort)[keyof typeof CouponTemplateSort];

/**
 * GET /api/v1/staff/coupon-templates: `q` is part of the title; `owner` 'hq' keeps HQ's templates,
 * 'store' the stores' own; the cursor is the offset of the page.
 */
export interface CouponTemplateQuery {
  q?: string;
  kind?: CouponKind;
  status?: 'active' | 'inactive';
  owner?: 'hq' | 'store';
  sort?: CouponTemplateSort;
  cursor?: string;
  limit?: number;
}

export interface IssueCouponRequest {
  memberCardNo: string;
  templateId: number;
  reason: string;
}

export interface CouponSettings {
  /** How long after a verification a store manager may still undo it. */
  undoWindowMinutes: number;
  /** Whether store managers may create templates valid in their own store. */
  managersMayCreateTemplates: boolean;
}

/** Coupons issued by one store and used at another, for settling between them. */
export interface CouponSettlementRow {
  issuedStore: { code: string; name: string };
  usedStore: { code: string; name: string };
  count: number;
  /** Face value of the cash-off coupons among them; discounts and gifts are settled by count. */
  cashOffCents: number;
}

export interface CouponSettlementReport {
  from: string;
  to: string;
  items: CouponSettlementRow[];
}
