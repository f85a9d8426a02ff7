import { joinParts, type Part, partSimilarity, partsOf } from './parts.js';

/** Share of the score that depends on covering the longer name too (missing middle names). */
const COVER_LONGER = 0.2;

/**
 * Best one-to-one assignment of rows to columns of a weighted similarity matrix (rows
 * may stay unassigned), by dynamic programming over the set of columns used: names
 * have at most six parts, so at most 64 states per row.
 */
function bestAssignment(matrix: number[][], columns: number): number {
  let dp = new Array<number>(1 << columns).fill(0);
  for (const row of matrix) {
    const next = dp.slice();
    for (let mask = 0; mask < dp.length; mask++) {
      const base = dp[mask]!;
      for (let j = 0; j < columns; j++) {
        const s = row[j]!;
        if (s === 0 || mask & (1 << j)) continue;
        const m = mask | (1 << j);
        if (base + s > next[m]!) next[m] = base + s;
      }
    }
    dp = next;
  }
  return Math.max(...dp);
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
    const parts = [...a.slice(0, i), joined, ...a.slice(i + 2)];
    const matrix = [...rows.slice(0, i), b.map((y) => weighted(joined, y)), ...rows.slice(i + 2)];
    best = Math.max(best, scoreParts(parts, b, matrix));
  }
  return best;
}

const transpose = (m: number[][], columns: number) => Array.from({ length: columns }, (_, j) => m.map((r) => r[j]!));

/** Similarity of two names already split into parts. */
export function partsSimilarity(a: Part[], b: Part[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const rows = a.map((x) => b.map((y) => weighted(x, y)));
  const plain = scoreParts(a, b, rows);
  if (plain === 1) return 1;
  return Math.max(plain, bestWithJoins(a, b, rows), bestWithJoins(b, a, transpose(rows, b.length)));
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
