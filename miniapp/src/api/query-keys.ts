/** Every React Query key in one place, so invalidation after a write names what it touches. */
export const queryKeys = {
  me: ['members', 'me'] as const,
  profile: ['members', 'me', 'profile'] as const,
  memberCode: ['members', 'me', 'code'] as const,
  privacyNotice: ['privacy-notice'] as const,
  checkinMonth: (month: string) => ['checkins', month] as const,
  ledger: ['points', 'ledger'] as const,
  expiring: ['points', 'expiring'] as const,
  rewards: ['rewards'] as const,
  reward: (id: string) => ['rewards', id] as const,
  coupons: (status: string) => ['coupons', status] as const,
  coupon: (id: string) => ['coupons', 'detail', id] as const,
  referral: ['referrals', 'me'] as const,
}
