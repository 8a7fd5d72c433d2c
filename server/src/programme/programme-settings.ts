/** How long earned points live. Changing the policy affects lots earned afterwards only. */
export type ExpiryPolicy = { kind: 'never' } | { kind: 'months_after_earning'; months: number } | { kind: 'end_of_next_year' };

export interface EarningRules {
  /** Points per whole yuan spent (rounded down). */
  pointsPerYuan: number;
  welcomePoints: number;
  expiry: ExpiryPolicy;
  /** A weekly member day (1 = Monday … 7 = Sunday) with a points multiplier in percent. */
  memberDay: { weekday: number; multiplierPct: number } | null;
  /** Growth value per yuan of qualifying spend. */
  growthPerYuan: number;
  growthWindow: 'rolling_12_months' | 'calendar_year';
  refundPolicyNote: string;
}

export const DEFAULT_EARNING_RULES: EarningRules = {
  pointsPerYuan: 1,
  welcomePoints: 100,
  expiry: { kind: 'end_of_next_year' },
  memberDay: null,
  growthPerYuan: 1,
  growthWindow: 'rolling_12_months',
  refundPolicyNote: '退款按比例扣回积分与成长值；积分已被使用时扣至零，差额记录为欠扣。',
};
