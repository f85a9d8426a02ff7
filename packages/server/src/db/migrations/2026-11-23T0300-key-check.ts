import { type Kysely, sql } from 'kysely';

/**
 * Issue 16: a missing key file made a new key silently, and the database then held values
 * under two different keys with the same id. One row of known ciphertexts, written at first
 * start and checked at every start: a key file that does not decrypt them stops the server
 * before it writes anything (src/lib/key-check.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE key_check (
      id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
      field_check text NOT NULL,
      blind_index_check text NOT NULL,
      file_check text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
}
