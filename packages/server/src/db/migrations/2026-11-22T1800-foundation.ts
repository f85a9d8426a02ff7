import { type Kysely, sql } from 'kysely';

/**
 * Frozen once merged: later changes go in a new migration. Statements are run one by
 * one because PGlite's extended-protocol query takes a single statement.
 */
const statements = [
  `CREATE TABLE organisations (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL,
    name_ar text,
    kind text NOT NULL,
    country_code char(2),
    active boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT organisations_embassy_country CHECK (kind <> 'embassy' OR country_code IS NOT NULL)
  )`,
  'CREATE UNIQUE INDEX organisations_name_unique ON organisations (lower(name))',
  'CREATE INDEX organisations_kind ON organisations (kind, lower(name), id)',
  `CREATE TABLE users (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    username text NOT NULL UNIQUE CHECK (username = lower(username)),
    display_name text NOT NULL,
    role text NOT NULL,
    organisation_id uuid NOT NULL REFERENCES organisations(id),
    password_hash text NOT NULL,
    must_change_password boolean NOT NULL DEFAULT false,
    active boolean NOT NULL DEFAULT true,
    locale text NOT NULL DEFAULT 'en',
    totp_secret text,
    totp_pending_secret text,
    totp_last_step bigint,
    last_login_at timestamptz,
    password_changed_at timestamptz NOT NULL DEFAULT now(),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  'CREATE INDEX users_organisation ON users (organisation_id)',
  `CREATE TABLE recovery_codes (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_hash text NOT NULL,
    used_at timestamptz
  )`,
  'CREATE INDEX recovery_codes_user ON recovery_codes (user_id)',
  `CREATE TABLE sessions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    token_hash text NOT NULL UNIQUE,
    user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    stage text NOT NULL,
    csrf_token text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
  )`,
  'CREATE INDEX sessions_user ON sessions (user_id)',
  `CREATE TABLE login_throttle (
    key text PRIMARY KEY,
    failures integer NOT NULL,
    window_started_at timestamptz NOT NULL,
    locked_until timestamptz
  )`,
  `CREATE TABLE audit_log (
    id bigint PRIMARY KEY,
    occurred_at timestamptz NOT NULL,
    actor_user_id uuid,
    actor_username text,
    actor_organisation_id uuid,
    action text NOT NULL,
    target_type text,
    target_id text,
    outcome text NOT NULL CHECK (outcome IN ('success', 'denied', 'failure')),
    request_id text,
    ip text,
    details jsonb NOT NULL DEFAULT '{}'::jsonb,
    prev_hash text NOT NULL,
    hash text NOT NULL
  )`,
  // The newest row's id and hash, written in the same transaction as each row, so that
  // removing rows from the end of the chain is detected too.
  `CREATE TABLE audit_head (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    last_id bigint NOT NULL,
    last_hash text NOT NULL
  )`,
  'CREATE INDEX audit_log_occurred ON audit_log (occurred_at)',
  'CREATE INDEX audit_log_action ON audit_log (action, id)',
  'CREATE INDEX audit_log_actor ON audit_log (actor_username, id)',
  'CREATE INDEX audit_log_target ON audit_log (target_type, target_id, id)',
  // The trail is append-only for everyone who connects as the application: any UPDATE,
  // DELETE or TRUNCATE raises. Only someone who can drop the trigger can alter rows,
  // and the hash chain makes that visible to `audit:verify`.
  `CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
  END
  $$`,
  `CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`,
  `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`,
  `CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`,
  `CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}
