import { describe, expect, it } from 'vitest';
import { CaseCreate, CaseUpdate } from '../src/contracts/cases.js';
import { PastDate, PastInstant } from '../src/contracts/common.js';
import { FOLLOW_UP_EARLY_DAYS, followUpOpensAt, followUpTooEarly } from '../src/sop/index.js';

/** Issue 12, point 13: bad input is refused with a translated message. */
const DAY = 86_400_000;
const i18nOf = (result: { error?: { issues: readonly object[] } | undefined }) =>
  result.error?.issues.map((i) => ('params' in i ? (i.params as { i18n?: string }).i18n : undefined));

describe('dates in the future', () => {
  it('a date of birth may be today anywhere on Earth, not later', () => {
    const utcToday = new Date().toISOString().slice(0, 10);
    expect(PastDate.safeParse(utcToday).success).toBe(true);
    // Already tomorrow in Kiribati (UTC+14) when it is this afternoon in UTC: a day ahead at most.
    const far = new Date(Date.now() + 2 * DAY).toISOString().slice(0, 10);
    const result = PastDate.safeParse(far);
    expect(result.success).toBe(false);
    expect(i18nOf(result)).toEqual(['validation.dateInFuture']);
  });

  it('a received time is an instant: a client clock a few minutes fast passes, tomorrow does not', () => {
    expect(PastInstant.safeParse(new Date(Date.now() + 60_000).toISOString()).success).toBe(true);
    expect(PastInstant.safeParse('2026-01-01T23:30:00+03:00').success).toBe(true);
    const tomorrow = PastInstant.safeParse(new Date(Date.now() + DAY).toISOString());
    expect(tomorrow.success).toBe(false);
    expect(i18nOf(tomorrow)).toEqual(['validation.timeInFuture']);
    const created = CaseCreate.safeParse({
      intakeKind: 'walk_in',
      channel: 'walk_in',
      person: { nameLatin: 'X' },
      receivedAt: new Date(Date.now() + DAY).toISOString(),
    });
    expect(created.error?.issues.map((i) => i.path)).toEqual([['receivedAt']]);
    expect(CaseUpdate.safeParse({ receivedAt: new Date(Date.now() + DAY).toISOString() }).success).toBe(
      false,
    );
  });
});

describe('a follow-up contact is recorded when it is due, not weeks before', () => {
  const dueAt = '2027-03-20T09:00:00.000Z';
  it(`opens ${FOLLOW_UP_EARLY_DAYS} days before its due date`, () => {
    expect(followUpOpensAt(dueAt).toISOString()).toBe('2027-03-13T09:00:00.000Z');
    expect(followUpTooEarly(dueAt, new Date('2027-02-20T09:00:00.000Z'))).toBe(true);
    expect(followUpTooEarly(dueAt, new Date('2027-03-13T08:59:59.000Z'))).toBe(true);
    expect(followUpTooEarly(dueAt, new Date('2027-03-13T09:00:00.000Z'))).toBe(false);
    expect(followUpTooEarly(dueAt, new Date('2027-05-01T00:00:00.000Z'))).toBe(false);
  });
});
