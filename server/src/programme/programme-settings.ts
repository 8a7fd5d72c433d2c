import type { EarningRules } from '@huiyuan/shared-types';

export const DEFAULT_EARNING_RULES: EarningRules = {
  pointsPerYuan: 1,
  welcomePoints: 100,
  expiry: { kind: 'end_of_next_year' },
  memberDay: null,
  growthPerYuan: 1,
  growthWindow: 'rolling_12_months',
  // 100 points = ¥1, the common rate in Chinese loyalty programmes.
  costPer100PointsCents: 100,
  refundPolicyNote: '退款按比例扣回积分与成长值；积分已被使用时扣至零，差额记录为欠扣。',
};
