import { type Insertable, type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';

/** The SQL of the synthetic demo cases (synthetic-writer.ts, synthetic-cases.ts): batched inserts and their context. */

type Db = Kysely<DB> | Transaction<DB>;

/** Column types for `json_to_recordset`: one JSON parameter per table and batch. */
const COLUMNS = {
  persons: {
    id: 'uuid',
    name_latin: 'text',
    name_arabic: 'text',
    aliases: 'text[]',
    search_text: 'text',
    sex: 'text',
    date_of_birth: 'date',
    estimated_birth_year: 'integer',
    nationality: 'text',
    languages: 'text[]',
    interpreter_needed: 'boolean',
    work_permit_type: 'text',
    vulnerabilities: 'text[]',
    phone_enc: 'text',
    phone_bidx: 'text',
    created_by: 'uuid',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
  },
  person_name_keys: { person_id: 'uuid', key: 'text' },
  identity_documents: {
    id: 'uuid',
    person_id: 'uuid',
    type: 'text',
    number_enc: 'text',
    number_bidx: 'text',
    issuing_country: 'text',
    holder: 'text',
    created_at: 'timestamptz',
  },
  cases: {
    id: 'uuid',
    reference: 'text',
    person_id: 'uuid',
    intake_kind: 'text',
    channel: 'text',
    referred_by_organisation_id: 'uuid',
    referred_by_name: 'text',
    received_at: 'timestamptz',
    languages: 'text[]',
    interpreter_used: 'boolean',
    category: 'text',
    subtype: 'text',
    risk: 'text',
    stage: 'text',
    assigned_to: 'uuid',
    narrative_enc: 'text',
    reported_indicators: 'text[]',
    duplicate_check: 'text',
    created_by: 'uuid',
    created_by_organisation_id: 'uuid',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
  },
  case_parties: { id: 'uuid', case_id: 'uuid', party_id: 'uuid', role: 'text', created_at: 'timestamptz' },
  consents: {
    id: 'uuid',
    case_id: 'uuid',
    purpose: 'text',
    organisation_id: 'uuid',
    organisation_kind: 'text',
    status: 'text',
    method: 'text',
    given_by: 'text',
    guardian_name: 'text',
    recorded_by: 'uuid',
    recorded_at: 'timestamptz',
  },
  referrals: {
    id: 'uuid',
    case_id: 'uuid',
    organisation_id: 'uuid',
    shared_sections: 'text[]',
    status: 'text',
    created_by: 'uuid',
    created_at: 'timestamptz',
  },
} as const satisfies { [T in keyof DB]?: { [C in keyof DB[T]]?: string } };

/** Inserts a batch of rows of one table as one JSON parameter. */
export async function insertJson(
  trx: Transaction<DB>,
  table: keyof typeof COLUMNS,
  rows: readonly Record<string, unknown>[],
) {
  if (rows.length === 0) return;
  const columns = Object.entries(COLUMNS[table]);
  const names = sql.join(columns.map(([c]) => sql.ref(c)));
  const defs = sql.raw(columns.map(([c, t]) => `${c} ${t}`).join(', '));
  await sql`INSERT INTO ${sql.table(table)} (${names})
    SELECT ${names} FROM json_to_recordset(${JSON.stringify(rows)}::json) AS x(${defs})`.execute(trx);
}

/** For this transaction only: commit without waiting for the WAL flush (synthetic data may be lost in a crash). */
export async function relaxCommit(trx: Transaction<DB>): Promise<void> {
  await sql`SELECT set_config('synchronous_commit', 'off', true)`.execute(trx);
}

/**
 * Reserves `n` case references per year: returns each year's new last value. The counter rows
 * stay locked until commit, so concurrent intakes wait and nothing is skipped or repeated.
 */
export async function reserveReferences(
  trx: Transaction<DB>,
  perYear: ReadonlyMap<number, number>,
): Promise<{ year: number; last_value: number }[]> {
  const reserved = await sql<{ year: number; last_value: number }>`
    INSERT INTO case_reference_counters (year, last_value)
    SELECT year, last_value FROM json_to_recordset(${JSON.stringify([...perYear].map(([year, n]) => ({ year, last_value: n })))}::json)
      AS x(year integer, last_value integer)
    ON CONFLICT (year) DO UPDATE SET last_value = case_reference_counters.last_value + excluded.last_value
    RETURNING year, last_value`.execute(trx);
  return reserved.rows;
}

export async function hasCases(db: Db): Promise<boolean> {
  return !!(await db.selectFrom('cases').select('id').limit(1).executeTakeFirst());
}

export function listOrganisationNames(db: Db) {
  return db.selectFrom('organisations').select(['id', 'name']).execute();
}

export function listActiveUsers(db: Db) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'organisation_id'])
    .where('active', '=', true)
    .execute();
}

export function findPartiesNamed(db: Db, names: readonly string[]) {
  return db.selectFrom('parties').select(['id', 'name']).where('name', 'in', names).execute();
}

export function insertParties(db: Db, rows: readonly Insertable<DB['parties']>[]) {
  return db.insertInto('parties').values(rows).returning(['id', 'name']).execute();
}
