// Building an Intl.DateTimeFormat costs far more than using one; hot paths (every purchase) reuse them.
const formatters = new Map<string, Intl.DateTimeFormat>();

function cachedFormatter(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = formatters.get(key);
  if (!f) {
    f = make();
    formatters.set(key, f);
  }
  return f;
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  return cachedFormatter(`date:${timeZone}`, () => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }));
}

/** ISO weekday (1 = Monday … 7 = Sunday) of an instant in the business time zone. */
export function businessWeekday(at: Date, timeZone: string): number {
  const name = cachedFormatter(`weekday:${timeZone}`, () => new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short' })).format(at);
  return ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(name) + 1;
}

const lastDate = { timeZone: '', minute: NaN, date: '' };

/** The calendar day (YYYY-MM-DD) an instant falls on in the business time zone, whatever the server's zone. */
export function businessDate(at: Date, timeZone: string): string {
  // Zone offsets are whole minutes, so one minute's instants share a day; a purchase asks several times.
  const minute = Math.floor(at.getTime() / 60_000);
  if (minute === lastDate.minute && timeZone === lastDate.timeZone) return lastDate.date;
  const date = formatterFor(timeZone).format(at);
  Object.assign(lastDate, { timeZone, minute, date });
  return date;
}

/** YYYY-MM-DD plus n days, in pure calendar arithmetic (no time zone involved). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from a to b (b − a) for YYYY-MM-DD dates. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

const midnights = new Map<string, number>();

/** The instant local midnight starts the given day in the zone (handles any fixed or DST offset). */
export function startOfBusinessDay(date: string, timeZone: string): Date {
  const key = `${timeZone}|${date}`;
  let at = midnights.get(key);
  if (at === undefined) {
    at = computeStartOfBusinessDay(date, timeZone).getTime();
    // Every lot earned today expires at the same midnight: remember a few thousand days.
    if (midnights.size > 5000) midnights.clear();
    midnights.set(key, at);
  }
  return new Date(at);
}

function computeStartOfBusinessDay(date: string, timeZone: string): Date {
  const guess = Date.parse(`${date}T00:00:00Z`);
  const formatter = cachedFormatter(
    `parts:${timeZone}`,
    () => new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }),
  );
  const offsetAt = (ms: number) => {
    const parts = formatter.formatToParts(new Date(ms));
    const v = (t: string) => Number(parts.find((p) => p.type === t)?.value);
    return Date.UTC(v('year'), v('month') - 1, v('day'), v('hour'), v('minute'), v('second')) - ms;
  };
  const first = guess - offsetAt(guess);
  return new Date(guess - offsetAt(first));
}
