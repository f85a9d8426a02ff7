import type { Kysely } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import * as foundation from './migrations/2026-11-22T1800-foundation.js';
import * as caseIntake from './migrations/2026-11-22T1900-case-intake.js';
import * as caseIndexes from './migrations/2026-11-22T2000-case-indexes.js';
import * as personBirthIndex from './migrations/2026-11-22T2100-person-birth-index.js';
import * as screeningVersion from './migrations/2026-11-22T2200-screening-version.js';
import * as sopWorkflow from './migrations/2026-11-22T2300-sop-workflow.js';
import * as userEmail from './migrations/2026-11-22T2310-user-email.js';
import * as inboxIndexes from './migrations/2026-11-22T2320-inbox-indexes.js';
import * as documents from './migrations/2026-11-22T2330-documents.js';
import * as dossierExports from './migrations/2026-11-22T2340-dossier-exports.js';
import * as idempotencyRequestHash from './migrations/2026-11-23T0100-idempotency-request-hash.js';
import * as sequencedAudit from './migrations/2026-11-23T0200-sequenced-audit.js';
import * as keyCheck from './migrations/2026-11-23T0300-key-check.js';
import * as followUpRounds from './migrations/2026-11-23T0400-follow-up-rounds.js';
import type { DB } from './schema.js';

/** Migrations are listed here rather than read from disk, so they ship inside any bundle. */
const migrations: Record<string, Migration> = {
  '2026-11-22T1800-foundation': foundation,
  '2026-11-22T1900-case-intake': caseIntake,
  '2026-11-22T2000-case-indexes': caseIndexes,
  '2026-11-22T2100-person-birth-index': personBirthIndex,
  '2026-11-22T2200-screening-version': screeningVersion,
  '2026-11-22T2300-sop-workflow': sopWorkflow,
  '2026-11-22T2310-user-email': userEmail,
  '2026-11-22T2320-inbox-indexes': inboxIndexes,
  '2026-11-22T2330-documents': documents,
  '2026-11-22T2340-dossier-exports': dossierExports,
  '2026-11-23T0100-idempotency-request-hash': idempotencyRequestHash,
  '2026-11-23T0200-sequenced-audit': sequencedAudit,
  '2026-11-23T0300-key-check': keyCheck,
  '2026-11-23T0400-follow-up-rounds': followUpRounds,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Kysely<DB>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Up to and including one migration: tests that check an upgrade from an older schema. */
export async function migrateTo(db: Kysely<DB>, name: string): Promise<void> {
  const { error } = await new Migrator({ db, provider }).migrateTo(name);
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
