import { type Kysely, sql } from 'kysely';

/**
 * Issue #5: the case's documents, their versions (content encrypted in the object storage,
 * one object per uploaded chunk), and uploads in progress (resumable).
 */
const statements = [
  `CREATE TABLE documents (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    type text NOT NULL,
    title_enc text NOT NULL,
    document_date date,
    language text,
    referral_id uuid REFERENCES referrals(id),
    task_id uuid REFERENCES tasks(id),
    shared_with uuid[] NOT NULL DEFAULT '{}',
    current_version integer NOT NULL DEFAULT 0,
    deleted_at timestamptz,
    deleted_by uuid REFERENCES users(id),
    delete_reason_enc text,
    created_by uuid REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 1
  )`,
  'CREATE INDEX documents_case ON documents (case_id, created_at DESC)',
  `CREATE TABLE document_versions (
    document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    version integer NOT NULL,
    storage_prefix text NOT NULL,
    parts integer NOT NULL,
    wrapped_key text NOT NULL,
    size_bytes bigint NOT NULL,
    sha256 text NOT NULL,
    content_type text NOT NULL,
    file_name_enc text NOT NULL,
    metadata_stripped boolean NOT NULL DEFAULT false,
    scan text NOT NULL DEFAULT 'not_scanned',
    uploaded_by uuid REFERENCES users(id),
    uploaded_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (document_id, version)
  )`,
  `CREATE TABLE uploads (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    user_id uuid NOT NULL REFERENCES users(id),
    document_id uuid REFERENCES documents(id),
    metadata_enc text,
    file_name_enc text NOT NULL,
    declared_type text,
    size_bytes bigint NOT NULL,
    chunk_size integer NOT NULL,
    received_bytes bigint NOT NULL DEFAULT 0,
    next_chunk integer NOT NULL DEFAULT 0,
    wrapped_key text NOT NULL,
    state text NOT NULL DEFAULT 'open',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
  )`,
  `CREATE INDEX uploads_expiry ON uploads (expires_at) WHERE state = 'open'`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}
