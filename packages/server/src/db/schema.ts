/**
 * The database's row types. They are generated from the migrations: change a migration, then
 * run `npm run db:types` (it writes database.generated.ts; `npm test` checks it is current).
 * This module keeps the names the code imports: `DB`, `<Table>Table` and a few row types.
 */
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { AuditLog, DB, Organisations, Sessions, Users } from './database.generated.js';

export type {
  AuditCheckpoints as AuditCheckpointsTable,
  AuditHead as AuditHeadTable,
  AuditLog as AuditLogTable,
  CalendarSettings as CalendarSettingsTable,
  CaseParties as CasePartiesTable,
  CaseReferenceCounters as CaseReferenceCountersTable,
  Cases as CasesTable,
  CaseWorkflows as CaseWorkflowsTable,
  Consents as ConsentsTable,
  DB,
  Documents as DocumentsTable,
  DocumentVersions as DocumentVersionsTable,
  DossierExports as DossierExportsTable,
  FollowUpContacts as FollowUpContactsTable,
  IdempotencyKeys as IdempotencyKeysTable,
  IdentityDocuments as IdentityDocumentsTable,
  KeyCheck as KeyCheckTable,
  LoginThrottle as LoginThrottleTable,
  NotificationPreferences as NotificationPreferencesTable,
  Notifications as NotificationsTable,
  Organisations as OrganisationsTable,
  Parties as PartiesTable,
  PersonNameKeys as PersonNameKeysTable,
  Persons as PersonsTable,
  PublicHolidays as PublicHolidaysTable,
  RecoveryCodes as RecoveryCodesTable,
  Referrals as ReferralsTable,
  ScreeningQuestionnaires as ScreeningQuestionnairesTable,
  Screenings as ScreeningsTable,
  Sessions as SessionsTable,
  SopVersions as SopVersionsTable,
  Tasks as TasksTable,
  Uploads as UploadsTable,
  Users as UsersTable,
} from './database.generated.js';

/** A table's row as read, e.g. `Row<'cases'>`. */
export type Row<T extends keyof DB> = Selectable<DB[T]>;

export type OrganisationRow = Selectable<Organisations>;
export type NewOrganisation = Insertable<Organisations>;
export type OrganisationPatch = Updateable<Organisations>;
export type UserRow = Selectable<Users>;
export type SessionRow = Selectable<Sessions>;
export type AuditRow = Selectable<AuditLog>;
