/** Seedable randomness for the synthetic data (`synthetic-cases.ts`): the PRNG and its pickers. */

/** mulberry32: a small, fast, seedable PRNG (uniform in [0, 1)). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Weighted<T> = readonly (readonly [T, number])[];

export class Random {
  private readonly zipfTables = new Map<string, number[]>();
  constructor(readonly next: () => number) {}
  chance(p: number) {
    return this.next() < p;
  }
  int(min: number, max: number) {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  weighted<T>(table: Weighted<T>): T {
    let total = 0;
    for (const [, w] of table) total += w;
    let r = this.next() * total;
    for (const [value, w] of table) {
      r -= w;
      if (r < 0) return value;
    }
    return table[table.length - 1]![0];
  }
  /**
   * Earlier entries more often (Zipf with exponent `s`): a few employers are very common
   * (s = 0.9); names are skewed more gently (s = 0.5), since each list is short.
   */
  zipf<T>(items: readonly T[], s = 0.9): T {
    const key = `${items.length}:${s}`;
    let cumulative = this.zipfTables.get(key);
    if (!cumulative) {
      cumulative = [];
      let sum = 0;
      for (let i = 0; i < items.length; i++) {
        sum += 1 / (i + 1) ** s;
        cumulative.push(sum);
      }
      this.zipfTables.set(key, cumulative);
    }
    const r = this.next() * cumulative[cumulative.length - 1]!;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return items[lo]!;
  }
  subset<T>(items: readonly T[], min: number, max: number): T[] {
    const pool = [...items];
    const n = Math.min(pool.length, this.int(min, max));
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]!);
    return out;
  }
  /** Fills a pattern: '#' a digit, '@' a capital letter, anything else kept. */
  fill(pattern: string) {
    let out = '';
    for (const ch of pattern) {
      if (ch === '#') out += String(Math.floor(this.next() * 10));
      else if (ch === '@') out += String.fromCharCode(65 + Math.floor(this.next() * 26));
      else out += ch;
    }
    return out;
  }
}

// ---------------------------------------------------------------------------------------
// Dates

export const DAY = 86_400_000;

export function isoDate(d: Date) {
  return d.toISOString().slice(0, 10);
}
