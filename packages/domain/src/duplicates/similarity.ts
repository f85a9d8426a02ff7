import { joinParts, type Part, partSimilarity, partsOf } from './parts.js';

/** Share of the score that depends on covering the longer name too (missing middle names). */
const COVER_LONGER = 0.2;

/** At most this many parts per name (see parts.ts), so at most 2^6 column sets. */
const MAX_COLUMNS = 6;
let dp = new Float64Array(1 << MAX_COLUMNS);
let next = new Float64Array(1 << MAX_COLUMNS);

/**
 * Best one-to-one assignment of rows to columns of a weighted similarity matrix (rows
 * may stay unassigned), by dynamic programming over the set of columns used.
 */
function bestAssignment(matrix: number[][], columns: number): number {
  const used = Math.min(columns, MAX_COLUMNS);
  const states = 1 << used;
  dp.fill(0, 0, states);
  for (const row of matrix) {
    next.set(dp.subarray(0, states));
    for (let mask = 0; mask < states; mask++) {
      const base = dp[mask]!;
      for (let j = 0; j < used; j++) {
        const s = row[j]!;
        const bit = 1 << j;
        if (s === 0 || mask & bit) continue;
        if (base + s > next[mask | bit]!) next[mask | bit] = base + s;
      }
    }
    [dp, next] = [next, dp];
  }
  let best = 0;
  for (let mask = 0; mask < states; mask++) if (dp[mask]! > best) best = dp[mask]!;
  return best;
}

const weighted = (x: Part, y: Part) => partSimilarity(x, y) * Math.min(x.weight, y.weight);

function scoreParts(a: Part[], b: Part[], matrix: number[][]): number {
  const matched = bestAssignment(matrix, b.length);
  const wa = a.reduce((s, p) => s + p.weight, 0);
  const wb = b.reduce((s, p) => s + p.weight, 0);
  if (wa === 0 || wb === 0) return 0;
  const ca = Math.min(1, matched / wa);
  const cb = Math.min(1, matched / wb);
  return COVER_LONGER * Math.min(ca, cb) + (1 - COVER_LONGER) * Math.max(ca, cb);
}

/** The best score of `a` against `b` with, in turn, each pair of neighbouring parts of `a` joined. */
function bestWithJoins(a: Part[], b: Part[], rows: number[][]): number {
  let best = 0;
  for (let i = 0; i + 1 < a.length; i++) {
    const joined = joinParts(a[i]!, a[i + 1]!);
    if (!joined) continue;
    const row = b.map((y) => weighted(joined, y));
    // a joined part that matches nothing cannot beat the name as written
    if (row.every((x) => x === 0)) continue;
    const parts = [...a.slice(0, i), joined, ...a.slice(i + 2)];
    best = Math.max(best, scoreParts(parts, b, [...rows.slice(0, i), row, ...rows.slice(i + 2)]));
  }
  return best;
}

const transpose = (m: number[][], columns: number) =>
  Array.from({ length: columns }, (_, j) => m.map((r) => r[j]!));

/** Similarity of two names already split into parts. */
export function partsSimilarity(a: Part[], b: Part[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const rows = a.map((x) => b.map((y) => weighted(x, y)));
  const plain = scoreParts(a, b, rows);
  if (plain === 1) return 1;
  const joinedB = b.length > 1 ? bestWithJoins(b, a, transpose(rows, b.length)) : 0;
  return Math.max(plain, bestWithJoins(a, b, rows), joinedB);
}

/**
 * 0..1 similarity of two full names in any script: parts are matched one to one in the
 * best order, so swapped names score as written-alike ones; a missing middle name costs
 * a little (the shorter name is mostly covered), and common parts such as Muhammad or
 * Kumar count less than rare ones.
 */
export function nameSimilarity(a: string, b: string): number {
  return partsSimilarity(partsOf(a), partsOf(b));
}
