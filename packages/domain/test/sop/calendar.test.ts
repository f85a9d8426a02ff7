import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  addCalendarPeriod,
  addHours,
  BusinessCalendar,
  DEFAULT_BUSINESS_CALENDAR,
  isBusinessDay,
  localDay,
  rollToBusinessDay,
} from '../../src/sop/calendar.js';

/** Friday and Saturday off; Bahrain's National Day (Wednesday 16 and Thursday 17 December 2026). */
const CAL: BusinessCalendar = { weekendDays: [5, 6], holidays: ['2026-12-16', '2026-12-17'] };
const iso = (d: Date) => d.toISOString();

describe('business calendar', () => {
  it('defaults to a Friday-Saturday weekend', () => {
    expect(DEFAULT_BUSINESS_CALENDAR.weekendDays).toEqual([5, 6]);
    expect(isBusinessDay('2026-12-18T12:00:00Z', DEFAULT_BUSINESS_CALENDAR)).toBe(false);
    expect(isBusinessDay('2026-12-20T12:00:00Z', DEFAULT_BUSINESS_CALENDAR)).toBe(true);
    expect(Object.isFrozen(DEFAULT_BUSINESS_CALENDAR.weekendDays)).toBe(true);
  });

  it('counts business days over the weekend, keeping the time of day', () => {
    const thursday = '2026-12-10T10:00:00Z';
    expect(iso(addBusinessDays(thursday, 1, CAL))).toBe('2026-12-13T10:00:00.000Z');
    expect(iso(addBusinessDays(thursday, 0, CAL))).toBe('2026-12-10T10:00:00.000Z');
  });

  it('starts a clock stopped on a day off at the start of the next working day', () => {
    expect(iso(addBusinessDays('2026-12-11T10:00:00Z', 1, CAL))).toBe('2026-12-14T00:00:00.000Z');
    expect(iso(addBusinessDays('2026-12-11T10:00:00Z', 0, CAL))).toBe('2026-12-13T00:00:00.000Z');
  });

  it('skips holidays and the weekend after them', () => {
    expect(iso(addBusinessDays('2026-12-15T09:00:00Z', 1, CAL))).toBe('2026-12-20T09:00:00.000Z');
    expect(iso(addBusinessDays('2026-12-15T09:00:00Z', 5, CAL))).toBe('2026-12-24T09:00:00.000Z');
  });

  it('uses the calendar offset for the day boundaries', () => {
    const bahrain: BusinessCalendar = { ...CAL, utcOffsetMinutes: 180 };
    // Thursday 22:30 UTC is already Friday 01:30 in Bahrain.
    const late = '2026-12-10T22:30:00Z';
    expect(localDay(late, bahrain)).toBe('2026-12-11');
    expect(isBusinessDay(late, CAL)).toBe(true);
    expect(isBusinessDay(late, bahrain)).toBe(false);
    // The clock starts on Sunday 00:00 Bahrain time (Saturday 21:00 UTC); 1 bd later is Monday 00:00 local.
    expect(iso(addBusinessDays(late, 1, bahrain))).toBe('2026-12-13T21:00:00.000Z');
  });

  it('counts hours round the clock', () => {
    expect(iso(addHours('2026-12-17T22:00:00Z', 4))).toBe('2026-12-18T02:00:00.000Z');
  });

  it('adds calendar months, clamping to the end of the month', () => {
    expect(iso(addCalendarPeriod('2027-01-31T09:00:00Z', 1, 'months', CAL))).toBe('2027-02-28T09:00:00.000Z');
    expect(iso(addCalendarPeriod('2026-12-15T09:00:00Z', 14, 'days', CAL))).toBe('2026-12-29T09:00:00.000Z');
    expect(iso(rollToBusinessDay('2026-12-16T09:00:00Z', CAL))).toBe('2026-12-20T00:00:00.000Z');
  });

  it('refuses negative or fractional business days and impossible calendars', () => {
    expect(() => addBusinessDays('2026-12-15T09:00:00Z', -1, CAL)).toThrow(RangeError);
    expect(() => addBusinessDays('2026-12-15T09:00:00Z', 1.5, CAL)).toThrow(RangeError);
    expect(() => addBusinessDays('not a date', 1, CAL)).toThrow(RangeError);
    const never = { weekendDays: [0, 1, 2, 3, 4, 5, 6], holidays: [] };
    expect(() => addBusinessDays('2026-12-15T09:00:00Z', 1, never)).toThrow(RangeError);
    expect(BusinessCalendar.safeParse(never).success).toBe(false);
    expect(BusinessCalendar.safeParse({ weekendDays: [5], holidays: ['2026-02-30'] }).success).toBe(false);
  });
});

const instant = fc
  .date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());
const calendar: fc.Arbitrary<BusinessCalendar> = fc.record({
  weekendDays: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 3 }),
  holidays: fc.uniqueArray(
    fc
      .date({
        min: new Date('2024-01-01T00:00:00Z'),
        max: new Date('2031-06-30T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10)),
    { maxLength: 40 },
  ),
  utcOffsetMinutes: fc.constantFrom(0, 180, -300, 330, 345),
});

describe('addBusinessDays properties', () => {
  it('never lands on a weekend day or a holiday', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 40 }), calendar, (start, n, cal) => {
        const due = addBusinessDays(start, n, cal);
        expect(isBusinessDay(due, cal)).toBe(true);
        const local = new Date(due.getTime() + (cal.utcOffsetMinutes ?? 0) * 60_000);
        expect(cal.weekendDays).not.toContain(local.getUTCDay());
        expect(cal.holidays).not.toContain(localDay(due, cal));
      }),
    );
  });

  it('is strictly increasing in n and never before the start', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 1, max: 10 }),
        calendar,
        (start, n, k, cal) => {
          const a = addBusinessDays(start, n, cal).getTime();
          const b = addBusinessDays(start, n + k, cal).getTime();
          expect(b).toBeGreaterThan(a);
          expect(a).toBeGreaterThanOrEqual(new Date(start).getTime());
        },
      ),
    );
  });

  it('composes: n then m business days is n + m business days', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 20 }),
        calendar,
        (start, n, m, cal) => {
          const stepwise = addBusinessDays(addBusinessDays(start, n, cal), m, cal);
          expect(stepwise.toISOString()).toBe(addBusinessDays(start, n + m, cal).toISOString());
        },
      ),
    );
  });

  it('skips exactly the days off between the start and the due date', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 20 }), calendar, (start, n, cal) => {
        const from = rollToBusinessDay(start, cal);
        const due = addBusinessDays(start, n, cal);
        let working = 0;
        for (let t = from.getTime() + 86_400_000; t <= due.getTime(); t += 86_400_000) {
          if (isBusinessDay(new Date(t), cal)) working++;
        }
        expect(working).toBe(n);
      }),
    );
  });
});
