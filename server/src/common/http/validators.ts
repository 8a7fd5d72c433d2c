import { ValidateBy, ValidationOptions } from 'class-validator';

/** Dates the database and the business calendar can hold; '0000-00-00' and year 275760 are not dates here. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

function isRealDay(year: number, month: number, day: number): boolean {
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A calendar day 'YYYY-MM-DD' that exists (no 2026-02-30, no 2026-99-99). */
export function IsCalendarDay(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDay',
      validator: {
        validate: (value: unknown) => {
          const m = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
          return m !== null && isRealDay(Number(m[1]), Number(m[2]), Number(m[3]));
        },
        defaultMessage: (args) => `${args?.property ?? 'value'} must be a real day like 2026-03-05`,
      },
    },
    options,
  );
}

/** A month 'YYYY-MM' within the years the programme can hold. */
export function IsCalendarMonth(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarMonth',
      validator: {
        validate: (value: unknown) => {
          const m = typeof value === 'string' ? /^(\d{4})-(\d{2})$/.exec(value) : null;
          return m !== null && isRealDay(Number(m[1]), Number(m[2]), 1);
        },
        defaultMessage: (args) => `${args?.property ?? 'value'} must be a month like 2026-03`,
      },
    },
    options,
  );
}

/** An ISO 8601 date-time (or day) that exists and that a DATETIME column can hold. */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value: unknown) => {
          const m = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value) : null;
          return m !== null && isRealDay(Number(m[1]), Number(m[2]), Number(m[3])) && !Number.isNaN(Date.parse(value as string));
        },
        defaultMessage: (args) => `${args?.property ?? 'value'} must be an ISO 8601 date-time like 2026-03-05T10:00:00+08:00`,
      },
    },
    options,
  );
}
