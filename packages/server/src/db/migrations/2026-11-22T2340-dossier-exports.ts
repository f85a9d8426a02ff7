import { type Kysely, sql } from 'kysely';

/**
 * Issue #5: the dossier export. One row per requested ZIP (documents, index, case summary);
 * the ZIP itself is stored encrypted under `dossiers/<id>` with its own file key.
 */
const statements = [
  `CREATE TABLE dossier_exports (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    user_id uuid NOT NULL REFERENCES users(id),
    locale text NOT NULL,
    state text NOT NULL DEFAULT 'queued'
      CHECK (state IN ('queued', 'running', 'done', 'failed', 'expired')),
    progress integer NOT NULL DEFAULT 0,
    total integer NOT NULL DEFAULT 0,
    storage_key text,
    wrapped_key text,
    size_bytes bigint,
    error_code text,
    created_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    expires_at timestamptz
  )`,
  'CREATE INDEX dossier_exports_user ON dossier_exports (user_id, created_at DESC)',
  `CREATE INDEX dossier_exports_expiry ON dossier_exports (expires_at) WHERE state = 'done'`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP TABLE IF EXISTS dossier_exports').execute(db);
}
