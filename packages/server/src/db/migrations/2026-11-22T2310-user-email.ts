import { type Kysely, sql } from 'kysely';

/**
 * Where a user's notification emails go. Optional: a user without an address still sees every
 * notification in the app; their queued emails are marked `skipped`.
 */
const statements = ['ALTER TABLE users ADD COLUMN email text'];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}
