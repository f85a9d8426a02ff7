import { type Kysely, sql } from 'kysely';

/**
 * Issue #4: SOP versions as data, each case's workflow (the engine's state plus its stage
 * history), tasks and referrals as queryable rows (inboxes, "my tasks", the overdue sweep),
 * follow-up contacts, notifications with their email delivery, and the business calendar.
 * Intake's `screened` stage becomes the lifecycle's `referral_assistance`.
 */
const statements = [
  `CREATE TABLE sop_versions (
    sop_id text NOT NULL,
    version integer NOT NULL,
    category text NOT NULL,
    document jsonb NOT NULL,
    published_by uuid REFERENCES users(id),
    published_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (sop_id, version)
  )`,
  `CREATE TABLE calendar_settings (
    id integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    weekend_days integer[] NOT NULL DEFAULT '{5,6}',
    updated_by uuid REFERENCES users(id),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE public_holidays (
    day date PRIMARY KEY,
    name text NOT NULL
  )`,
  `CREATE TABLE case_workflows (
    case_id uuid PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
    sop_id text NOT NULL,
    sop_version integer NOT NULL,
    state jsonb NOT NULL,
    stage_history jsonb NOT NULL DEFAULT '[]',
    closure jsonb NOT NULL DEFAULT '{}',
    version integer NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (sop_id, sop_version) REFERENCES sop_versions (sop_id, version)
  )`,
  `ALTER TABLE referrals
    ADD COLUMN purpose text NOT NULL DEFAULT 'other',
    ADD COLUMN message_enc text,
    ADD COLUMN acknowledge_by timestamptz,
    ADD COLUMN complete_by timestamptz,
    ADD COLUMN acknowledged_at timestamptz,
    ADD COLUMN accepted_at timestamptz,
    ADD COLUMN started_at timestamptz,
    ADD COLUMN completed_at timestamptz,
    ADD COLUMN declined_at timestamptz,
    ADD COLUMN revoked_at timestamptz,
    ADD COLUMN reason_enc text,
    ADD COLUMN outcome_enc text,
    ADD COLUMN consent_override_reason_enc text,
    ADD COLUMN onward_requested_at timestamptz,
    ADD COLUMN onward_kind text,
    ADD COLUMN onward_message_enc text,
    ADD COLUMN overdue_at timestamptz,
    ADD COLUMN escalated_at timestamptz,
    ADD COLUMN version integer NOT NULL DEFAULT 1,
    ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`,
  // The inbox: one organisation's referrals by box, newest first.
  'CREATE INDEX referrals_inbox ON referrals (organisation_id, status, created_at DESC, id DESC)',
  `CREATE INDEX referrals_due ON referrals (acknowledge_by)
    WHERE status = 'sent' AND overdue_at IS NULL`,
  `CREATE INDEX referrals_complete_due ON referrals (complete_by)
    WHERE status IN ('accepted', 'in_progress') AND overdue_at IS NULL`,
  `CREATE INDEX referrals_escalation ON referrals (overdue_at)
    WHERE overdue_at IS NOT NULL AND escalated_at IS NULL`,
  `CREATE TABLE tasks (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    key text NOT NULL,
    sop_task_id text,
    stage text,
    title jsonb NOT NULL,
    evidence jsonb,
    mandatory boolean NOT NULL DEFAULT false,
    status text NOT NULL DEFAULT 'open',
    owner_organisation_id uuid REFERENCES organisations(id),
    owner_role text,
    owner_kind text,
    assignee_id uuid REFERENCES users(id),
    referral_id uuid REFERENCES referrals(id),
    due_at timestamptz,
    overdue_at timestamptz,
    escalated_at timestamptz,
    note_enc text,
    completed_by uuid REFERENCES users(id),
    completed_at timestamptz,
    created_by uuid REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 1,
    UNIQUE (case_id, key)
  )`,
  // The sweep: open tasks past due not yet marked, and marked ones not yet escalated.
  `CREATE INDEX tasks_due ON tasks (due_at) WHERE status = 'open' AND overdue_at IS NULL AND due_at IS NOT NULL`,
  `CREATE INDEX tasks_escalation ON tasks (overdue_at) WHERE status = 'open' AND overdue_at IS NOT NULL AND escalated_at IS NULL`,
  'CREATE INDEX tasks_assignee ON tasks (assignee_id, status, due_at)',
  'CREATE INDEX tasks_owner_org ON tasks (owner_organisation_id, status, due_at)',
  'CREATE INDEX tasks_owner_role ON tasks (owner_role, status, due_at) WHERE assignee_id IS NULL',
  `CREATE TABLE follow_up_contacts (
    case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    idx integer NOT NULL,
    due_at timestamptz NOT NULL,
    reached boolean,
    situation_enc text,
    risk_after text,
    recorded_by uuid REFERENCES users(id),
    recorded_at timestamptz,
    notified_at timestamptz,
    PRIMARY KEY (case_id, idx)
  )`,
  `CREATE INDEX follow_ups_due ON follow_up_contacts (due_at) WHERE recorded_at IS NULL AND notified_at IS NULL`,
  `CREATE TABLE notifications (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind text NOT NULL,
    case_id uuid REFERENCES cases(id) ON DELETE CASCADE,
    subject jsonb NOT NULL DEFAULT '{}',
    link text NOT NULL,
    dedupe_key text,
    created_at timestamptz NOT NULL DEFAULT now(),
    read_at timestamptz,
    email_status text NOT NULL DEFAULT 'none',
    email_attempts integer NOT NULL DEFAULT 0,
    emailed_at timestamptz
  )`,
  'CREATE INDEX notifications_user ON notifications (user_id, created_at DESC, id DESC)',
  'CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL',
  `CREATE INDEX notifications_email ON notifications (created_at) WHERE email_status = 'pending'`,
  // One notification per (user, event): a sweep that runs twice cannot notify twice.
  'CREATE UNIQUE INDEX notifications_dedupe ON notifications (user_id, dedupe_key) WHERE dedupe_key IS NOT NULL',
  `CREATE TABLE notification_preferences (
    user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    email_kinds text[] NOT NULL,
    daily_digest boolean NOT NULL DEFAULT false,
    last_digest_on date
  )`,
  `UPDATE cases SET stage = 'referral_assistance' WHERE stage = 'screened'`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}
