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

/** Sort orders of HQ's mall list: the mall's own order first. */
export const RewardSort = {
  MALL_ORDER: 'mall_order',
  POINTS_ASC: 'points_asc',
  POINTS_DESC: 'points_desc',
  STOCK_LEFT_ASC: 'stock_left_asc',
} as const;
export type RewardSort = (typeof RewardSort)[keyof typeof RewardSort];

/** Listed (上架) or not; the on/off times still apply to a listed item. */
export type ListingStatus = 'active' | 'inactive';

/** GET /api/v1/staff/rewards: `q` is part of the title; the cursor is the offset of the page. */
export interface StaffRewardQuery {
  q?: string;
  status?: ListingStatus;
  sort?: RewardSort;
  cursor?: string;
  limit?: number;
}

/** Where uploaded reward images are served; a reward's imageUrl is this path + file, or an http(s) URL of HQ's own. */
export const REWARD_IMAGE_PATH = '/api/v1/reward-images/';

/** The most a reward image may weigh: a mall picture on a phone needs no more, and the mall loads a screenful at once. */
export const REWARD_IMAGE_MAX_BYTES = 512 * 1024;

/** POST /api/v1/staff/rewards/images: a PNG or JPEG, base64-encoded (the API takes JSON bodies only). */
export interface RewardImageUploadRequest {
  data: string;
}

export interface RewardImageUpload {
  /** Put this in the reward's imageUrl. */
  imageUrl: string;
  width: number;
  height: number;
  bytes: number;
}
