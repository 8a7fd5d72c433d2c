import { BirthdayCalendar } from '@huiyuan/shared-types';
import { Lunar } from 'lunar-javascript';

/**
 * The solar MM-DD on which a birthday falls in the given year. A lunar birthday moves every year
 * (and the 30th of a short lunar month falls on the 29th), so it is computed per year.
 */
export function solarBirthdayInYear(calendar: BirthdayCalendar, month: number, day: number, year: number): string {
  if (calendar === BirthdayCalendar.SOLAR) {
    // 29 February outside leap years is celebrated on 28 February.
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    const d = month === 2 && day === 29 && !leap ? 28 : day;
    return `${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  }
  const key = year * 10_000 + month * 100 + day;
  let mmdd = lunarDates.get(key);
  if (mmdd === undefined) {
    let lunar;
    try {
      lunar = Lunar.fromYmd(year, month, day);
    } catch {
      lunar = Lunar.fromYmd(year, month, 29);
    }
    const solar = lunar.getSolar();
    mmdd = `${String(solar.getMonth()).padStart(2, '0')}-${String(solar.getDay()).padStart(2, '0')}`;
    // At most 360 dates a year: the conversion takes milliseconds, an import or the yearly recompute repeats it.
    if (lunarDates.size > 5_000) lunarDates.clear();
    lunarDates.set(key, mmdd);
  }
  return mmdd;
}

const lunarDates = new Map<number, string>();
