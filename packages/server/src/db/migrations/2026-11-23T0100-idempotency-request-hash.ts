import { type Kysely, sql } from 'kysely';

/**
 * Issue #9: the idempotency store kept the whole 201 answer (passport numbers, phones,
 * narrative) in plain JSON. It now keeps a keyed hash of the request and the id of what it
 * created. TRUNCATE (not DELETE) gives the table new files, so the old rows do not linger
 * as dead tuples until a VACUUM; a retry in flight during the upgrade is simply a new request.
 */
const statements = [
  'TRUNCATE idempotency_keys',
  'ALTER TABLE idempotency_keys DROP COLUMN response',
  'ALTER TABLE idempotency_keys ADD COLUMN request_hash text NOT NULL',
  'ALTER TABLE idempotency_keys ADD COLUMN resource_type text NOT NULL',
  'ALTER TABLE idempotency_keys ADD COLUMN resource_id uuid NOT NULL',
  'CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at)',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}
