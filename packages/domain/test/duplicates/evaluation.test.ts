import { describe, expect, it } from 'vitest';
import { nameKeys } from '../../src/duplicates/keys.js';
import { MATCH_THRESHOLDS, scoreMatch } from '../../src/duplicates/score.js';
import {
  buildPairs,
  DEVELOPMENT_SET,
  HOLDOUT_SET,
  type LabelledPair,
} from '../fixtures/duplicates-evaluation/pairs.js';

/** The domain package compiles without DOM or Node types; the test runner provides a console. */
declare const console: { log(...args: unknown[]): void; table(data: unknown): void };

interface Row {
  pair: LabelledPair;
  score: number;
}

interface Metrics {
  pairs: number;
  positives: number;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}

function metrics(rows: Row[], threshold: number): Metrics {
  const tp = rows.filter((r) => r.pair.same && r.score >= threshold).length;
  const fp = rows.filter((r) => !r.pair.same && r.score >= threshold).length;
  const fn = rows.filter((r) => r.pair.same && r.score < threshold).length;
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return {
    pairs: rows.length,
    positives: tp + fn,
    tp,
    fp,
    fn,
    precision: round(tp + fp === 0 ? 1 : tp / (tp + fp)),
    recall: round(tp + fn === 0 ? 1 : tp / (tp + fn)),
  };
}

const score = (pairs: LabelledPair[]): Row[] =>
  pairs.map((pair) => ({ pair, score: scoreMatch(pair.a, pair.b).score }));
const dev = score(buildPairs(DEVELOPMENT_SET));
const holdout = score(buildPairs(HOLDOUT_SET));

function table(): Record<string, Metrics> {
  const t: Record<string, Metrics> = {};
  for (const [name, rows] of [
    ['development', dev],
    ['development, Arabic side', dev.filter((r) => r.pair.arabic)],
    [
      'development, hard negatives only',
      dev.filter((r) => r.pair.same || r.pair.source !== 'cross-identity'),
    ],
    ['held-out', holdout],
  ] as const) {
    t[`${name} @possible`] = metrics(rows, MATCH_THRESHOLDS.possible);
    t[`${name} @strong`] = metrics(rows, MATCH_THRESHOLDS.strong);
  }
  return t;
}

describe('duplicate matching evaluation', () => {
  const results = table();

  it('has a labelled set of the agreed size and composition', () => {
    const pos = dev.filter((r) => r.pair.same).length;
    const neg = dev.length - pos;
    const arabic = dev.filter((r) => r.pair.arabic).length;
    console.log(
      `evaluation set: ${dev.length} development pairs (${pos} same person, ${neg} different, ${arabic} with an` +
        ` Arabic-only side), ${holdout.length} held-out pairs`,
    );
    expect(dev.length).toBeGreaterThanOrEqual(500);
    expect(pos).toBeGreaterThanOrEqual(250);
    expect(neg).toBeGreaterThanOrEqual(250);
    expect(arabic).toBeGreaterThanOrEqual(150);
    expect(new Set(dev.map((r) => r.pair.source))).toEqual(
      new Set(['same-person', 'clash', 'clash-against', 'cross-identity']),
    );
  });

  it('reaches precision and recall floors at the possible and strong thresholds', () => {
    console.table(results);
    const at = (k: string) => results[k]!;
    expect(at('development @possible').precision).toBeGreaterThanOrEqual(0.97);
    expect(at('development @possible').recall).toBeGreaterThanOrEqual(0.95);
    expect(at('development, Arabic side @possible').recall).toBeGreaterThanOrEqual(0.95);
    expect(at('development, hard negatives only @possible').precision).toBeGreaterThanOrEqual(0.97);
    expect(at('development @strong').precision).toBeGreaterThanOrEqual(0.98);
    expect(at('development @strong').recall).toBeGreaterThanOrEqual(0.28);
    expect(at('held-out @possible').precision).toBeGreaterThanOrEqual(0.95);
    expect(at('held-out @possible').recall).toBeGreaterThanOrEqual(0.9);
    expect(at('held-out @strong').precision).toBeGreaterThanOrEqual(0.95);
  });

  it('retrieves every same-person pair by a shared name key, so the database finds the candidate', () => {
    const shares = (r: Row) => {
      const keys = new Set(r.pair.a.names.flatMap(nameKeys));
      return r.pair.b.names.flatMap(nameKeys).some((k) => keys.has(k));
    };
    const positives = [...dev, ...holdout].filter((r) => r.pair.same);
    const missed = positives.filter((r) => !shares(r)).map((r) => r.pair.label);
    console.log(
      `name-key retrieval: ${positives.length - missed.length}/${positives.length} same-person pairs`,
    );
    expect(missed.length / positives.length).toBeLessThanOrEqual(0.01);
  });
});
