import type { MatchPerson } from '../score.js';

/** One hand-written person record (what one intake might have entered). */
export interface EvalRecord extends MatchPerson {
  /** What this variant exercises, for reading failures. */
  note?: string;
}

/** Several records of the same real person: every pair of them is a positive. */
export interface EvalIdentity {
  id: string;
  records: EvalRecord[];
}

/**
 * Different people who look alike (same common name, siblings, namesakes of another
 * nationality): every pair of `persons` is a negative, and so is each of them against
 * every record of the identity named in `against`.
 */
export interface EvalClash {
  id: string;
  note: string;
  against?: string;
  persons: EvalRecord[];
}

export interface RecordOptions {
  /** Date of birth 'YYYY-MM-DD'. */
  dob?: string;
  /** Estimated birth year only. */
  year?: number;
  /** Nationality, ISO alpha-2; also the passport's country unless `ppCountry` says otherwise. */
  nat?: string;
  pp?: string;
  ppCountry?: string;
  /** National identity card or residence (iqama / Emirates ID) number. */
  nid?: string;
  nidCountry?: string;
  ph?: string;
  note?: string;
}

/** Shorthand for a record: one name or a list of names (Latin, Arabic, aliases). */
export function r(names: string | string[], o: RecordOptions = {}): EvalRecord {
  const documents: NonNullable<MatchPerson['documents']> = [];
  if (o.pp) documents.push({ type: 'passport', number: o.pp, country: o.ppCountry ?? o.nat ?? null });
  if (o.nid) documents.push({ type: 'national_id', number: o.nid, country: o.nidCountry ?? o.nat ?? null });
  return {
    names: Array.isArray(names) ? names : [names],
    dateOfBirth: o.dob ?? null,
    estimatedBirthYear: o.year ?? null,
    nationality: o.nat ?? null,
    documents,
    phones: o.ph ? [o.ph] : [],
    ...(o.note ? { note: o.note } : {}),
  };
}
