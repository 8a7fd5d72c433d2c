import { conversionLift, errorRateTooHigh, isHeldOut, quietUntil, startOfBusinessWeek } from './campaign-rules';

const TZ = 'Asia/Shanghai';
/** An instant given as Shanghai wall-clock time. */
const sh = (local: string) => new Date(`${local}+08:00`);
const NIGHT = { start: '22:00', end: '08:00' };

describe('quiet hours across midnight, on the business clock', () => {
  it.each([
    ['2026-12-01T21:59:00', null],
    ['2026-12-01T22:00:00', '2026-12-02T08:00:00'],
    ['2026-12-01T23:30:00', '2026-12-02T08:00:00'],
    // 00:30 in Shanghai is still the 1st in UTC: the end is that same Shanghai morning, not a day later.
    ['2026-12-02T00:30:00', '2026-12-02T08:00:00'],
    ['2026-12-02T07:59:00', '2026-12-02T08:00:00'],
    ['2026-12-02T08:00:00', null],
    ['2026-12-02T12:00:00', null],
  ])('at %s (Shanghai) held until %s', (local, until) => {
    expect(quietUntil(sh(local), NIGHT, TZ)?.getTime() ?? null).toBe(until ? sh(until).getTime() : null);
  });

  it('a window within one day holds only inside it', () => {
    const lunch = { start: '12:00', end: '13:30' };
    expect(quietUntil(sh('2026-12-01T12:10:00'), lunch, TZ)).toEqual(sh('2026-12-01T13:30:00'));
    expect(quietUntil(sh('2026-12-01T13:30:00'), lunch, TZ)).toBeNull();
    expect(quietUntil(sh('2026-12-01T23:00:00'), lunch, TZ)).toBeNull();
  });

  it('equal start and end means no quiet hours', () => {
    expect(quietUntil(sh('2026-12-01T23:00:00'), { start: '00:00', end: '00:00' }, TZ)).toBeNull();
  });
});

describe('the business-calendar week', () => {
  it.each([
    // Tuesday 1 Dec 2026: the week began Monday 30 Nov 00:00 Shanghai.
    ['2026-12-01T10:00:00', '2026-11-30T00:00:00'],
    ['2026-11-30T00:00:00', '2026-11-30T00:00:00'],
    // Sunday 23:59 is the same week; Monday 00:01 a new one, though both are Sunday in UTC.
    ['2026-12-06T23:59:00', '2026-11-30T00:00:00'],
    ['2026-12-07T00:01:00', '2026-12-07T00:00:00'],
  ])('%s (Shanghai) is in the week from %s', (local, monday) => {
    expect(startOfBusinessWeek(sh(local), TZ)).toEqual(sh(monday));
  });
});

describe('holdout', () => {
  it('is stable: the same member is in or out on every call', () => {
    for (let member = 1; member <= 200; member++) expect(isHeldOut(7, member, 10)).toBe(isHeldOut(7, member, 10));
  });

  it('draws about the given share, and a different group per campaign', () => {
    const members = Array.from({ length: 20_000 }, (_, i) => i + 1);
    const outA = members.filter((id) => isHeldOut(1, id, 10));
    const outB = members.filter((id) => isHeldOut(2, id, 10));
    expect(outA.length / members.length).toBeGreaterThan(0.09);
    expect(outA.length / members.length).toBeLessThan(0.11);
    const overlap = outA.filter((id) => outB.includes(id)).length;
    // Independent draws overlap in about 10% of 10%.
    expect(overlap / members.length).toBeLessThan(0.02);
  });

  it('a larger share keeps everyone a smaller share held out', () => {
    for (let member = 1; member <= 2000; member++) if (isHeldOut(3, member, 5)) expect(isHeldOut(3, member, 10)).toBe(true);
  });

  it('0% holds nobody out', () => {
    expect(Array.from({ length: 1000 }, (_, i) => isHeldOut(1, i, 0)).some(Boolean)).toBe(false);
  });
});

describe('error-rate pause', () => {
  const rule = { threshold: 0.2, minSample: 50 };
  it.each([
    [10, 10, false], // too few to judge
    [40, 10, false], // 20% is not above 20%
    [39, 11, true],
    [1000, 0, false],
  ])('%i sent, %i failed → pause %s', (sent, failed, pause) => {
    expect(errorRateTooHigh(sent, failed, rule)).toBe(pause);
  });
});

describe('lift against the holdout', () => {
  it('gives the difference in points with a 95% interval', () => {
    const lift = conversionLift({ members: 9000, buyers: 900 }, { members: 1000, buyers: 80 });
    expect(lift).toMatchObject({ recipientsRate: 10, holdoutRate: 8, differencePoints: 2, relative: 0.25 });
    expect(lift!.low).toBeLessThan(2);
    expect(lift!.high).toBeGreaterThan(2);
    // se = sqrt(.1*.9/9000 + .08*.92/1000) ≈ 0.00905 → ±1.77 points
    expect(lift!.high - lift!.low).toBeCloseTo(3.55, 1);
  });

  it('is null without a holdout', () => {
    expect(conversionLift({ members: 100, buyers: 5 }, { members: 0, buyers: 0 })).toBeNull();
  });
});
