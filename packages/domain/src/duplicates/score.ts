import { compareBirth } from './birth.js';
import { nameSimilarity } from './similarity.js';

/** A person as duplicate matching sees them. Document numbers and phones may be blind indexes. */
export interface MatchPerson {
  /** Full names and aliases, any script (Arabic or Latin), any order of parts. */
  names: string[];
  /** 'YYYY-MM-DD' */
  dateOfBirth?: string | null;
  estimatedBirthYear?: number | null;
  /** ISO 3166-1 alpha-2 */
  nationality?: string | null;
  documents?: { type: string; number: string; country?: string | null }[];
  phones?: string[];
}

export type MatchReasonCode =
  | 'document'
  | 'name'
  | 'date_of_birth'
  | 'nationality'
  | 'phone'
  | 'conflict_document'
  | 'conflict_date_of_birth'
  | 'conflict_nationality';

export interface MatchResult {
  score: number;
  band: 'strong' | 'possible' | 'weak';
  reasons: { code: MatchReasonCode; weight: number }[];
}

/** Score bands: at or above `strong` the persons are very likely one; at or above `possible`, worth a look. */
export const MATCH_THRESHOLDS: { strong: number; possible: number } = { strong: 0.7, possible: 0.5 };

/** Points each kind of evidence adds (or, for conflicts, takes away). */
export const MATCH_WEIGHTS = {
  /** The same document number, any type. */
  document: 0.7,
  /** The same number, but the issuing countries are known and differ. */
  documentOtherCountry: 0.3,
  nameMax: 0.55,
  /** Name similarity at or below which the name adds nothing, and at or above which it adds `nameMax`. */
  nameFrom: 0.55,
  nameFull: 0.9,
  nationality: 0.05,
  conflictNationality: -0.2,
  phone: 0.15,
  /** Different numbers for the same kind of document: mild when names agree (a renewed passport), strong otherwise. */
  conflictDocument: -0.15,
  conflictDocumentNameMismatch: -0.3,
  /** Name similarity from which names count as agreeing for `conflictDocument`. */
  namesAgree: 0.9,
} as const;

/** Upper case, without spaces, dashes, dots or slashes. */
export function normaliseDocumentNumber(n: string): string {
  return n.toUpperCase().replace(/[\s\-.\\/]/g, '');
}

/** Digits only, without a leading international 00 (or +, which is dropped with the other non-digits). */
export function normalisePhone(p: string): string {
  return p.replace(/\D/g, '').replace(/^00/, '');
}

function bestNameSimilarity(a: string[], b: string[]): number {
  let best = 0;
  for (const x of a) for (const y of b) if (best < 1) best = Math.max(best, nameSimilarity(x, y));
  return best;
}

function nameWeight(similarity: number): number {
  const w = MATCH_WEIGHTS;
  const t = (similarity - w.nameFrom) / (w.nameFull - w.nameFrom);
  return w.nameMax * Math.min(1, Math.max(0, t));
}

const sameText = (a: string | null | undefined, b: string | null | undefined) =>
  !a || !b || a.trim().toUpperCase() === b.trim().toUpperCase();

type Reason = MatchResult['reasons'][number];

function documentEvidence(a: MatchPerson, b: MatchPerson, names: number): Reason | null {
  const docs = (p: MatchPerson) =>
    (p.documents ?? []).map((d) => ({ ...d, n: normaliseDocumentNumber(d.number) })).filter((d) => d.n);
  const da = docs(a);
  const db = docs(b);
  const equal = da.flatMap((x) => db.filter((y) => x.n === y.n).map((y) => sameText(x.country, y.country)));
  if (equal.length > 0) {
    // the same number issued by two different countries is more likely a coincidence
    return {
      code: 'document',
      weight: equal.includes(true) ? MATCH_WEIGHTS.document : MATCH_WEIGHTS.documentOtherCountry,
    };
  }
  const clash = da.some((x) => db.some((y) => sameText(x.type, y.type) && sameText(x.country, y.country)));
  if (!clash) return null;
  const agree = names >= MATCH_WEIGHTS.namesAgree;
  return {
    code: 'conflict_document',
    weight: agree ? MATCH_WEIGHTS.conflictDocument : MATCH_WEIGHTS.conflictDocumentNameMismatch,
  };
}

function phoneEvidence(a: MatchPerson, b: MatchPerson): boolean {
  const pa = new Set((a.phones ?? []).map(normalisePhone).filter((p) => p.length >= 6));
  return (b.phones ?? []).some((p) => pa.has(normalisePhone(p)));
}

/**
 * How likely two person records describe one person, with the reasons. An identical
 * document number (any type) is near-certain; otherwise name similarity is the main
 * signal, moved up or down by date of birth, nationality and phone.
 */
export function scoreMatch(a: MatchPerson, b: MatchPerson): MatchResult {
  const reasons: MatchResult['reasons'] = [];
  const names = bestNameSimilarity(a.names, b.names);
  const nw = nameWeight(names);
  if (nw > 0) reasons.push({ code: 'name', weight: round(nw) });
  const doc = documentEvidence(a, b, names);
  if (doc) reasons.push(doc);
  const birth = compareBirth(a, b);
  if (birth) reasons.push(birth);
  if (a.nationality && b.nationality) {
    const same = a.nationality.toUpperCase() === b.nationality.toUpperCase();
    reasons.push(
      same
        ? { code: 'nationality', weight: MATCH_WEIGHTS.nationality }
        : { code: 'conflict_nationality', weight: MATCH_WEIGHTS.conflictNationality },
    );
  }
  if (phoneEvidence(a, b)) reasons.push({ code: 'phone', weight: MATCH_WEIGHTS.phone });
  const total = reasons.reduce((s, r) => s + r.weight, 0);
  const score = round(Math.min(1, Math.max(0, total)));
  const band =
    score >= MATCH_THRESHOLDS.strong ? 'strong' : score >= MATCH_THRESHOLDS.possible ? 'possible' : 'weak';
  return { score, band, reasons: reasons.sort((x, y) => Math.abs(y.weight) - Math.abs(x.weight)) };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
