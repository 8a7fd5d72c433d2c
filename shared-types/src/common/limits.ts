/**
 * The ranges the server's request validation enforces, for clients that check a form before sending
 * it (the web console). [min, max], inclusive; lengths in characters.
 */
export const LIMITS = {
  tier: {
    name: [1, 32],
    rank: [1, 20],
    growth: [0, 100_000_000],
    discountPercent: [10, 100],
    pointsMultiplier: [1, 10],
    birthdayBonusPoints: [0, 100_000],
    perks: [0, 10],
    perkLength: [1, 40],
  },
  earning: {
    pointsPerYuan: [0, 1000],
    welcomePoints: [0, 100_000],
    expiryMonths: [1, 120],
    memberDayWeekday: [1, 7],
    memberDayMultiplierPct: [100, 1000],
    growthPerYuan: [0, 1000],
    costPer100PointsCents: [0, 100_000],
  },
  checkin: {
    basePoints: [0, 100_000],
    streakBonuses: [0, 20],
    streakDay: [2, 366],
    streakPoints: [1, 100_000],
    growthPerCheckin: [0, 100_000],
    makeupCostPoints: [0, 100_000],
    makeupPerMonth: [0, 31],
  },
  referral: {
    rewardPoints: [0, 100_000],
    refundWindowDays: [0, 365],
    perReferrerPerDay: [0, 1000],
    perReferrerPerMonth: [0, 10_000],
  },
  reward: {
    title: [1, 64],
    description: [0, 2000],
    pointsPrice: [1, 10_000_000],
    stock: [0, 10_000_000],
    perMemberLimit: [0, 1000],
    minTierRank: [1, 20],
    sortOrder: [-100_000, 100_000],
  },
  couponTemplate: {
    title: [1, 64],
    amountCents: [1, 10_000_000],
    minSpendCents: [0, 10_000_000],
    ratePercent: [10, 99],
    capCents: [1, 10_000_000],
    giftDescription: [1, 64],
    validDays: [1, 3660],
    storeCodes: [0, 200],
    totalStock: [1, 100_000_000],
    perMemberLimit: [1, 1000],
    perMemberDailyLimit: [1, 100],
    minTierRank: [1, 20],
    usageNotes: [0, 1000],
  },
  points: {
    adjustment: [1, 1_000_000],
    reason: [2, 100],
  },
  coupon: {
    issueReason: [2, 120],
  },
  store: {
    name: [1, 64],
  },
  staff: {
    displayName: [1, 32],
    password: [10, 128],
  },
} as const;
