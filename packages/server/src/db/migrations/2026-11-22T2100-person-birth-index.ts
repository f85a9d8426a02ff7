import { type Kysely, sql } from 'kysely';

/**
 * Duplicate search: persons born on a given day, so that a person with a very common name
 * is still found among thousands of namesakes when the date of birth matches.
 */
const statements = [
  'CREATE INDEX persons_date_of_birth ON persons (date_of_birth) WHERE date_of_birth IS NOT NULL',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}
