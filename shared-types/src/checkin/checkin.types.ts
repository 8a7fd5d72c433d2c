export interface CheckinResult {
  date: string;
  streak: number;
  /** Everything this check-in awarded, streak bonus included. */
  points: number;
  balance: number;
  /** The streak-bonus part of `points`. */
  bonus: number;
}

export interface CheckinCalendar {
  month: string;
  today: string;
  checkedDays: string[];
  /** The subset of checkedDays that were filled by a make-up (补签). */
  makeupDays: string[];
  streak: number;
  checkedInToday: boolean;
  /** Upcoming days of this month that pay a streak bonus if the member checks in every day until then. */
  bonusDays: Array<{ date: string; bonus: number }>;
  /** What checking in today gives (0 once done). */
  todayPoints: number;
  /** What tomorrow's check-in gives, assuming today's is done. */
  tomorrowPoints: number;
  makeup: { enabled: boolean; costPoints: number; remainingThisMonth: number };
}

export const CheckinCycle = {
  WEEKLY: 'weekly',
  MONTHLY: 'monthly',
  UNLIMITED: 'unlimited',
} as const;
export type CheckinCycle = (typeof CheckinCycle)[keyof typeof CheckinCycle];

export interface CheckinRules {
  basePoints: number;
  /** Paid on the day the streak reaches `day`. */
  streakBonuses: Array<{ day: number; points: number }>;
  /** weekly: the streak starts again each Monday; monthly: on the 1st; unlimited: never. */
  cycle: CheckinCycle;
  growthPerCheckin: number;
  applyTierMultiplier: boolean;
  makeupEnabled: boolean;
  makeupCostPoints: number;
  makeupPerMonth: number;
}

export interface MakeupCheckinRequest {
  date: string;
}

export interface MakeupCheckinResult {
  date: string;
  /** The filled day's place in its streak. */
  streak: number;
  costPoints: number;
  balance: number;
  /** The member's streak today, after the fill. */
  currentStreak: number;
}
