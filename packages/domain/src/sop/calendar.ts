import { z } from 'zod';
import { deepFreeze } from '../screening/freeze.js';
import type { RiskDuration } from './sop-schema.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** A calendar date, `YYYY-MM-DD`. */
export const CalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    {
      message: 'not a calendar date',
    },
  );

/**
 * The installation's working week and public holidays. Days are the calendar days of a fixed
 * offset from UTC, `utcOffsetMinutes` (default 0: UTC days). The Gulf states keep one offset
 * all year (Bahrain: +180), so a fixed offset is exact there; an installation in a zone with
 * daylight saving picks its standard offset and accepts an hour's drift around midnight.
 * `weekendDays` are JavaScript weekdays (0 = Sunday ... 6 = Saturday); the default weekend is
 * Friday and Saturday.
 */
export const BusinessCalendar = z.strictObject({
  weekendDays: z
    .array(z.number().int().min(0).max(6))
    .max(6)
    .refine((days) => new Set(days).size === days.length, 'duplicate weekend day'),
  holidays: z.array(CalendarDate).max(2000),
  utcOffsetMinutes: z.number().int().min(-720).max(840).optional(),
});
export type BusinessCalendar = z.infer<typeof BusinessCalendar>;

/** Friday and Saturday off, no holidays, UTC days. Frozen: configure a copy. */
export const DEFAULT_BUSINESS_CALENDAR: BusinessCalendar = deepFreeze({ weekendDays: [5, 6], holidays: [] });

/** An instant: a `Date` or an ISO 8601 string with a time zone (stored UTC). */
export type InstantInput = Date | string;

export function instantToDate(instant: InstantInput): Date {
  const date = typeof instant === 'string' ? new Date(instant) : new Date(instant.getTime());
  if (Number.isNaN(date.getTime())) throw new RangeError(`invalid instant: ${String(instant)}`);
  return date;
}

const offsetMs = (calendar: BusinessCalendar): number => (calendar.utcOffsetMinutes ?? 0) * MINUTE_MS;

/** The calendar day (`YYYY-MM-DD`) of an instant in the calendar's offset. */
export function localDay(instant: InstantInput, calendar: BusinessCalendar): string {
  return new Date(instantToDate(instant).getTime() + offsetMs(calendar)).toISOString().slice(0, 10);
}

/** Whether an instant falls on a working day: neither a weekend day nor a holiday. */
export function isBusinessDay(instant: InstantInput, calendar: BusinessCalendar): boolean {
  const local = new Date(instantToDate(instant).getTime() + offsetMs(calendar));
  if (calendar.weekendDays.includes(local.getUTCDay())) return false;
  return !calendar.holidays.includes(local.toISOString().slice(0, 10));
}

/** A guard against calendars with no working day at all (every day a weekend day or holiday). */
const MAX_SCAN_DAYS = 3700;

/** Midnight (in the calendar's offset) that starts the first working day after the instant's day. */
export function startOfNextBusinessDay(instant: InstantInput, calendar: BusinessCalendar): Date {
  const offset = offsetMs(calendar);
  const localMidnight = Math.floor((instantToDate(instant).getTime() + offset) / DAY_MS) * DAY_MS;
  for (let i = 1; i <= MAX_SCAN_DAYS; i++) {
    const candidate = new Date(localMidnight + i * DAY_MS - offset);
    if (isBusinessDay(candidate, calendar)) return candidate;
  }
  throw new RangeError('the calendar has no working day');
}

/** The instant itself on a working day, else the start of the next working day. */
export function rollToBusinessDay(instant: InstantInput, calendar: BusinessCalendar): Date {
  const date = instantToDate(instant);
  return isBusinessDay(date, calendar) ? date : startOfNextBusinessDay(date, calendar);
}

/**
 * `n` business days after an instant, at the same local time of day. A clock started on a
 * weekend day or holiday starts at the beginning of the next working day, so "1 business day"
 * from Friday 10:00 (Friday and Saturday off) is Monday 00:00, and from Thursday 10:00 it is
 * Sunday 10:00. The result is always on a working day and grows strictly with `n`; `n = 0`
 * gives the instant rolled to a working day.
 */
export function addBusinessDays(instant: InstantInput, n: number, calendar: BusinessCalendar): Date {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`business days must be a whole number >= 0: ${n}`);
  let t = rollToBusinessDay(instant, calendar).getTime();
  for (let counted = 0; counted < n; ) {
    let scanned = 0;
    do {
      t += DAY_MS;
      if (++scanned > MAX_SCAN_DAYS) throw new RangeError('the calendar has no working day');
    } while (!isBusinessDay(new Date(t), calendar));
    counted++;
  }
  return new Date(t);
}

/** Elapsed hours: urgent deadlines run round the clock, weekends and holidays included. */
export function addHours(instant: InstantInput, hours: number): Date {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`hours must be >= 0: ${hours}`);
  return new Date(instantToDate(instant).getTime() + hours * HOUR_MS);
}

/**
 * An SOP duration after an instant: business days on the calendar, or elapsed hours. A duration
 * with a `byRisk` map is first resolved for the case's risk (`durationForRisk`).
 */
export function addDuration(instant: InstantInput, duration: RiskDuration, calendar: BusinessCalendar): Date {
  return duration.unit === 'hours'
    ? addHours(instant, duration.amount)
    : addBusinessDays(instant, duration.amount, calendar);
}

/** Calendar days or months after an instant (local wall clock; the 31st + 1 month → end of next month). */
export function addCalendarPeriod(
  instant: InstantInput,
  amount: number,
  unit: 'days' | 'months',
  calendar: BusinessCalendar,
): Date {
  const offset = offsetMs(calendar);
  const local = new Date(instantToDate(instant).getTime() + offset);
  if (unit === 'days') return new Date(local.getTime() + amount * DAY_MS - offset);
  const day = local.getUTCDate();
  const shifted = new Date(local.getTime());
  shifted.setUTCDate(1);
  shifted.setUTCMonth(shifted.getUTCMonth() + amount);
  const lastDay = new Date(Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, 0)).getUTCDate();
  shifted.setUTCDate(Math.min(day, lastDay));
  return new Date(shifted.getTime() - offset);
}
