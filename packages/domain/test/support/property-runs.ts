/**
 * The size of the property tests. The numbers in the tests are sized for a loaded 2-core CI
 * machine (each property finishes in a few seconds); `PROPERTY_RUNS_SCALE=10 npm run
 * test:properties` explores ten times as far, and fast-check prints the seed of any failure
 * (`PROPERTY_SEED=<seed>` replays it).
 */
const scale = Number(process.env.PROPERTY_RUNS_SCALE ?? '1');
const seed = process.env.PROPERTY_SEED ? Number(process.env.PROPERTY_SEED) : undefined;

/** Every property test's own time limit, generous for a loaded machine at scale 1. */
export const PROPERTY_TIMEOUT_MS = 60_000;

/** fast-check parameters: `numRuns` scaled, and the replay seed when one is given. */
export function runs(numRuns: number): { numRuns: number; seed?: number } {
  const n = Math.max(1, Math.round(numRuns * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
  return seed === undefined ? { numRuns: n } : { numRuns: n, seed };
}
