import { CheckinCycle, CheckinRules } from '@huiyuan/shared-types';
import { businessDate } from '../common/time/business-date';
import {
  checkinAward,
  currentStreak,
  cycleStart,
  DEFAULT_CHECKIN_RULES,
  makeupRefusal,
  monthEnd,
  projectStreaks,
  restreakAfterMakeup,
  streakOn,
  upcomingBonusDays,
} from './checkin-rules';

const ZONE = 'Asia/Shanghai';
const dayAt = (instant: string) => businessDate(new Date(instant), ZONE);
const rules = (overrides: Partial<CheckinRules> = {}): CheckinRules => ({ ...DEFAULT_CHECKIN_RULES, ...overrides });

describe('check-in days and streaks in Asia/Shanghai, whatever the process zone', () => {
  it.each([
    // previous check-in instant, this check-in instant, cycle, expected streak
    ['2026-03-01T15:59:59.000Z', '2026-03-01T16:00:00.000Z', 'unlimited', 4], // 23:59:59 then 00:00:00 local: two days, consecutive
    ['2026-02-28T15:59:59.000Z', '2026-03-01T16:00:00.000Z', 'unlimited', 1], // 02-28 then 03-02 local: 03-01 missed
    ['2026-02-27T16:30:00.000Z', '2026-02-28T16:30:00.000Z', 'unlimited', 4], // 02-28 → 03-01 across a month end
    ['2026-02-27T16:30:00.000Z', '2026-02-28T16:30:00.000Z', 'monthly', 1], // …which restarts a monthly cycle
    ['2024-02-28T16:00:00.000Z', '2024-02-29T16:00:00.000Z', 'unlimited', 4], // 02-29 → 03-01 of a leap year
    ['2024-02-27T16:00:00.000Z', '2024-02-28T16:00:00.000Z', 'monthly', 4], // 02-28 → 02-29: still February
    ['2023-02-27T16:00:00.000Z', '2023-02-28T16:00:00.000Z', 'monthly', 1], // 02-28 → 03-01 of a common year
    ['2026-12-31T15:00:00.000Z', '2026-12-31T16:00:00.000Z', 'unlimited', 4], // 12-31 23:00 → 01-01 00:00 local
    ['2026-03-08T15:59:59.000Z', '2026-03-08T16:00:00.000Z', 'weekly', 1], // Sunday 23:59:59 → Monday 00:00: a new week
    ['2026-03-08T15:59:59.000Z', '2026-03-08T16:00:00.000Z', 'unlimited', 4], // the same pair without a cycle
    ['2026-03-09T16:00:00.000Z', '2026-03-10T16:00:00.000Z', 'weekly', 3], // Tue → Wed within a week, third day at most
  ] as Array<[string, string, CheckinCycle, number]>)('after a check-in at %s, one at %s (%s) has streak %i', (previousAt, at, cycle, expected) => {
    expect(streakOn(dayAt(at), { day: dayAt(previousAt), streak: 3 }, cycle)).toBe(expected);
  });

  it.each([
    ['2026-03-01T00:00:00.000Z', '2026-03-01T15:59:59.999Z', '2026-03-01'], // 08:00 and 23:59:59.999 local
    ['2026-03-01T16:00:00.000Z', '2026-03-02T15:59:59.000Z', '2026-03-02'], // 00:00:00 and 23:59:59 local
    ['2024-02-28T16:00:00.000Z', '2024-02-29T15:59:59.000Z', '2024-02-29'],
  ])('%s and %s are the same check-in day, %s', (first, second, day) => {
    expect([dayAt(first), dayAt(second)]).toEqual([day, day]);
  });

  it.each([
    ['2026-03-04', 'weekly', '2026-03-02'], // Wednesday → Monday
    ['2026-03-08', 'weekly', '2026-03-02'], // Sunday belongs to the week that started Monday
    ['2026-03-02', 'weekly', '2026-03-02'],
    ['2027-01-01', 'weekly', '2026-12-28'], // a week across a year end
    ['2024-02-29', 'monthly', '2024-02-01'],
    ['2024-02-29', 'unlimited', null],
  ] as Array<[string, CheckinCycle, string | null]>)('%s in a %s cycle starts on %s', (day, cycle, start) => {
    expect(cycleStart(day, cycle)).toBe(start);
  });

  it('clamps an old long streak to the days elapsed in a cycle introduced later', () => {
    expect(streakOn('2026-03-04', { day: '2026-03-03', streak: 40 }, 'weekly')).toBe(3);
    expect(streakOn('2026-03-04', { day: '2026-03-03', streak: 40 }, 'monthly')).toBe(4);
    expect(streakOn('2026-03-04', { day: '2026-03-03', streak: 40 }, 'unlimited')).toBe(41);
  });

  it.each([
    [null, '2026-03-05', 'unlimited', 0],
    [{ day: '2026-03-05', streak: 6 }, '2026-03-05', 'unlimited', 6], // checked in today
    [{ day: '2026-03-04', streak: 6 }, '2026-03-05', 'unlimited', 6], // yesterday: still alive
    [{ day: '2026-03-03', streak: 6 }, '2026-03-05', 'unlimited', 0], // a day missed
    [{ day: '2026-03-08', streak: 6 }, '2026-03-09', 'weekly', 0], // Sunday's streak ends with its week
    [{ day: '2026-02-28', streak: 28 }, '2026-03-01', 'monthly', 0],
  ] as Array<[{ day: string; streak: number } | null, string, CheckinCycle, number]>)('with last check-in %j, on %s (%s) the streak is %i', (last, today, cycle, expected) => {
    expect(currentStreak(last, today, cycle)).toBe(expected);
  });
});

describe('check-in awards', () => {
  it.each([
    [1, 100, false, { points: 5, bonus: 0 }],
    [3, 100, false, { points: 15, bonus: 10 }],
    [7, 100, false, { points: 35, bonus: 30 }],
    [8, 100, false, { points: 5, bonus: 0 }], // a bonus is paid on the day the streak reaches it, once
    [7, 150, false, { points: 35, bonus: 30 }], // the tier multiplier only when the rules say so
    [7, 150, true, { points: 52, bonus: 45 }], // (5 + 30) × 1.5 = 52.5 → 52
    [1, 120, true, { points: 6, bonus: 0 }],
  ])('streak %i with a %i%% tier (applied: %s) gives %j', (streak, pct, apply, expected) => {
    expect(checkinAward(rules({ applyTierMultiplier: apply, growthPerCheckin: 2 }), streak, pct)).toEqual({ ...expected, growth: 2 });
  });
});

describe('calendar projections', () => {
  it('lists the bonus days still ahead this month from the current streak', () => {
    expect(upcomingBonusDays(rules(), { day: '2026-03-10', streak: 1 }, '2026-03-10', '2026-03', 100)).toEqual([
      { date: '2026-03-12', bonus: 10 },
      { date: '2026-03-16', bonus: 30 },
    ]);
    // Not checked in today, yesterday alive at streak 2: today would be the third day.
    expect(upcomingBonusDays(rules(), { day: '2026-03-09', streak: 2 }, '2026-03-10', '2026-03', 100)[0]).toEqual({ date: '2026-03-10', bonus: 10 });
    expect(upcomingBonusDays(rules(), null, '2026-03-10', '2026-02', 100)).toEqual([]);
  });

  it('restarts projected streaks at each weekly cycle, across a month end in a leap year', () => {
    const days = projectStreaks({ day: '2024-02-28', streak: 3 }, '2024-02-28', 'weekly', '2024-03-05');
    expect(days).toEqual([
      { day: '2024-02-29', streak: 4 },
      { day: '2024-03-01', streak: 5 },
      { day: '2024-03-02', streak: 6 },
      { day: '2024-03-03', streak: 7 },
      { day: '2024-03-04', streak: 1 },
      { day: '2024-03-05', streak: 2 },
    ]);
  });

  it.each([
    ['2024-02', '2024-02-29'],
    ['2023-02', '2023-02-28'],
    ['2026-12', '2026-12-31'],
    ['2026-04', '2026-04-30'],
  ])('month %s ends on %s', (month, end) => {
    expect(monthEnd(month)).toBe(end);
  });
});

describe('make-up check-ins', () => {
  it.each([
    ['2026-03-05', '2026-03-10', '2026-01-01', 0, {}, null],
    ['2026-03-10', '2026-03-10', '2026-01-01', 0, {}, '只能补签今天之前的日子'],
    ['2026-02-28', '2026-03-01', '2026-01-01', 0, {}, '只能补签本月的日子'], // yesterday, but last month
    ['2026-03-02', '2026-03-10', '2026-03-03', 0, {}, '入会之前的日子不能补签'],
    ['2026-03-05', '2026-03-10', '2026-01-01', 2, {}, '本月补签次数已用完（每月 2 次）'],
    ['2026-03-05', '2026-03-10', '2026-01-01', 0, { makeupEnabled: false }, '补签功能未开启'],
  ] as Array<[string, string, string, number, Partial<CheckinRules>, string | null]>)('make-up of %s on %s (joined %s, %i used, rules %j) → %s', (day, today, joinDay, used, overrides, refusal) => {
    expect(makeupRefusal(rules(overrides), day, today, joinDay, used)).toBe(refusal);
  });

  it('continues the streaks of the days after the filled gap, up to the next gap', () => {
    const following = [
      { day: '2026-03-06', streak: 1 },
      { day: '2026-03-07', streak: 2 },
      { day: '2026-03-09', streak: 1 },
    ];
    expect(restreakAfterMakeup({ day: '2026-03-05', streak: 4 }, following, 'unlimited')).toEqual([
      { day: '2026-03-06', streak: 5 },
      { day: '2026-03-07', streak: 6 },
    ]);
  });

  it('does not carry a filled streak past the end of a weekly cycle', () => {
    const following = [
      { day: '2026-03-08', streak: 1 }, // Sunday
      { day: '2026-03-09', streak: 2 }, // Monday: a new week, stays 1 after the fill
    ];
    expect(restreakAfterMakeup({ day: '2026-03-07', streak: 6 }, following, 'weekly')).toEqual([
      { day: '2026-03-08', streak: 7 },
      { day: '2026-03-09', streak: 1 },
    ]);
  });
});
