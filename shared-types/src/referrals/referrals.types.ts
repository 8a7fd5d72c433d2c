export interface ReferralInvitation {
  friendName: string;
  joinedAt: string;
  state: 'joined' | 'qualified' | 'rewarded' | 'held' | 'flagged' | 'rejected';
  rewardPoints: number;
}

export interface MyReferrals {
  referralCode: string;
  sharePath: string;
  invitations: ReferralInvitation[];
  totalRewardPoints: number;
  /** The current rules in the member's terms: who gets how many points, and when. */
  offer: { enabled: boolean; qualifyingEvent: ReferralQualifyingEvent; referrerPoints: number; refereePoints: number };
}

/** Points now; a coupon template once the coupons feature issues them. */
export interface ReferralRewardSpec {
  points?: number;
  couponTemplateId?: number;
}

export const ReferralQualifyingEvent = {
  JOIN: 'join',
  FIRST_CHECKIN: 'first_checkin',
  FIRST_PURCHASE: 'first_purchase',
} as const;
export type ReferralQualifyingEvent = (typeof ReferralQualifyingEvent)[keyof typeof ReferralQualifyingEvent];

export interface ReferralRules {
  enabled: boolean;
  qualifyingEvent: ReferralQualifyingEvent;
  referrerReward: ReferralRewardSpec;
  refereeReward: ReferralRewardSpec;
  /** A first-purchase reward is held this many days, until the purchase can no longer be refunded. */
  refundWindowDays: number;
  maxRewardsPerReferrerPerDay: number;
  maxRewardsPerReferrerPerMonth: number;
}

export type ReferralState = 'joined' | 'qualified' | 'held' | 'rewarded' | 'flagged' | 'approved' | 'rejected';

export type ReferralFlagReason = 'same_unionid' | 'same_phone' | 'daily_cap' | 'monthly_cap';

export interface ReferralReview {
  id: number;
  state: ReferralState;
  flagReason: ReferralFlagReason | null;
  referrer: { id: number; cardNo: string; nickname: string | null };
  referee: { id: number; cardNo: string; nickname: string | null };
  joinedAt: string;
  qualifiedAt: string | null;
}
