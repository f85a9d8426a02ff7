import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface OrganisationsTable {
  id: Generated<string>;
  name: string;
  name_ar: string | null;
  kind: string;
  country_code: string | null;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface UsersTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  role: string;
  organisation_id: string;
  password_hash: string;
  must_change_password: Generated<boolean>;
  active: Generated<boolean>;
  locale: Generated<string>;
  /** Where notification emails go; null: in-app only. */
  email: ColumnType<string | null, string | null | undefined, string | null>;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_last_step: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  last_login_at: Timestamp | null;
  password_changed_at: Timestamp;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface RecoveryCodesTable {
  id: Generated<string>;
  user_id: string;
  code_hash: string;
  used_at: Timestamp | null;
}

export interface SessionsTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  stage: string;
  csrf_token: string;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_started_at: Timestamp;
  locked_until: Timestamp | null;
}

export interface AuditLogTable {
  /** Insertion order (a sequence: gaps where a transaction rolled back). */
  id: ColumnType<string, string | number | undefined, never>;
  /** Place in the hash chain, contiguous from 1; null until the sequencer reaches the row. */
  position: ColumnType<string | null, string | number | null | undefined, string | number>;
  /** The database's clock when the row was inserted: how long it waited to be sequenced. */
  recorded_at: ColumnType<Date, Date | undefined, never>;
  occurred_at: ColumnType<Date, Date, never>;
  actor_user_id: string | null;
  actor_username: string | null;
  actor_organisation_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: string;
  request_id: string | null;
  ip: string | null;
  details: ColumnType<Record<string, unknown>, string, never>;
  prev_hash: ColumnType<string | null, string | null | undefined, string>;
  hash: ColumnType<string | null, string | null | undefined, string>;
}

/** Signed (Ed25519) statements of the chain's size and head hash at a time (docs/decisions/0009). */
export interface AuditCheckpointsTable {
  id: Generated<string>;
  size: ColumnType<string, string | number, never>;
  head_hash: ColumnType<string, string, never>;
  signed_at: ColumnType<Date, Date, never>;
  key_id: ColumnType<string, string, never>;
  signature: ColumnType<string, string, never>;
}

/** Known ciphertexts under the installation's keys, checked at every start (src/lib/key-check.ts). */
export interface KeyCheckTable {
  id: Generated<number>;
  /** A known text encrypted with the field keys (`v1:<key id>:...`). */
  field_check: string;
  /** The blind index of the same text. */
  blind_index_check: string;
  /** A file key wrapped by the file master keys (`fk1:<key id>:...`). */
  file_check: string;
  created_at: Generated<Date>;
}

export interface AuditHeadTable {
  singleton: Generated<boolean>;
  last_id: ColumnType<string, string, string>;
  last_hash: string;
}

export interface PersonsTable {
  id: Generated<string>;
  name_latin: string | null;
  name_arabic: string | null;
  aliases: ColumnType<string[], string[] | undefined, string[]>;
  search_text: ColumnType<string, string | undefined, string>;
  sex: ColumnType<string, string | undefined, string>;
  date_of_birth: ColumnType<string | null, string | null | undefined, string | null>;
  estimated_birth_year: number | null;
  nationality: string | null;
  languages: ColumnType<string[], string[] | undefined, string[]>;
  interpreter_needed: ColumnType<boolean, boolean | undefined, boolean>;
  work_permit_type: ColumnType<string, string | undefined, string>;
  vulnerabilities: ColumnType<string[], string[] | undefined, string[]>;
  phone_enc: string | null;
  phone_bidx: string | null;
  version: ColumnType<number, number | undefined, number>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface PersonNameKeysTable {
  person_id: string;
  key: string;
}

export interface IdentityDocumentsTable {
  id: Generated<string>;
  person_id: string;
  type: string;
  number_enc: string;
  number_bidx: string;
  issuing_country: string | null;
  holder: ColumnType<string, string | undefined, string>;
  created_at: CreatedAt;
}

export interface CaseReferenceCountersTable {
  year: number;
  last_value: number;
}

export interface CasesTable {
  id: Generated<string>;
  reference: string;
  person_id: string;
  intake_kind: string;
  channel: string;
  referred_by_organisation_id: string | null;
  referred_by_name: string | null;
  received_at: Timestamp;
  languages: ColumnType<string[], string[] | undefined, string[]>;
  interpreter_used: ColumnType<boolean, boolean | undefined, boolean>;
  category: string | null;
  subtype: string | null;
  risk: ColumnType<string, string | undefined, string>;
  stage: ColumnType<string, string | undefined, string>;
  assigned_to: string | null;
  narrative_enc: string | null;
  reported_indicators: ColumnType<string[], string[] | undefined, string[]>;
  duplicate_check: ColumnType<string, string | undefined, string>;
  version: ColumnType<number, number | undefined, number>;
  created_by: string | null;
  created_by_organisation_id: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface PartiesTable {
  id: Generated<string>;
  kind: string;
  name: string;
  name_ar: string | null;
  country: string | null;
  registration_number: string | null;
  created_at: CreatedAt;
}

export interface CasePartiesTable {
  id: Generated<string>;
  case_id: string;
  party_id: string;
  role: string;
  created_at: CreatedAt;
}

export interface ConsentsTable {
  id: Generated<string>;
  case_id: string;
  purpose: string;
  organisation_id: string | null;
  organisation_kind: string | null;
  status: string;
  method: string;
  given_by: ColumnType<string, string | undefined, string>;
  guardian_name: string | null;
  recorded_by: string | null;
  recorded_at: Timestamp;
}

export interface ScreeningQuestionnairesTable {
  version: number;
  definition: ColumnType<unknown, string, never>;
  scoring_rules: ColumnType<unknown, string, never>;
  published_by: string | null;
  published_at: Timestamp;
}

export interface ScreeningsTable {
  case_id: string;
  questionnaire_version: number;
  answers_enc: string;
  suggestion: ColumnType<unknown, string, string>;
  confirmed_category: string | null;
  confirmed_subtype: string | null;
  confirmed_risk: string | null;
  override_reason_enc: string | null;
  confirmed_by: string | null;
  confirmed_at: Timestamp | null;
  updated_by: string | null;
  updated_at: Timestamp;
  version: ColumnType<number, number | undefined, number>;
}

export interface ReferralsTable {
  id: Generated<string>;
  case_id: string;
  organisation_id: string;
  shared_sections: ColumnType<string[], string[] | undefined, string[]>;
  status: ColumnType<string, string | undefined, string>;
  created_by: string | null;
  created_at: CreatedAt;
  purpose: ColumnType<string, string | undefined, string>;
  message_enc: string | null;
  acknowledge_by: Timestamp | null;
  complete_by: Timestamp | null;
  acknowledged_at: Timestamp | null;
  accepted_at: Timestamp | null;
  started_at: Timestamp | null;
  completed_at: Timestamp | null;
  declined_at: Timestamp | null;
  revoked_at: Timestamp | null;
  reason_enc: string | null;
  outcome_enc: string | null;
  consent_override_reason_enc: string | null;
  onward_requested_at: Timestamp | null;
  onward_kind: string | null;
  onward_message_enc: string | null;
  overdue_at: Timestamp | null;
  escalated_at: Timestamp | null;
  version: ColumnType<number, number | undefined, number>;
  updated_at: Timestamp;
}

export interface SopVersionsTable {
  sop_id: string;
  version: number;
  category: string;
  document: ColumnType<unknown, string, never>;
  published_by: string | null;
  published_at: Timestamp;
}

export interface CalendarSettingsTable {
  id: ColumnType<number, number | undefined, never>;
  weekend_days: ColumnType<number[], number[] | undefined, number[]>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface PublicHolidaysTable {
  day: ColumnType<string, string, string>;
  name: string;
}

export interface CaseWorkflowsTable {
  case_id: string;
  sop_id: string;
  sop_version: number;
  state: ColumnType<unknown, string, string>;
  stage_history: ColumnType<unknown, string | undefined, string>;
  closure: ColumnType<unknown, string | undefined, string>;
  version: ColumnType<number, number | undefined, number>;
  updated_at: Timestamp;
}

export interface TasksTable {
  id: Generated<string>;
  case_id: string;
  key: string;
  sop_task_id: string | null;
  stage: string | null;
  title: ColumnType<unknown, string, string>;
  evidence: ColumnType<unknown, string | null, string | null>;
  mandatory: ColumnType<boolean, boolean | undefined, boolean>;
  status: ColumnType<string, string | undefined, string>;
  owner_organisation_id: string | null;
  owner_role: string | null;
  owner_kind: string | null;
  assignee_id: string | null;
  referral_id: string | null;
  due_at: Timestamp | null;
  overdue_at: Timestamp | null;
  escalated_at: Timestamp | null;
  note_enc: string | null;
  completed_by: string | null;
  completed_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
  version: ColumnType<number, number | undefined, number>;
}

export interface FollowUpContactsTable {
  case_id: string;
  idx: number;
  due_at: Timestamp;
  reached: boolean | null;
  situation_enc: string | null;
  risk_after: string | null;
  recorded_by: string | null;
  recorded_at: Timestamp | null;
  notified_at: Timestamp | null;
}

export interface NotificationsTable {
  id: Generated<string>;
  user_id: string;
  kind: string;
  case_id: string | null;
  subject: ColumnType<Record<string, string>, string | undefined, string>;
  link: string;
  dedupe_key: string | null;
  created_at: Timestamp;
  read_at: Timestamp | null;
  email_status: ColumnType<string, string | undefined, string>;
  email_attempts: ColumnType<number, number | undefined, number>;
  emailed_at: Timestamp | null;
}

export interface NotificationPreferencesTable {
  user_id: string;
  email_kinds: ColumnType<string[], string[], string[]>;
  daily_digest: ColumnType<boolean, boolean | undefined, boolean>;
  last_digest_on: ColumnType<string | null, string | null | undefined, string | null>;
}

/** One Idempotency-Key per user: a keyed hash of the request and what it created, never the answer. */
export interface IdempotencyKeysTable {
  user_id: string;
  key: string;
  route: string;
  /** HMAC-SHA-256 (the blind-index key) of method, route, user and the canonical body. */
  request_hash: string;
  resource_type: string;
  resource_id: string;
  status_code: number;
  created_at: CreatedAt;
}

export interface DocumentsTable {
  id: Generated<string>;
  case_id: string;
  type: string;
  title_enc: string;
  document_date: ColumnType<string | null, string | null | undefined, string | null>;
  language: string | null;
  referral_id: string | null;
  task_id: string | null;
  shared_with: ColumnType<string[], string[] | undefined, string[]>;
  current_version: ColumnType<number, number | undefined, number>;
  deleted_at: Timestamp | null;
  deleted_by: string | null;
  delete_reason_enc: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: ColumnType<number, number | undefined, number>;
}

export interface DocumentVersionsTable {
  document_id: string;
  version: number;
  storage_prefix: string;
  parts: number;
  wrapped_key: string;
  size_bytes: ColumnType<string, number | string, number | string>;
  sha256: string;
  content_type: string;
  file_name_enc: string;
  metadata_stripped: ColumnType<boolean, boolean | undefined, boolean>;
  scan: ColumnType<string, string | undefined, string>;
  uploaded_by: string | null;
  uploaded_at: Timestamp;
}

export interface UploadsTable {
  id: Generated<string>;
  case_id: string;
  user_id: string;
  document_id: string | null;
  metadata_enc: string | null;
  file_name_enc: string;
  declared_type: string | null;
  size_bytes: ColumnType<string, number | string, number | string>;
  chunk_size: number;
  received_bytes: ColumnType<string, number | string | undefined, number | string>;
  next_chunk: ColumnType<number, number | undefined, number>;
  wrapped_key: string;
  state: ColumnType<string, string | undefined, string>;
  created_at: Timestamp;
  updated_at: Timestamp;
  expires_at: Timestamp;
}

export interface DossierExportsTable {
  id: Generated<string>;
  case_id: string;
  user_id: string;
  locale: string;
  state: ColumnType<string, string | undefined, string>;
  progress: ColumnType<number, number | undefined, number>;
  total: ColumnType<number, number | undefined, number>;
  storage_key: string | null;
  wrapped_key: string | null;
  size_bytes: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  error_code: string | null;
  created_at: Timestamp;
  finished_at: Timestamp | null;
  expires_at: Timestamp | null;
}

export interface DB {
  dossier_exports: DossierExportsTable;
  documents: DocumentsTable;
  document_versions: DocumentVersionsTable;
  uploads: UploadsTable;
  audit_head: AuditHeadTable;
  audit_checkpoints: AuditCheckpointsTable;
  key_check: KeyCheckTable;
  persons: PersonsTable;
  person_name_keys: PersonNameKeysTable;
  identity_documents: IdentityDocumentsTable;
  case_reference_counters: CaseReferenceCountersTable;
  cases: CasesTable;
  parties: PartiesTable;
  case_parties: CasePartiesTable;
  consents: ConsentsTable;
  screening_questionnaires: ScreeningQuestionnairesTable;
  screenings: ScreeningsTable;
  referrals: ReferralsTable;
  sop_versions: SopVersionsTable;
  calendar_settings: CalendarSettingsTable;
  public_holidays: PublicHolidaysTable;
  case_workflows: CaseWorkflowsTable;
  tasks: TasksTable;
  follow_up_contacts: FollowUpContactsTable;
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  idempotency_keys: IdempotencyKeysTable;
  organisations: OrganisationsTable;
  users: UsersTable;
  recovery_codes: RecoveryCodesTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  audit_log: AuditLogTable;
}

export type OrganisationRow = Selectable<OrganisationsTable>;
export type NewOrganisation = Insertable<OrganisationsTable>;
export type OrganisationPatch = Updateable<OrganisationsTable>;
export type UserRow = Selectable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type AuditRow = Selectable<AuditLogTable>;
