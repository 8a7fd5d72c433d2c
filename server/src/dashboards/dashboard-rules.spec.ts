import { dayChunks, eachDay, liabilityValueCents, pointsFlows, rangeProblem, streakBucket, verificationRate } from './dashboard-rules';

describe('dashboard rules', () => {
  it.each([
    ['2026-11-01', '2026-11-30', null],
    ['2026-11-30', '2026-11-01', 'to'],
    ['2024-01-01', '2024-12-31', null],
    ['2024-01-01', '2025-01-01', 'to'],
  ])('range %s – %s refused on %s', (from, to, field) => {
    expect(rangeProblem(from, to)?.field ?? null).toBe(field);
  });

  it('walks days across a month end and chunks them', () => {
    expect(eachDay('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(dayChunks('2026-01-01', '2026-01-10', 4)).toEqual([
      { from: '2026-01-01', to: '2026-01-04' },
      { from: '2026-01-05', to: '2026-01-08' },
      { from: '2026-01-09', to: '2026-01-10' },
    ]);
  });

  it.each([
    [1, '1'],
    [2, '2-3'],
    [3, '2-3'],
    [7, '4-7'],
    [8, '8-14'],
    [30, '15-30'],
    [31, '31+'],
    [400, '31+'],
  ])('a check-in at streak day %i is in bucket %s', (streak, bucket) => {
    expect(streakBucket(streak)).toBe(bucket);
  });

  it('names ledger sums so that issued − spent − expired − clawed back is the net change', () => {
    const sums = [
      { sign: 'in' as const, type: 'earn', value: 500 },
      { sign: 'in' as const, type: 'adjust', value: 50 },
      { sign: 'in' as const, type: 'reversal', value: 30 },
      { sign: 'out' as const, type: 'spend', value: -200 },
      { sign: 'out' as const, type: 'expire', value: -40 },
      { sign: 'out' as const, type: 'refund', value: -25 },
      { sign: 'out' as const, type: 'adjust', value: -5 },
    ];
    const flows = pointsFlows(sums);
    expect(flows).toEqual({ issued: 550, spent: 170, expired: 40, clawedBack: 30 });
    expect(flows.issued - flows.spent - flows.expired - flows.clawedBack).toBe(sums.reduce((n, s) => n + s.value, 0));
  });

  it('values the liability to the cent and rates verifications', () => {
    expect(liabilityValueCents(12_345, 100)).toBe(12_345);
    expect(liabilityValueCents(333, 50)).toBe(167);
    expect(verificationRate(1, 3)).toBe(0.3333);
    expect(verificationRate(0, 0)).toBeNull();
  });
});
