import fc from 'fast-check';
import { allocateFifo, lotExpiry, purchasePoints, refundShare } from './points-rules';

const lotArb = fc.record({
  id: fc.integer({ min: 1, max: 10_000 }),
  remaining: fc.integer({ min: 0, max: 500 }),
  expiresAt: fc.option(fc.date({ min: new Date('2026-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }), { nil: null }),
});

describe('allocateFifo (property)', () => {
  it('takes exactly the amount, never more than a lot holds, soonest expiry first', () => {
    fc.assert(
      fc.property(fc.uniqueArray(lotArb, { selector: (l) => l.id, maxLength: 12 }), fc.nat(), (lots, seed) => {
        const total = lots.reduce((s, l) => s + l.remaining, 0);
        const amount = total === 0 ? 0 : seed % (total + 1);
        const allocations = allocateFifo(lots, amount);
        expect(allocations.reduce((s, a) => s + a.amount, 0)).toBe(amount);
        for (const a of allocations) {
          const lot = lots.find((l) => l.id === a.lotId)!;
          expect(a.amount).toBeGreaterThan(0);
          expect(a.amount).toBeLessThanOrEqual(lot.remaining);
        }
        // Every lot used before the last one was drained completely, and none expiring later was touched first.
        const used = allocations.map((a) => lots.find((l) => l.id === a.lotId)!);
        for (let i = 0; i < allocations.length - 1; i++) expect(allocations[i]!.amount).toBe(used[i]!.remaining);
        const expiry = (l: { expiresAt: Date | null }) => l.expiresAt?.getTime() ?? Infinity;
        for (let i = 1; i < used.length; i++) expect(expiry(used[i]!)).toBeGreaterThanOrEqual(expiry(used[i - 1]!));
        const last = used[used.length - 1];
        if (last) for (const l of lots) if (l.remaining > 0 && !used.includes(l)) expect(expiry(l)).toBeGreaterThanOrEqual(expiry(last));
      }),
    );
  });

  it('refuses to take more than the lots hold', () => {
    expect(() => allocateFifo([{ id: 1, remaining: 5, expiresAt: null }], 6)).toThrow();
  });
});

describe('refundShare (property)', () => {
  it('partial refunds in any split take back exactly the points of a full refund, never more', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 100_000 }), fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 8 }), (amount, points, weights) => {
        const sum = weights.reduce((a, b) => a + b, 0);
        const parts = weights.map((w) => Math.floor((w * amount) / sum));
        parts[parts.length - 1]! += amount - parts.reduce((a, b) => a + b, 0);
        let refunded = 0;
        let taken = 0;
        for (const part of parts) {
          const share = refundShare(points, amount, refunded, part);
          expect(share).toBeGreaterThanOrEqual(0);
          taken += share;
          refunded += part;
          expect(taken).toBeLessThanOrEqual(points);
        }
        expect(taken).toBe(points);
      }),
    );
  });
});

describe('purchasePoints', () => {
  it.each([
    [12_999, 1, [100], 129],
    [99, 1, [100], 0],
    [10_000, 2, [150], 300],
    [10_050, 1, [150, 200], 300],
    [333, 1, [150], 4],
  ])('%i cents at %i/yuan with multipliers %j → %i points (rounded down)', (cents, rate, multipliers, expected) => {
    expect(purchasePoints(cents, rate, multipliers)).toBe(expected);
  });

  it('never exceeds the unrounded product (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 100, max: 300 }), (cents, rate, pct) => {
        const points = purchasePoints(cents, rate, [pct]);
        // In whole numbers: (cents / 100) · rate · (pct / 100) in floating point can land a hair under an exact product.
        expect(points * 10_000).toBeLessThanOrEqual(cents * rate * pct);
        expect(Number.isInteger(points)).toBe(true);
      }),
    );
  });
});

describe('lotExpiry', () => {
  const tz = 'Asia/Shanghai';
  it.each([
    [{ kind: 'never' } as const, '2026-05-10T04:00:00Z', null],
    [{ kind: 'end_of_next_year' } as const, '2026-05-10T04:00:00Z', '2027-12-31T16:00:00.000Z'],
    // 23:30 on 31 Dec in Shanghai is still 2026; half past midnight is 2027's earning, which lives until the end of 2028.
    [{ kind: 'end_of_next_year' } as const, '2026-12-31T15:30:00Z', '2027-12-31T16:00:00.000Z'],
    [{ kind: 'end_of_next_year' } as const, '2026-12-31T16:30:00Z', '2028-12-31T16:00:00.000Z'],
    [{ kind: 'months_after_earning', months: 12 } as const, '2026-05-10T04:00:00Z', '2027-05-09T16:00:00.000Z'],
    [{ kind: 'months_after_earning', months: 1 } as const, '2026-01-31T04:00:00Z', '2026-02-27T16:00:00.000Z'],
    [{ kind: 'months_after_earning', months: 1 } as const, '2024-01-31T04:00:00Z', '2024-02-28T16:00:00.000Z'],
  ])('%j earned at %s expires at %s', (policy, earned, expected) => {
    expect(lotExpiry(policy, new Date(earned), tz)?.toISOString() ?? null).toBe(expected);
  });

  it('is always after the earning instant (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2090-01-01'), noInvalidDate: true }), fc.integer({ min: 1, max: 60 }), (at, months) => {
        expect(lotExpiry({ kind: 'months_after_earning', months }, at, tz)!.getTime()).toBeGreaterThan(at.getTime());
        expect(lotExpiry({ kind: 'end_of_next_year' }, at, tz)!.getTime()).toBeGreaterThan(at.getTime());
      }),
    );
  });
});
