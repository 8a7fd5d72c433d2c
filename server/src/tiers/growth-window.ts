import { businessDate, startOfBusinessDay } from '../common/time/business-date';

/** Where the growth window starts: 12 months back, or 1 January of the current year, in the business zone. */
export function growthWindowStart(window: 'rolling_12_months' | 'calendar_year', now: Date, timeZone: string): Date {
  const today = businessDate(now, timeZone);
  const year = Number(today.slice(0, 4));
  if (window === 'calendar_year') return startOfBusinessDay(`${year}-01-01`, timeZone);
  const monthDay = today.slice(5) === '02-29' ? '02-28' : today.slice(5);
  return startOfBusinessDay(`${year - 1}-${monthDay}`, timeZone);
}
