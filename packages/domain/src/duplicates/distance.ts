/**
 * Weighted Damerau-Levenshtein (optimal string alignment) over skeletons: letters that
 * spellings and scripts confuse (s/th/sh, d/z/dh, g/k/j, b/p, f/v/w) cost less to swap,
 * and an `h`, a glide (y, w, v: Parveen / پروین) or an initial vowel costs less to drop.
 */

const CHEAP = 0.3;
const HALF = 0.5;

const PAIRS: Record<string, number> = {};
function pair(a: string, b: string, cost: number) {
  PAIRS[a + b] = cost;
  PAIRS[b + a] = cost;
}
for (const p of ['sc', 'tc', 'sx', 'dz', 'sz', 'gk', 'gj', 'pb', 'fp', 'vf', 'vw', 'bv', 'cz'])
  pair(p[0]!, p[1]!, CHEAP);
for (const p of ['td', 'cd', 'jz', 'hk', 'yj', 'xj', 'ay', 'aw', 'ah', 'kx', 'ts']) pair(p[0]!, p[1]!, HALF);

const INDEL: Record<string, number> = { h: 0.5, y: 0.5, w: 0.5, v: 0.5, a: 0.7 };

export function subCost(a: string, b: string): number {
  return a === b ? 0 : (PAIRS[a + b] ?? 1);
}

function indelCost(c: string): number {
  return INDEL[c] ?? 1;
}

let rows = [new Float64Array(16), new Float64Array(16), new Float64Array(16)];

export function weightedDistance(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  if (rows[0]!.length <= m) rows = [0, 1, 2].map(() => new Float64Array(m * 2 + 1));
  // rows i-2, i-1 and i of the dynamic programme, reused between calls
  let [prev2, prev, row] = rows as [Float64Array, Float64Array, Float64Array];
  prev[0] = 0;
  for (let j = 1; j <= m; j++) prev[j] = prev[j - 1]! + indelCost(b[j - 1]!);
  for (let i = 1; i <= n; i++) {
    const ca = a[i - 1]!;
    const del = indelCost(ca);
    row[0] = prev[0]! + del;
    for (let j = 1; j <= m; j++) {
      const cb = b[j - 1]!;
      let best = Math.min(prev[j]! + del, row[j - 1]! + indelCost(cb), prev[j - 1]! + subCost(ca, cb));
      if (i > 1 && j > 1 && ca !== cb && ca === b[j - 2] && a[i - 2] === cb)
        best = Math.min(best, prev2[j - 2]! + 0.7);
      row[j] = best;
    }
    [prev2, prev, row] = [prev, row, prev2];
  }
  return prev[m]!;
}

/** 0..1 similarity of two skeleton tokens. */
export function skeletonSimilarity(a: string, b: string): number {
  if (a === b) return a === '' ? 0 : 1;
  const len = Math.max(a.length, b.length);
  if (len === 0) return 0;
  let inner = memo.get(a);
  const hit = inner?.get(b);
  if (hit !== undefined) return hit;
  const sim = Math.max(0, 1 - weightedDistance(a, b) / len);
  if (memo.size >= MEMO_SIZE) memo.clear();
  if (!inner) {
    inner = new Map();
    memo.set(a, inner);
  }
  inner.set(b, sim);
  return sim;
}

/** Common names make the same skeleton pairs recur across candidates: remember them. */
const memo = new Map<string, Map<string, number>>();
const MEMO_SIZE = 5_000;
