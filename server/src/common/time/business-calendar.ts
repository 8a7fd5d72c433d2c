import { Inject, Injectable } from '@nestjs/common';
import { CALENDAR_CONFIG, CalendarConfig } from '../../config/calendar.config';
import { businessDate, startOfBusinessDay } from './business-date';
import { Clock } from './clock';

/**
 * "Today", "this month" and "the start of day N" as the programme counts them: in the business
 * time zone (BUSINESS_TIMEZONE), whatever zone the server runs in. Check-ins, daily caps, lot
 * expiry and coupon validity all count days here.
 */
@Injectable()
export class BusinessCalendar {
  readonly timeZone: string;

  constructor(
    private readonly clock: Clock,
    @Inject(CALENDAR_CONFIG) config: CalendarConfig,
  ) {
    this.timeZone = config.timeZone;
  }

  /** Today's date, YYYY-MM-DD. */
  today(): string {
    return businessDate(this.clock.now(), this.timeZone);
  }

  /** This month, YYYY-MM. */
  thisMonth(): string {
    return this.today().slice(0, 7);
  }

  /** The business date an instant falls on, YYYY-MM-DD. */
  dateOf(at: Date): string {
    return businessDate(at, this.timeZone);
  }

  /** The instant the given business date begins (local midnight). */
  startOfDay(date: string): Date {
    return startOfBusinessDay(date, this.timeZone);
  }
}
