import { BirthdayCalendar } from '@huiyuan/shared-types';
import { birthdayOccurrence } from '../common/time/birthday';
import { birthdayInMonth } from './birthday-month';
import { computeMemberStats, daypartOfHour, MemberActivity } from './member-stats-rules';
import { DEFAULT_TAG_RULES, quintileCuts, quintileScore, RfmCuts, RULE_TAG_BIT_KEYS, RULE_TAGS, ruleTagBit, ruleTagKeys, RuleTagFacts, ruleTagMask } from './rule-tags';

const TZ = 'Asia/Shanghai';
const TODAY = '2026-12-01';
/** An instant given as Shanghai wall-clock time. */
const sh = (local: string) => new Date(`${local}+08:00`);

function activity(over: Partial<MemberActivity> = {}): MemberActivity {
  return { memberId: 1, purchases: [], lastPurchaseAt: null, lastCheckinDay: null, lastCouponUsedAt: null, lastVisitAt: null, birthday: null, ...over };
}

function facts(over: Partial<MemberActivity> = {}, joinedAt = sh('2025-01-01T10:00:00'), joinStoreId: number | null = null): RuleTagFacts {
  const a = activity(over);
  return { joinedAt, joinStoreId, birthday: a.birthday, stats: computeMemberStats(a, TODAY, TZ) };
}

const keys = (f: RuleTagFacts, cuts: RfmCuts | null = null) => ruleTagKeys(f, DEFAULT_TAG_RULES, cuts, TODAY, TZ);

describe('新会员 at the business-zone midnight', () => {
  it.each([
    // 30 days before 1 Dec is 1 Nov: joined late on 1 Nov (Shanghai) is 30 days ago, not new.
    ['2026-11-01T23:59:00', false],
    // Two minutes later it is 2 Nov in Shanghai (still 1 Nov in UTC): 29 days ago, new.
    ['2026-11-02T00:01:00', true],
    ['2026-12-01T00:00:00', true],
  ])('joined %s (Shanghai) → new %s', (local, isNew) => {
    expect(keys(facts({}, sh(local))).includes('lifecycle.new')).toBe(isNew);
  });

  it('the two join times share a UTC date, so a UTC-day rule could not tell them apart', () => {
    expect(sh('2026-11-01T23:59:00').toISOString().slice(0, 10)).toBe(sh('2026-11-02T00:01:00').toISOString().slice(0, 10));
  });
});

describe('lifecycle', () => {
  const bought = (local: string) => ({ lastPurchaseAt: sh(local), purchases: [{ at: sh(local), amountCents: 1000, refundedCents: 0 }] });
  it.each([
    ['bought 29 days ago', bought('2026-11-02T09:00:00'), ['lifecycle.active'], ['lifecycle.dormant', 'lifecycle.lost']],
    ['bought 30 days ago', bought('2026-11-01T09:00:00'), [], ['lifecycle.active', 'lifecycle.dormant']],
    ['bought 89 days ago', bought('2026-09-03T12:00:00'), [], ['lifecycle.dormant']],
    ['bought 90 days ago', bought('2026-09-02T12:00:00'), ['lifecycle.dormant'], ['lifecycle.lost']],
    ['bought 180 days ago', bought('2026-06-04T12:00:00'), ['lifecycle.lost'], ['lifecycle.dormant']],
    ['checked in yesterday, never bought', { lastCheckinDay: '2026-11-30' }, ['lifecycle.active', 'lifecycle.lost'], []],
  ] as const)('%s', (_, over, present, absent) => {
    const k = keys(facts(over));
    for (const key of present) expect(k).toContain(key);
    for (const key of absent) expect(k).not.toContain(key);
  });

  it('a member who never bought is dormant from the day they joined', () => {
    expect(keys(facts({}, sh('2026-08-01T10:00:00')))).toContain('lifecycle.dormant');
    expect(keys(facts({}, sh('2026-10-01T10:00:00')))).not.toContain('lifecycle.dormant');
  });
});

describe('RFM', () => {
  it.each([
    [[1, 2, 3, 4], 0, 1],
    [[1, 2, 3, 4], 1, 2],
    [[1, 2, 3, 4], 4, 5],
    [[10, 10, 10, 10], 10, 5],
  ])('cuts %j value %i → score %i', (cuts, value, score) => {
    expect(quintileScore(value, cuts)).toBe(score);
  });

  it('quintile cuts are the values at 20/40/60/80 %', () => {
    expect(quintileCuts([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual([3, 5, 7, 9]);
  });

  const cuts: RfmCuts = { recencyDays: [10, 30, 60, 120], frequency: [2, 3, 5, 8], monetaryCents: [10_000, 30_000, 60_000, 100_000] };
  const member = (daysAgo: number, count: number, eachCents: number) => {
    const at = new Date(sh('2026-12-01T12:00:00').getTime() - daysAgo * 86_400_000);
    return facts({ lastPurchaseAt: at, purchases: Array.from({ length: count }, () => ({ at, amountCents: eachCents, refundedCents: 0 })) });
  };
  it.each([
    ['recent, frequent, big', member(1, 10, 20_000), 'rfm.important_value'],
    ['recent, once, big', member(1, 1, 200_000), 'rfm.important_develop'],
    ['long ago, frequent, big', member(200, 10, 20_000), 'rfm.important_keep'],
    ['long ago, once, big', member(200, 1, 200_000), 'rfm.important_retain'],
    ['recent, frequent, small', member(1, 10, 100), 'rfm.general_value'],
    ['recent, once, small', member(1, 1, 100), 'rfm.general_develop'],
    ['long ago, frequent, small', member(200, 10, 100), 'rfm.general_keep'],
    ['long ago, once, small', member(200, 1, 100), 'rfm.general_retain'],
  ])('%s → %s', (_, f, group) => {
    expect(keys(f, cuts).filter((k) => k.startsWith('rfm.'))).toEqual([group]);
  });

  it('no RFM group without a purchase in 12 months, or before the cuts are measured', () => {
    expect(keys(facts(), cuts).some((k) => k.startsWith('rfm.'))).toBe(false);
    expect(keys(member(1, 10, 20_000), null).some((k) => k.startsWith('rfm.'))).toBe(false);
  });
});

describe('lunar and solar birthdays', () => {
  it.each([
    // 2025 has a leap 6th month: a 6/10 birthday is kept in the ordinary 6th month (4 July), not the leap one (3 August).
    ['lunar', 6, 10, 2025, '2025-07-04'],
    // The 2nd lunar month of 2025 has 29 days: a 30th falls on its last day, the 29th (27 March).
    ['lunar', 2, 30, 2025, '2025-03-28'],
    ['lunar', 2, 29, 2025, '2025-03-28'],
    // The 1st lunar month of 2026 has 30 days: the 30th stays the 30th.
    ['lunar', 1, 30, 2026, '2026-03-18'],
    ['solar', 2, 29, 2026, '2026-02-28'],
    ['solar', 2, 29, 2028, '2028-02-29'],
  ] as const)('%s %i/%i in %i is %s', (calendar, month, day, year, expected) => {
    expect(birthdayOccurrence(calendar, month, day, year)).toBe(expected);
  });

  it.each([
    // Lunar 12/20 of lunar year 2025 falls on 7 February 2026: a birthday in February 2026.
    ['lunar', 12, 20, '2026-02', true],
    ['lunar', 12, 20, '2026-12', false],
    ['lunar', 8, 15, '2026-09', true],
    ['solar', 12, 1, '2026-12', true],
    ['solar', 11, 30, '2026-12', false],
  ] as const)('%s %i/%i in %s → %s', (calendar, month, day, yearMonth, inMonth) => {
    expect(birthdayInMonth(calendar, month, day, yearMonth)).toBe(inMonth);
  });

  it('本月生日 follows the member calendar', () => {
    // Lunar 10/23 of 2026 is 1 December 2026; solar 10/23 is in October.
    expect(keys(facts({ birthday: { calendar: BirthdayCalendar.LUNAR, month: 10, day: 23 } }))).toContain('birthday.this_month');
    expect(keys(facts({ birthday: { calendar: BirthdayCalendar.SOLAR, month: 10, day: 23 } }))).not.toContain('birthday.this_month');
  });
});

describe('用券, 消费下滑, time of day, 加入门店', () => {
  it('a coupon used 89 days ago counts, 90 days ago does not', () => {
    expect(keys(facts({ lastCouponUsedAt: sh('2026-09-03T10:00:00') }))).toContain('coupon_user');
    expect(keys(facts({ lastCouponUsedAt: sh('2026-09-02T10:00:00') }))).not.toContain('coupon_user');
  });

  it.each([
    [40_00, 100_00, true],
    [50_00, 100_00, false],
    [0, 100_00, true],
    [10_00, 0, false],
  ])('last 90 days %i vs the 90 before %i → declining %s', (recent, before, declining) => {
    const purchases = [
      ...(recent ? [{ at: sh('2026-11-20T12:00:00'), amountCents: recent, refundedCents: 0 }] : []),
      ...(before ? [{ at: sh('2026-07-20T12:00:00'), amountCents: before, refundedCents: 0 }] : []),
    ];
    expect(keys(facts({ purchases, lastPurchaseAt: purchases[0]?.at ?? null })).includes('spend_decline')).toBe(declining);
  });

  it.each([
    [7, 'morning'],
    [12, 'noon'],
    [15, 'afternoon'],
    [19, 'evening'],
    [23, 'night'],
    [3, 'night'],
  ] as const)('%i h is %s', (hour, part) => {
    expect(daypartOfHour(hour)).toBe(part);
  });

  it('the time-of-day tag reads Shanghai hours and needs two purchases', () => {
    // 20:30 in Shanghai is 12:30 UTC: evening, not noon.
    const evening = (d: string) => ({ at: sh(`${d}T20:30:00`), amountCents: 5000, refundedCents: 0 });
    expect(keys(facts({ purchases: [evening('2026-11-01'), evening('2026-11-10')], lastPurchaseAt: sh('2026-11-10T20:30:00') }))).toContain('daypart.evening');
    expect(keys(facts({ purchases: [evening('2026-11-01')], lastPurchaseAt: sh('2026-11-01T20:30:00') })).some((k) => k.startsWith('daypart.'))).toBe(false);
  });

  it('a fully refunded purchase is not a purchase', () => {
    const s = computeMemberStats(activity({ purchases: [{ at: sh('2026-11-30T10:00:00'), amountCents: 5000, refundedCents: 5000 }] }), TODAY, TZ);
    expect([s.purchases30d, s.spend365dCents]).toEqual([0, 0]);
  });

  it('the join store gives its own tag', () => {
    expect(keys(facts({}, sh('2025-01-01T10:00:00'), 7))).toContain('join_store.7');
  });
});

describe('rule-tag bits (members.rule_tags)', () => {
  it('gives every fixed rule tag its own bit of a signed 32-bit column, and the per-store tags none', () => {
    expect(RULE_TAG_BIT_KEYS.length).toBeLessThanOrEqual(31);
    const bits = RULE_TAGS.map((t) => ruleTagBit(t.key));
    expect(bits.every((b) => b > 0)).toBe(true);
    expect(new Set(bits).size).toBe(RULE_TAGS.length);
    expect(ruleTagBit('join_store.12')).toBe(0);
  });

  it('keeps the stored positions (the migration backfilled these)', () => {
    expect([ruleTagBit('lifecycle.new'), ruleTagBit('lifecycle.lost'), ruleTagBit('rfm.important_value'), ruleTagBit('daypart.night')]).toEqual([1, 8, 16, 524288]);
    expect(ruleTagMask(['lifecycle.active', 'coupon_user', 'join_store.3'])).toBe(2 + 8192);
  });
});
