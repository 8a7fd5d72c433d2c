export interface CheckinResult {
  date: string;
  streak: number;
  points: number;
  balance: number;
  bonus: number;
}

export interface CheckinCalendar {
  month: string;
  today: string;
  checkedDays: string[];
  streak: number;
  checkedInToday: boolean;
  bonusDays: Array<{ date: string; bonus: number }>;
  tomorrowPoints: number;
  makeup: { enabled: boolean; costPoints: number; remainingThisMonth: number };
}

export interface CheckinRules {
  basePoints: number;
  streakBonuses: Array<{ day: number; points: number }>;
  cycle: 'weekly' | 'monthly' | 'unlimited';
  growthPerCheckin: number;
  applyTierMultiplier: boolean;
  makeupEnabled: boolean;
  makeupCostPoints: number;
  makeupPerMonth: number;
}

export interface MakeupCheckinRequest {
  date: string;
}
