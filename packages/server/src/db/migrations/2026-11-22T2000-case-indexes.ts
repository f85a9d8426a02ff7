import { type Kysely, sql } from 'kysely';

/**
 * Case list at a million cases (docs/benchmarks.md): category and risk together, the
 * usual triage filter, get an index that serves both the page (newest first) and an
 * index-only count, so the list's total stays cheap enough to show.
 */
const statements = ['CREATE INDEX cases_category_risk ON cases (category, risk, received_at DESC, id DESC)'];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}
