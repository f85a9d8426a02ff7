/**
 * Synthetic cases for the demo (`npm start` seeds about 200) and for benchmarks
 * (`npm run seed -- --cases 1000000`). Deterministic for a given seed: the same seed gives
 * the same persons, names, dates, categories and references on an empty database (only
 * row ids and ciphertexts, which are random by design, differ).
 *
 * Rows are written in batches, one transaction per batch, each table with one multi-row
 * INSERT fed by a single JSON parameter (`json_to_recordset`), so a million cases cost a
 * few thousand statements. Sensitive fields go through the same helpers as
 * `insertPerson`: phones and document numbers are encrypted with their blind indexes,
 * names get the same search text and duplicate-detection keys. References are reserved
 * per batch from the gapless per-year counters, in the batch's transaction. Each batch
 * writes ONE audit row (`case.created`, details `{ seed: true, batch, count, ... }`)
 * rather than one per case.
 */
import type { Services } from '../services.js';
import { hasCases } from './synthetic.repository.js';
import { Generator } from './synthetic-generator.js';
import { DAY } from './synthetic-random.js';
import { loadContext, writeBatch } from './synthetic-writer.js';

export { mulberry32 } from './synthetic-random.js';

export interface SyntheticSeedOptions {
  /** How many cases to add. */
  count: number;
  /** PRNG seed; the same seed gives the same data. Default 1. */
  seed?: number;
  /** Cases per transaction. Default 1000. */
  batchSize?: number;
  /** The latest received date; cases spread over `years` before it. Default: the services' clock. */
  until?: Date;
  /** How many years of intake to spread the cases over (more recent, more frequent). Default 3. */
  years?: number;
  /** Add cases even when the database already has some (the CLI). By default a database with cases is left alone. */
  append?: boolean;
  onProgress?: (progress: SyntheticSeedProgress) => void;
}

export interface SyntheticSeedProgress {
  cases: number;
  persons: number;
  total: number;
  batches: number;
  elapsedMs: number;
}

export interface SyntheticSeedResult extends SyntheticSeedProgress {
  skipped: boolean;
}

/**
 * Seeds `count` synthetic cases. Safe to call on every start: unless `append` is set, a
 * database that already has cases is left untouched. Needs the default organisations (and,
 * for creators and assignees, the demo users) from `seed()`; without demo users the cases
 * are unassigned and have no creator.
 */
export async function seedSyntheticCases(
  services: Services,
  options: SyntheticSeedOptions,
): Promise<SyntheticSeedResult> {
  const started = performance.now();
  const total = Math.max(0, Math.floor(options.count));
  const empty = { cases: 0, persons: 0, total, batches: 0, elapsedMs: 0 };
  if (total === 0) return { ...empty, skipped: true };
  if (!options.append) {
    if (await hasCases(services.db)) return { ...empty, skipped: true };
  }
  const now = services.now();
  const until = (options.until ?? now).getTime();
  const spanMs = (options.years ?? 3) * 365.25 * DAY;
  const batchSize = Math.max(1, options.batchSize ?? 1000);
  const ctx = await loadContext(services, now);
  const generator = new Generator(options.seed ?? 1, ctx, services, total, until, spanMs);

  const progress: SyntheticSeedProgress = { cases: 0, persons: 0, total, batches: 0, elapsedMs: 0 };
  let writing: Promise<void> | undefined;
  let written = { cases: 0, persons: 0 };
  for (let done = 0; done < total; ) {
    // Generate the next batch while the previous one is written (two cores: Node and PostgreSQL).
    const batch = await generator.batch(Math.min(batchSize, total - done));
    done += batch.cases.length;
    if (writing) await writing;
    const batchNo = ++progress.batches;
    const counts = { cases: batch.cases.length, persons: batch.persons.length };
    writing = writeBatch(services, batch, batchNo).then(() => {
      written = { cases: written.cases + counts.cases, persons: written.persons + counts.persons };
      Object.assign(progress, written, { elapsedMs: performance.now() - started });
      options.onProgress?.({ ...progress });
    });
    // Awaited below; until then a failure must not count as unhandled while the next batch is generated.
    writing.catch(() => undefined);
  }
  await writing;
  return { ...progress, elapsedMs: performance.now() - started, skipped: false };
}
