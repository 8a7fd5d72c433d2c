import { solarBirthdayInYear } from './birthday';

describe('solarBirthdayInYear', () => {
  it.each([
    ['solar', 3, 15, 2026, '03-15'],
    ['solar', 2, 29, 2026, '02-28'],
    ['solar', 2, 29, 2028, '02-29'],
    // Lunar 1/1 is Spring Festival: 17 Feb 2026, 6 Feb 2027.
    ['lunar', 1, 1, 2026, '02-17'],
    ['lunar', 1, 1, 2027, '02-06'],
    // Lunar 8/15 (Mid-Autumn) 2026 is 25 September.
    ['lunar', 8, 15, 2026, '09-25'],
  ] as const)('%s %i-%i in %i is %s', (calendar, month, day, year, expected) => {
    expect(solarBirthdayInYear(calendar, month, day, year)).toBe(expected);
  });
});
