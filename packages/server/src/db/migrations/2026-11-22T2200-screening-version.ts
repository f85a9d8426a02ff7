import { type Kysely, sql } from 'kysely';

/** Optimistic concurrency for screening interviews: two people saving answers must not overwrite each other. */
const statements = ['ALTER TABLE screenings ADD COLUMN version integer NOT NULL DEFAULT 1'];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}
