/**
 * `npm run db:types`: generates src/db/database.generated.ts, the Kysely row types, from the
 * migrated schema. It migrates a throw-away in-memory PGlite database (no server needed) and
 * introspects it with kysely-codegen. Enum-like text columns get the domain's unions and JSON
 * columns their shapes (the overrides below), so rows need no `as` casts.
 * `--check` (`npm run db:types:check`, run by `npm test`) regenerates in memory and fails when
 * the checked-in file differs: a migration without regenerated types.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generate, PostgresDialect } from 'kysely-codegen';
import { createDb } from '../src/db/create-db.js';
import { migrateToLatest } from '../src/db/migrate.js';

const outFile = fileURLToPath(new URL('../src/db/database.generated.ts', import.meta.url));
const check = process.argv.includes('--check');

/** Named imports from the domain used by the overrides. */
const DOMAIN_TYPES = [
  'AuditAction',
  'AuditOutcome',
  'CaseCategory',
  'CaseSection',
  'CaseStage',
  'CaseState',
  'CaseSubtype',
  'ConsentMethod',
  'ConsentPurpose',
  'ConsentStatus',
  'DocumentHolder',
  'DocumentType',
  'DocumentVersion',
  'DossierState',
  'DuplicateCheck',
  'IdentityDocumentType',
  'IntakeChannel',
  'IntakeKind',
  'Locale',
  'LocalizedText',
  'NotificationKind',
  'OrganisationKind',
  'PartyKind',
  'PartyRole',
  'Questionnaire',
  'ReferralPurpose',
  'ReferralStatus',
  'RiskLevel',
  'Role',
  'ScoringRules',
  'ScreeningSuggestion',
  'SessionStage',
  'Sex',
  'SopDocument',
  'TaskStatus',
  'Upload',
  'Vulnerability',
  'WorkPermitType',
];

/**
 * Column types the database cannot tell: a text column holding a domain enum, a JSON column's
 * shape (read as the value, written as its JSON text), a column never updated.
 */
const columns: Record<string, string> = {
  // The audit trail is append-only: an entry's what, when, outcome and details, and a signed
  // checkpoint, are never updated (the sequencer sets only position and hashes).
  'audit_checkpoints.head_hash': 'ColumnType<string, string, never>',
  'audit_checkpoints.key_id': 'ColumnType<string, string, never>',
  'audit_checkpoints.signature': 'ColumnType<string, string, never>',
  'audit_checkpoints.signed_at': 'ColumnType<Date, Date, never>',
  'audit_checkpoints.size': 'ColumnType<string, string | number, never>',
  'audit_log.action': 'ColumnType<AuditAction, AuditAction, never>',
  'audit_log.details': 'ColumnType<Record<string, unknown>, string, never>',
  'audit_log.id': 'ColumnType<string, string | number | undefined, never>',
  'audit_log.occurred_at': 'ColumnType<Date, Date, never>',
  'audit_log.outcome': 'ColumnType<AuditOutcome, AuditOutcome, never>',
  'audit_log.recorded_at': 'ColumnType<Date, Date | undefined, never>',
  'case_parties.role': 'PartyRole',
  'case_workflows.closure': 'Generated<ColumnType<unknown, string, string>>',
  'case_workflows.stage_history': 'Generated<ColumnType<unknown, string, string>>',
  'case_workflows.state': 'JSONColumnType<CaseState>',
  'cases.category': 'CaseCategory | null',
  'cases.channel': 'IntakeChannel',
  'cases.duplicate_check': 'Generated<DuplicateCheck>',
  'cases.intake_kind': 'IntakeKind',
  'cases.risk': 'Generated<RiskLevel>',
  'cases.stage': 'Generated<CaseStage>',
  'cases.subtype': 'CaseSubtype | null',
  'consents.given_by': "Generated<'person' | 'guardian'>",
  'consents.method': 'ConsentMethod',
  'consents.organisation_kind': 'OrganisationKind | null',
  'consents.purpose': 'ConsentPurpose',
  'consents.status': 'ConsentStatus',
  'document_versions.scan': "Generated<DocumentVersion['scan']>",
  'documents.type': 'DocumentType',
  'dossier_exports.locale': 'Locale',
  'dossier_exports.state': 'Generated<DossierState>',
  'follow_up_contacts.risk_after': 'RiskLevel | null',
  'identity_documents.holder': 'Generated<DocumentHolder>',
  'identity_documents.type': 'IdentityDocumentType',
  'notification_preferences.email_kinds': 'NotificationKind[]',
  'notifications.email_status': "Generated<'none' | 'pending' | 'digest' | 'sent' | 'failed' | 'skipped'>",
  'notifications.kind': 'NotificationKind',
  'notifications.subject': 'Generated<JSONColumnType<Record<string, string>>>',
  'organisations.kind': 'OrganisationKind',
  'parties.kind': 'PartyKind',
  'persons.sex': 'Generated<Sex>',
  'persons.vulnerabilities': 'Generated<Vulnerability[]>',
  'persons.work_permit_type': 'Generated<WorkPermitType>',
  'referrals.onward_kind': 'OrganisationKind | null',
  'referrals.purpose': 'Generated<ReferralPurpose>',
  'referrals.shared_sections': 'Generated<CaseSection[]>',
  'referrals.status': 'Generated<ReferralStatus>',
  'screening_questionnaires.definition': 'JSONColumnType<Questionnaire, string, never>',
  'screening_questionnaires.scoring_rules': 'JSONColumnType<ScoringRules, string, never>',
  'screenings.confirmed_category': 'CaseCategory | null',
  'screenings.confirmed_risk': 'RiskLevel | null',
  'screenings.confirmed_subtype': 'CaseSubtype | null',
  'screenings.suggestion': 'JSONColumnType<ScreeningSuggestion>',
  'sessions.stage': 'SessionStage',
  'sop_versions.category': 'CaseCategory',
  'sop_versions.document': 'JSONColumnType<SopDocument, string, never>',
  'tasks.evidence': 'JSONColumnType<LocalizedText | null, string | null, string | null>',
  'tasks.owner_kind': 'OrganisationKind | null',
  'tasks.owner_role': 'Role | null',
  'tasks.stage': 'CaseStage | null',
  'tasks.status': 'Generated<TaskStatus>',
  'tasks.title': 'JSONColumnType<LocalizedText>',
  'uploads.state': "Generated<Upload['state']>",
  'users.locale': 'Generated<Locale>',
  'users.role': 'Role',
};

const handle = await createDb({});
let output: string;
try {
  await migrateToLatest(handle.db);
  output = await generate({
    db: handle.db,
    dialect: new PostgresDialect({ dateParser: 'string', numericParser: 'string' }),
    excludePattern: 'kysely_*',
    outFile: null,
    customImports: Object.fromEntries(DOMAIN_TYPES.map((name) => [name, `@opennrm/domain#${name}`])),
    overrides: { columns },
  });
} finally {
  await handle.close();
}

// The same formatting as the rest of the tree, so `biome check` passes on the generated file.
const biome = fileURLToPath(new URL('../../../node_modules/.bin/biome', import.meta.url));
const formatted = execFileSync(biome, ['format', `--stdin-file-path=${outFile}`], {
  input: output,
}).toString();

if (check) {
  const current = readFileSync(outFile, 'utf8');
  if (current !== formatted) {
    console.error(
      'src/db/database.generated.ts is not the migrated schema: run `npm run db:types` and commit the result.',
    );
    process.exit(1);
  }
  console.log('db:types: src/db/database.generated.ts matches the migrations');
} else {
  writeFileSync(outFile, formatted);
  console.log('db:types: wrote src/db/database.generated.ts');
}
