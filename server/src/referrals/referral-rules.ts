import { ReferralFlagReason, ReferralInvitation, ReferralRules, ReferralState } from '@huiyuan/shared-types';

/** Both sides rewarded when the friend first buys, held through a 7-day refund window. */
export const DEFAULT_REFERRAL_RULES: ReferralRules = {
  enabled: true,
  qualifyingEvent: 'first_purchase',
  referrerReward: { points: 200 },
  refereeReward: { points: 100 },
  refundWindowDays: 7,
  maxRewardsPerReferrerPerDay: 5,
  maxRewardsPerReferrerPerMonth: 30,
};

/** The join page a referral opens; the scene is URI-encoded as a mini-program launch passes it. */
export function referralSharePath(referralCode: string): string {
  return `/packages/join/index?scene=${encodeURIComponent(`r=${referralCode}`)}`;
}

/** Only the first character of a friend's nickname is shown (小林 → 小*, Mia → M*). */
export function maskFriendName(nickname: string | null): string {
  const first = nickname ? Array.from(nickname.trim())[0] : undefined;
  return first ? `${first}*` : '微信好友';
}

/** The member sees an approved referral as rewarded: how it got there is HQ's business. */
export function invitationState(state: ReferralState): ReferralInvitation['state'] {
  return state === 'approved' ? 'rewarded' : state;
}

/** When a qualified referral's rewards may be paid: at once, or once a first purchase can no longer be refunded. */
export function releaseTime(rules: ReferralRules, qualifiedAt: Date, purchasedAt: Date | null): Date {
  if (purchasedAt === null) return qualifiedAt;
  return new Date(purchasedAt.getTime() + rules.refundWindowDays * 86_400_000);
}

/** Which of the referrer's caps one more reward would break, counting the rewards already paid today and this month. */
export function capReached(rules: ReferralRules, rewardedToday: number, rewardedThisMonth: number): ReferralFlagReason | null {
  if (rewardedToday >= rules.maxRewardsPerReferrerPerDay) return 'daily_cap';
  if (rewardedThisMonth >= rules.maxRewardsPerReferrerPerMonth) return 'monthly_cap';
  return null;
}
