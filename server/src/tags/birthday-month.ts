import { BirthdayCalendar } from '@huiyuan/shared-types';
import { birthdayOccurrence } from '../common/time/birthday';

/** Whether a birthday falls in the solar month `YYYY-MM`; a lunar one of last lunar year may land in January or February. */
export function birthdayInMonth(calendar: BirthdayCalendar, month: number, day: number, yearMonth: string): boolean {
  const year = Number(yearMonth.slice(0, 4));
  const years = calendar === BirthdayCalendar.LUNAR ? [year - 1, year] : [year];
  return years.some((y) => birthdayOccurrence(calendar, month, day, y).startsWith(yearMonth));
}

/** The first occurrence on or after `today` (YYYY-MM-DD). */
export function nextBirthday(calendar: BirthdayCalendar, month: number, day: number, today: string): string {
  const year = Number(today.slice(0, 4));
  for (const y of [year - 1, year, year + 1]) {
    const at = birthdayOccurrence(calendar, month, day, y);
    if (at >= today) return at;
  }
  return birthdayOccurrence(calendar, month, day, year + 1);
}
