import { BirthdayCalendar } from '@huiyuan/shared-types';
import { Lunar } from 'lunar-javascript';

/**
 * The solar date (YYYY-MM-DD) of a birthday in the given (solar or lunar) year. Lunar dates carry no
 * leap flag, so a leap-month birthday is kept in the ordinary month; the 30th of a 29-day lunar month
 * falls on its last day, and 29 February outside leap years on 28 February.
 */
export function birthdayOccurrence(calendar: BirthdayCalendar, month: number, day: number, year: number): string {
  if (calendar === BirthdayCalendar.LUNAR) {
    // A lunar conversion costs ~2 ms and there are only a few thousand distinct ones: the nightly refresh and an import ask millions of times.
    const key = `${month}/${day}/${year}`;
    let at = lunarOccurrences.get(key);
    if (at === undefined) {
      if (lunarOccurrences.size > 5_000) lunarOccurrences.clear();
      lunarOccurrences.set(key, (at = lunarOccurrence(month, day, year)));
    }
    return at;
  }
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const d = month === 2 && day === 29 && !leap ? 28 : day;
  return `${year}-${pad(month)}-${pad(d)}`;
}

/** The solar MM-DD on which a birthday falls in the given year: the member's indexed birthday column. */
export function solarBirthdayInYear(calendar: BirthdayCalendar, month: number, day: number, year: number): string {
  return birthdayOccurrence(calendar, month, day, year).slice(5);
}

const lunarOccurrences = new Map<string, string>();

function lunarOccurrence(month: number, day: number, year: number): string {
  let lunar;
  try {
    lunar = Lunar.fromYmd(year, month, day);
  } catch {
    lunar = Lunar.fromYmd(year, month, 29);
  }
  const solar = lunar.getSolar();
  return `${solar.getYear()}-${pad(solar.getMonth())}-${pad(solar.getDay())}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
