export const CouponStatus = { ACTIVE: 'active', USED: 'used', EXPIRED: 'expired' } as const;
export type CouponStatus = (typeof CouponStatus)[keyof typeof CouponStatus];

export interface Coupon {
  id: number;
  code: string;
  status: CouponStatus;
  title: string;
  kind: 'cash' | 'discount' | 'gift';
  /** e.g. "满100减20", "8.5折", "免费饮品一杯". */
  faceText: string;
  validFrom: string;
  expiresAt: string;
  storesText: string;
  usageNotes: string;
  usedAt: string | null;
  usedStore: { code: string; name: string } | null;
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
}
