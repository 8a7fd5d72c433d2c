import type { CouponKind } from '../coupons/coupons.types';

export interface Reward {
  id: number;
  title: string;
  description: string;
  pointsPrice: number;
  stockLeft: number;
  /** 0 means no limit. */
  perMemberLimit: number;
  imageUrl: string | null;
  couponTemplate: { id: number; kind: CouponKind; validityText: string; storesText: string; faceText?: string };
  /** The lowest tier that may redeem it, or null for everyone. */
  minTier?: { code: string; name: string; rank: number } | null;
}

export interface Redemption {
  coupon: { id: number; code: string; status: 'active' | 'used' | 'expired'; expiresAt: string };
  balance: number;
}

export interface RewardRequest {
  title: string;
  description?: string;
  imageUrl?: string | null;
  pointsPrice: number;
  couponTemplateId: number;
  /** Total stock; changing it later moves what is left by the same amount. */
  stock: number;
  perMemberLimit?: number;
  minTierRank?: number | null;
  sortOrder?: number;
  onAt?: string | null;
  offAt?: string | null;
  active?: boolean;
}

/** What HQ sees in the editor. */
export interface StaffReward extends Reward {
  stock: number;
  redeemed: number;
  minTierRank: number | null;
  sortOrder: number;
  onAt: string | null;
  offAt: string | null;
  active: boolean;
}
