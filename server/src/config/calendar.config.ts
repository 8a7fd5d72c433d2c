import { ConfigError, Env } from './config-error';

export interface CalendarConfig {
  /** The zone the programme's days, months and expiry dates are counted in. */
  timeZone: string;
}

export const CALENDAR_CONFIG = Symbol('CALENDAR_CONFIG');

export function calendarFrom(env: Env): CalendarConfig {
  const zone = env.BUSINESS_TIMEZONE || 'Asia/Shanghai';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    throw new ConfigError(`BUSINESS_TIMEZONE '${zone}' is not an IANA time zone (e.g. Asia/Shanghai)`);
  }
  return { timeZone: zone };
}
