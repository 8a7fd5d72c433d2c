import { addDays, businessDate, daysBetween, startOfBusinessDay } from './business-date';

describe('business dates in Asia/Shanghai while the process runs in UTC', () => {
  it.each([
    ['2026-03-01T15:59:59.999Z', '2026-03-01'],
    ['2026-03-01T16:00:00.000Z', '2026-03-02'],
    ['2024-02-28T16:00:00.000Z', '2024-02-29'],
    ['2026-12-31T16:00:00.000Z', '2027-01-01'],
  ])('%s is %s', (instant, day) => {
    expect(businessDate(new Date(instant), 'Asia/Shanghai')).toBe(day);
  });

  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
  ])('%s + %i day is %s', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
  });

  it('counts days across a leap day', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
  });

  it('finds local midnight as a UTC instant', () => {
    expect(startOfBusinessDay('2026-03-02', 'Asia/Shanghai').toISOString()).toBe('2026-03-01T16:00:00.000Z');
    expect(startOfBusinessDay('2026-07-01', 'America/New_York').toISOString()).toBe('2026-07-01T04:00:00.000Z');
  });
});
