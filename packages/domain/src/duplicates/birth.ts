/**
 * Date-of-birth evidence: exact dates, the usual entry mistakes (day and month swapped,
 * one wrong digit, two neighbouring digits swapped), an estimated year against a date or
 * another estimate, and placeholder dates (1 January of a year stands for "year only").
 */

export interface BirthEvidence {
  code: 'date_of_birth' | 'conflict_date_of_birth';
  weight: number;
}

export const BIRTH_WEIGHTS = {
  exact: 0.25,
  dayMonthSwapped: 0.2,
  oneDigit: 0.15,
  digitsTransposed: 0.12,
  sameYear: 0.08,
  nearYear: 0.04,
  sameYearOtherDay: -0.1,
  oneYearApart: -0.2,
  farApart: -0.35,
  estimateFarApart: -0.2,
} as const;

interface Ymd {
  y: number;
  m: number;
  d: number;
  digits: string;
}

export function parseDate(s: string | null | undefined): Ymd | null {
  const m = s ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim()) : null;
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return { y, m: mo, d, digits: `${m[1]}${m[2]}${m[3]}` };
}

function differingPositions(a: string, b: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) out.push(i);
  return out;
}

function fullDates(a: Ymd, b: Ymd): BirthEvidence {
  const w = BIRTH_WEIGHTS;
  if (a.digits === b.digits) return { code: 'date_of_birth', weight: w.exact };
  if (a.y === b.y && a.m === b.d && a.d === b.m) return { code: 'date_of_birth', weight: w.dayMonthSwapped };
  const diff = differingPositions(a.digits, b.digits);
  if (diff.length === 1) return { code: 'date_of_birth', weight: w.oneDigit };
  const [i, j] = diff;
  if (
    diff.length === 2 &&
    i !== undefined &&
    j === i + 1 &&
    a.digits[i] === b.digits[j] &&
    a.digits[j] === b.digits[i]
  ) {
    return { code: 'date_of_birth', weight: w.digitsTransposed };
  }
  const years = Math.abs(a.y - b.y);
  if (years === 0) return { code: 'conflict_date_of_birth', weight: w.sameYearOtherDay };
  if (years === 1) return { code: 'conflict_date_of_birth', weight: w.oneYearApart };
  return { code: 'conflict_date_of_birth', weight: w.farApart };
}

function years(a: number, b: number, bothEstimated: boolean): BirthEvidence | null {
  const w = BIRTH_WEIGHTS;
  const gap = Math.abs(a - b);
  if (gap === 0) return { code: 'date_of_birth', weight: w.sameYear };
  if (gap <= 2) return { code: 'date_of_birth', weight: w.nearYear };
  if (gap > (bothEstimated ? 7 : 5)) return { code: 'conflict_date_of_birth', weight: w.estimateFarApart };
  return null;
}

const isPlaceholder = (d: Ymd) => d.m === 1 && d.d === 1;

export interface BirthFacts {
  dateOfBirth?: string | null;
  estimatedBirthYear?: number | null;
}

/** Evidence from two persons' birth facts, or null when there is nothing to compare. */
export function compareBirth(a: BirthFacts, b: BirthFacts): BirthEvidence | null {
  const da = parseDate(a.dateOfBirth);
  const db = parseDate(b.dateOfBirth);
  if (da && db) {
    return isPlaceholder(da) || isPlaceholder(db) ? years(da.y, db.y, false) : fullDates(da, db);
  }
  const ya = da?.y ?? a.estimatedBirthYear ?? null;
  const yb = db?.y ?? b.estimatedBirthYear ?? null;
  if (ya === null || yb === null) return null;
  return years(ya, yb, !da && !db);
}
