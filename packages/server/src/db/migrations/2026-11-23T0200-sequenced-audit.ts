import { type Kysely, sql } from 'kysely';

/**
 * Issue #11 (docs/decisions/0009): requests insert audit rows without the global chain lock;
 * a sequencer gives them their chain `position` and hash later, in batches.
 *
 * - `id` becomes the insertion id (a sequence; gaps where a transaction rolled back).
 * - `position` is the place in the hash chain, contiguous from 1; it is what the hash covers
 *   (as the `id` of the hashed content), so every existing row keeps its hash: position = id.
 * - `position`, `prev_hash` and `hash` are NULL until the row is sequenced; `recorded_at`
 *   (the database's clock at insert) measures how long a row waits.
 * - The update guard lets exactly one change through: a row without a position getting one,
 *   with its hashes, and nothing else altered. Everything else is refused as before.
 * - `audit_checkpoints`: signed (Ed25519) size + head hash + time, append-only too.
 */
const statements = [
  'ALTER TABLE audit_log ADD COLUMN position bigint',
  'ALTER TABLE audit_log ADD COLUMN recorded_at timestamptz',
  // The existing rows are already chained: their position is their id. The guard is off
  // for this one statement (the migration runs as the tables' owner).
  'ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete',
  'UPDATE audit_log SET position = id, recorded_at = occurred_at',
  'ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete',
  'ALTER TABLE audit_log ALTER COLUMN recorded_at SET NOT NULL',
  'ALTER TABLE audit_log ALTER COLUMN recorded_at SET DEFAULT statement_timestamp()',
  'ALTER TABLE audit_log ALTER COLUMN prev_hash DROP NOT NULL',
  'ALTER TABLE audit_log ALTER COLUMN hash DROP NOT NULL',
  `ALTER TABLE audit_log ADD CONSTRAINT audit_log_sequenced_whole
    CHECK ((position IS NULL) = (hash IS NULL) AND (position IS NULL) = (prev_hash IS NULL))`,
  'CREATE SEQUENCE audit_log_id_seq OWNED BY audit_log.id',
  "SELECT setval('audit_log_id_seq', COALESCE((SELECT max(id) FROM audit_log), 0) + 1, false)",
  "ALTER TABLE audit_log ALTER COLUMN id SET DEFAULT nextval('audit_log_id_seq')",
  'CREATE UNIQUE INDEX audit_log_position ON audit_log (position)',
  'CREATE INDEX audit_log_unsequenced ON audit_log (id) WHERE position IS NULL',
  `CREATE FUNCTION audit_log_guard_update() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF OLD.position IS NULL AND NEW.position IS NOT NULL
       AND (to_jsonb(NEW) - 'position' - 'prev_hash' - 'hash')
         = (to_jsonb(OLD) - 'position' - 'prev_hash' - 'hash') THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
  END
  $$`,
  'DROP TRIGGER audit_log_no_update_delete ON audit_log',
  `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`,
  `CREATE TRIGGER audit_log_sequence_only BEFORE UPDATE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_guard_update()`,
  `CREATE TABLE audit_checkpoints (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    size bigint NOT NULL CHECK (size >= 0),
    head_hash text NOT NULL,
    signed_at timestamptz NOT NULL,
    key_id text NOT NULL,
    signature text NOT NULL
  )`,
  'CREATE INDEX audit_checkpoints_size ON audit_checkpoints (size)',
  `CREATE TRIGGER audit_checkpoints_no_update_delete BEFORE UPDATE OR DELETE ON audit_checkpoints
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`,
  `CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}
