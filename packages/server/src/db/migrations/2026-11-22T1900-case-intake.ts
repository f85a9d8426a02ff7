import { type Kysely, sql } from 'kysely';

/** Persons, cases, parties, consents, screening, referrals (minimal, for need-to-know), idempotency. */
const statements = [
  'CREATE EXTENSION IF NOT EXISTS pg_trgm',
  `CREATE TABLE persons (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name_latin text,
    name_arabic text,
    aliases text[] NOT NULL DEFAULT '{}',
    search_text text NOT NULL DEFAULT '',
    sex text NOT NULL DEFAULT 'unknown',
    date_of_birth date,
    estimated_birth_year integer,
    nationality char(2),
    languages text[] NOT NULL DEFAULT '{}',
    interpreter_needed boolean NOT NULL DEFAULT false,
    work_permit_type text NOT NULL DEFAULT 'unknown',
    vulnerabilities text[] NOT NULL DEFAULT '{}',
    phone_enc text,
    phone_bidx text,
    version integer NOT NULL DEFAULT 1,
    created_by uuid REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT persons_has_name CHECK (coalesce(name_latin, name_arabic) IS NOT NULL)
  )`,
  'CREATE INDEX persons_search_trgm ON persons USING gin (search_text gin_trgm_ops)',
  'CREATE INDEX persons_phone_bidx ON persons (phone_bidx) WHERE phone_bidx IS NOT NULL',
  `CREATE TABLE person_name_keys (
    person_id uuid NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    key text NOT NULL,
    PRIMARY KEY (key, person_id)
  )`,
  `CREATE TABLE identity_documents (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    person_id uuid NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    type text NOT NULL,
    number_enc text NOT NULL,
    number_bidx text NOT NULL,
    issuing_country char(2),
    holder text NOT NULL DEFAULT 'unknown',
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  'CREATE INDEX identity_documents_person ON identity_documents (person_id)',
  'CREATE INDEX identity_documents_bidx ON identity_documents (number_bidx)',
  `CREATE TABLE case_reference_counters (
    year integer PRIMARY KEY,
    last_value integer NOT NULL
  )`,
  `CREATE TABLE cases (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    reference text NOT NULL UNIQUE,
    person_id uuid NOT NULL REFERENCES persons(id),
    intake_kind text NOT NULL,
    channel text NOT NULL,
    referred_by_organisation_id uuid REFERENCES organisations(id),
    referred_by_name text,
    received_at timestamptz NOT NULL,
    languages text[] NOT NULL DEFAULT '{}',
    interpreter_used boolean NOT NULL DEFAULT false,
    category text,
    subtype text,
    risk text NOT NULL DEFAULT 'medium',
    stage text NOT NULL DEFAULT 'received',
    assigned_to uuid REFERENCES users(id),
    narrative_enc text,
    reported_indicators text[] NOT NULL DEFAULT '{}',
    duplicate_check text NOT NULL DEFAULT 'pending',
    version integer NOT NULL DEFAULT 1,
    created_by uuid REFERENCES users(id),
    created_by_organisation_id uuid REFERENCES organisations(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  'CREATE INDEX cases_received ON cases (received_at DESC, id DESC)',
  'CREATE INDEX cases_stage ON cases (stage, received_at DESC, id DESC)',
  'CREATE INDEX cases_category ON cases (category, received_at DESC, id DESC)',
  'CREATE INDEX cases_risk ON cases (risk, received_at DESC, id DESC)',
  'CREATE INDEX cases_assigned ON cases (assigned_to, received_at DESC, id DESC)',
  'CREATE INDEX cases_person ON cases (person_id)',
  'CREATE INDEX cases_created_by ON cases (created_by, received_at DESC)',
  `CREATE TABLE parties (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    kind text NOT NULL,
    name text NOT NULL,
    name_ar text,
    country char(2),
    registration_number text,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  'CREATE INDEX parties_name_trgm ON parties USING gin (lower(name) gin_trgm_ops)',
  `CREATE TABLE case_parties (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    party_id uuid NOT NULL REFERENCES parties(id),
    role text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (case_id, party_id, role)
  )`,
  'CREATE INDEX case_parties_party ON case_parties (party_id)',
  `CREATE TABLE consents (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    purpose text NOT NULL,
    organisation_id uuid REFERENCES organisations(id),
    organisation_kind text,
    status text NOT NULL,
    method text NOT NULL,
    given_by text NOT NULL DEFAULT 'person',
    guardian_name text,
    recorded_by uuid REFERENCES users(id),
    recorded_at timestamptz NOT NULL DEFAULT now()
  )`,
  'CREATE INDEX consents_case ON consents (case_id, purpose, recorded_at DESC)',
  `CREATE TABLE screening_questionnaires (
    version integer PRIMARY KEY,
    definition jsonb NOT NULL,
    scoring_rules jsonb NOT NULL,
    published_by uuid REFERENCES users(id),
    published_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE screenings (
    case_id uuid PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
    questionnaire_version integer NOT NULL REFERENCES screening_questionnaires(version),
    answers_enc text NOT NULL,
    suggestion jsonb NOT NULL,
    confirmed_category text,
    confirmed_subtype text,
    confirmed_risk text,
    override_reason_enc text,
    confirmed_by uuid REFERENCES users(id),
    confirmed_at timestamptz,
    updated_by uuid REFERENCES users(id),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  // Referrals arrive with the SOP issue; this much decides need-to-know for agencies now.
  `CREATE TABLE referrals (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    organisation_id uuid NOT NULL REFERENCES organisations(id),
    shared_sections text[] NOT NULL DEFAULT '{}',
    status text NOT NULL DEFAULT 'sent',
    created_by uuid REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  'CREATE INDEX referrals_org_case ON referrals (organisation_id, case_id)',
  'CREATE INDEX referrals_case ON referrals (case_id)',
  `CREATE TABLE idempotency_keys (
    user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    key text NOT NULL,
    route text NOT NULL,
    status_code integer NOT NULL,
    response jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, key)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}
