import fc from 'fast-check';
import { computeMemberStats, habitualDaypart, MemberActivity, MemberStatsEvent, noDayparts, withEvent } from './member-stats-rules';

const TZ = 'Asia/Shanghai';
const TODAY = '2026-12-01';
/** An instant given as Shanghai wall-clock time. */
const sh = (local: string) => new Date(`${local}+08:00`);
const DAY = 86_400_000;

function activity(over: Partial<MemberActivity> = {}): MemberActivity {
  return { memberId: 7, purchases: [], lastPurchaseAt: null, lastCheckinDay: null, lastCouponUsedAt: null, lastVisitAt: null, birthday: null, ...over };
}

describe('member stats after an event of today', () => {
  it('property: a purchase added by arithmetic equals a recount that includes it', () => {
    const past = fc.record({ daysAgo: fc.integer({ min: 0, max: 400 }), minute: fc.integer({ min: 0, max: 1439 }), amountCents: fc.integer({ min: 1, max: 500_000 }), refundedShare: fc.constantFrom(0, 0, 0.5, 1) });
    fc.assert(
      fc.property(fc.array(past, { maxLength: 12 }), fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 0, max: 200_000 }), (history, minute, amountCents) => {
        // Today's business day starts at 2026-12-01 00:00 in Shanghai; "now" is a minute of it.
        const startOfToday = sh(`${TODAY}T00:00:00`).getTime();
        const purchases = history.map((p) => ({
          at: new Date(startOfToday - p.daysAgo * DAY + p.minute * 60_000),
          amountCents: p.amountCents,
          refundedCents: Math.round(p.amountCents * p.refundedShare),
        })).filter((p) => p.at.getTime() < startOfToday + minute * 60_000);
        const lastPurchaseAt = purchases.filter((p) => p.amountCents > p.refundedCents).map((p) => p.at).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
        const before = activity({ purchases, lastPurchaseAt, lastVisitAt: lastPurchaseAt });
        const at = new Date(startOfToday + minute * 60_000);
        const incremental = withEvent(computeMemberStats(before, TODAY, TZ), { kind: 'purchase', at, amountCents }, TODAY, TZ);
        const bought = amountCents > 0;
        const recount = computeMemberStats(
          activity({
            purchases: [...purchases, { at, amountCents, refundedCents: 0 }],
            lastPurchaseAt: bought ? at : lastPurchaseAt,
            lastVisitAt: at,
          }),
          TODAY,
          TZ,
        );
        expect(incremental).toEqual(recount);
      }),
      { numRuns: 300 },
    );
  });

  const counted = computeMemberStats(
    activity({ purchases: [{ at: sh('2026-11-20T19:00:00'), amountCents: 5000, refundedCents: 0 }], lastPurchaseAt: sh('2026-11-20T19:00:00'), lastCheckinDay: '2026-11-30' }),
    TODAY,
    TZ,
  );

  it.each<[string, MemberStatsEvent, Partial<ReturnType<typeof computeMemberStats>>]>([
    ['a check-in moves the last check-in day', { kind: 'checkin', day: TODAY }, { lastCheckinDay: TODAY }],
    ['a make-up check-in of an earlier day leaves the later one', { kind: 'checkin', day: '2026-11-02' }, { lastCheckinDay: '2026-11-30' }],
    ['a used coupon is also a visit', { kind: 'coupon_used', at: sh('2026-12-01T10:00:00') }, { lastCouponUsedAt: sh('2026-12-01T10:00:00'), lastVisitAt: sh('2026-12-01T10:00:00') }],
    ['a sale of nothing is a visit, not a purchase', { kind: 'purchase', at: sh('2026-12-01T10:00:00'), amountCents: 0 }, { lastVisitAt: sh('2026-12-01T10:00:00'), purchases30d: 1 }],
    ['a morning purchase against one evening one ties the habit', { kind: 'purchase', at: sh('2026-12-01T09:00:00'), amountCents: 100 }, { purchases30d: 2, spend30dCents: 5100, daypart: null }],
  ])('%s', (_name, event, expected) => {
    expect(withEvent(counted, event, TODAY, TZ)).toMatchObject(expected);
  });

  it('stats counted on another day, or an event dated another day, need a recount', () => {
    expect(withEvent(counted, { kind: 'checkin', day: '2026-12-02' }, '2026-12-02', TZ)).toBeNull();
    expect(withEvent(counted, { kind: 'purchase', at: sh('2026-11-30T23:00:00'), amountCents: 100 }, TODAY, TZ)).toBeNull();
  });

  it.each<[string, Partial<Record<'morning' | 'noon' | 'afternoon' | 'evening' | 'night', number>>, string | null]>([
    ['no purchases, no habit', {}, null],
    ['strictly most wins', { evening: 3, noon: 2 }, 'evening'],
    ['a tie for most names none', { evening: 2, noon: 2, night: 1 }, null],
  ])('habitual daypart: %s', (_name, counts, expected) => {
    expect(habitualDaypart({ ...noDayparts(), ...counts })).toBe(expected);
  });
});
