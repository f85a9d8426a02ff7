import { hasArabic } from '../arabic.js';
import { CLASHES_1 } from './clashes-1.js';
import { CLASHES_2 } from './clashes-2.js';
import { HOLDOUT_CLASHES, HOLDOUT_IDENTITIES } from './holdout.js';
import { ARAB_IDENTITIES_1 } from './identities-arab-1.js';
import { ARAB_IDENTITIES_2 } from './identities-arab-2.js';
import { OTHER_IDENTITIES } from './identities-other.js';
import { SOUTH_ASIA_MUSLIM_IDENTITIES } from './identities-south-asia-muslim.js';
import { SOUTH_ASIA_OTHER_IDENTITIES } from './identities-south-asia-other.js';
import type { EvalClash, EvalIdentity, EvalRecord } from './types.js';

/** The development set: the weights were tuned on it. */
export const IDENTITIES: EvalIdentity[] = [
  ...ARAB_IDENTITIES_1,
  ...ARAB_IDENTITIES_2,
  ...SOUTH_ASIA_MUSLIM_IDENTITIES,
  ...SOUTH_ASIA_OTHER_IDENTITIES,
  ...OTHER_IDENTITIES,
];
export const CLASHES: EvalClash[] = [...CLASHES_1, ...CLASHES_2];

export interface EvalSet {
  identities: EvalIdentity[];
  clashes: EvalClash[];
}

export const DEVELOPMENT_SET: EvalSet = { identities: IDENTITIES, clashes: CLASHES };
/** Never used for tuning. */
export const HOLDOUT_SET: EvalSet = { identities: HOLDOUT_IDENTITIES, clashes: HOLDOUT_CLASHES };

export type PairSource = 'same-person' | 'clash' | 'clash-against' | 'cross-identity';

export interface LabelledPair {
  a: EvalRecord;
  b: EvalRecord;
  same: boolean;
  source: PairSource;
  /** One side written in Arabic script only. */
  arabic: boolean;
  label: string;
}

const arabicOnly = (p: EvalRecord) => p.names.length > 0 && p.names.every(hasArabic);

/** Small deterministic PRNG (mulberry32), so the set is the same on every run. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Whether anything beyond the names can tell two records apart: birth facts on both,
 * documents of the same type on both, or different nationalities. A clash record
 * against a bare hotline entry of a namesake ("محمد عبد الله حسن", Egyptian, nothing
 * else) is left out: nobody could tell those apart, and proposing them is right.
 */
export function decidable(a: EvalRecord, b: EvalRecord): boolean {
  const birth = (p: EvalRecord) => !!p.dateOfBirth || !!p.estimatedBirthYear;
  const docTypes = new Set((a.documents ?? []).map((d) => d.type));
  const sameDocType = (b.documents ?? []).some((d) => docTypes.has(d.type));
  const otherNationality = !!a.nationality && !!b.nationality && a.nationality !== b.nationality;
  return (birth(a) && birth(b)) || sameDocType || otherNationality;
}

function pair(a: EvalRecord, b: EvalRecord, same: boolean, source: PairSource, label: string): LabelledPair {
  return { a, b, same, source, arabic: arabicOnly(a) || arabicOnly(b), label };
}

/**
 * Labelled pairs: every two records of one identity (positive); every two persons of a
 * clash group, and each of them against the records of the identity it imitates when
 * decidable (negative); and `crossPerIdentity` seeded random pairs of records from two
 * identities of the same region (negative).
 */
export function buildPairs(
  set: EvalSet = DEVELOPMENT_SET,
  seed = 20260,
  crossPerIdentity = 2,
): LabelledPair[] {
  const { identities, clashes } = set;
  const out: LabelledPair[] = [];
  for (const id of identities) {
    id.records.forEach((a, i) => {
      id.records.slice(i + 1).forEach((b, k) => {
        out.push(pair(a, b, true, 'same-person', `${id.id} #${i}~#${i + k + 1}`));
      });
    });
  }
  const byId = new Map(identities.map((i) => [i.id, i]));
  for (const c of clashes) {
    c.persons.forEach((a, i) => {
      c.persons.slice(i + 1).forEach((b, k) => {
        out.push(pair(a, b, false, 'clash', `${c.id} #${i}~#${i + k + 1}`));
      });
      const target = c.against ? byId.get(c.against) : undefined;
      target?.records.forEach((b, k) => {
        if (decidable(a, b)) out.push(pair(a, b, false, 'clash-against', `${c.id} #${i}~${target.id} #${k}`));
      });
    });
  }
  const random = prng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;
  for (const id of identities) {
    const region = id.id.slice(0, 2);
    const others = identities.filter((o) => o !== id && o.id.slice(0, 2) === region);
    for (let n = 0; n < crossPerIdentity && others.length > 0; n++) {
      const other = pick(others);
      out.push(pair(pick(id.records), pick(other.records), false, 'cross-identity', `${id.id}~${other.id}`));
    }
  }
  return out;
}
