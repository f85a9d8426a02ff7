/** Writing synthetic cases (`synthetic-cases.ts`): the context they refer to, and batched inserts. */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { recordAudit } from '../features/audit/index.js';
import { DEFAULT_ORGANISATIONS } from '../seed.js';
import type { Services } from '../services.js';
import type { Batch, Context } from './synthetic-generator.js';
import { INDIVIDUAL_PARTIES, NATIONALITIES, PARTY_REGISTER } from './synthetic-names.js';

// ---------------------------------------------------------------------------------------
// Writing

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

async function insertJson(
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

export async function writeBatch(services: Services, batch: Batch, batchNo: number) {
  await services.db.transaction().execute(async (trx) => {
    // Synthetic data: a crash may lose the last batches (each stays all-or-nothing), and
    // not waiting for each commit's WAL flush makes a large seed faster.
    await sql`SELECT set_config('synchronous_commit', 'off', true)`.execute(trx);
    // Reserve a block of references per year; the counter rows stay locked until commit, so
    // concurrent intakes wait and nothing is skipped or repeated (rolls back with the batch).
    const perYear = new Map<number, number>();
    for (const c of batch.cases) {
      const y = c.received_at.getUTCFullYear();
      perYear.set(y, (perYear.get(y) ?? 0) + 1);
    }
    const reserved = await sql<{ year: number; last_value: number }>`
      INSERT INTO case_reference_counters (year, last_value)
      SELECT year, last_value FROM json_to_recordset(${JSON.stringify([...perYear].map(([year, n]) => ({ year, last_value: n })))}::json)
        AS x(year integer, last_value integer)
      ON CONFLICT (year) DO UPDATE SET last_value = case_reference_counters.last_value + excluded.last_value
      RETURNING year, last_value`.execute(trx);
    const next = new Map<number, number>();
    for (const r of reserved.rows) {
      if (r.last_value > 999_999)
        throw new Error(`More than 999,999 cases in ${r.year}: the reference format has 6 digits`);
      next.set(r.year, r.last_value - perYear.get(r.year)! + 1);
    }
    for (const c of batch.cases) {
      const y = c.received_at.getUTCFullYear();
      const n = next.get(y)!;
      next.set(y, n + 1);
      c.reference = `NRM-${y}-${String(n).padStart(6, '0')}`;
    }
    await insertJson(trx, 'persons', batch.persons);
    await insertJson(trx, 'person_name_keys', batch.nameKeys);
    await insertJson(trx, 'identity_documents', batch.documents);
    await insertJson(trx, 'cases', batch.cases);
    await insertJson(trx, 'case_parties', batch.caseParties);
    await insertJson(trx, 'consents', batch.consents);
    await insertJson(trx, 'referrals', batch.referrals);
    const first = batch.cases[0]!;
    const last = batch.cases[batch.cases.length - 1]!;
    await recordAudit(
      trx,
      { requestId: 'seed' },
      {
        action: 'case.created',
        targetType: 'case',
        targetId: first.id,
        details: {
          seed: true,
          batch: batchNo,
          count: batch.cases.length,
          persons: batch.persons.length,
          firstReference: first.reference,
          lastReference: last.reference,
        },
      },
      services.now(),
    );
  });
}

export async function loadContext(services: Services, now: Date): Promise<Context> {
  const { db } = services;
  const [orgRows, userRows] = await Promise.all([
    db.selectFrom('organisations').select(['id', 'name']).execute(),
    db.selectFrom('users').select(['id', 'username', 'organisation_id']).where('active', '=', true).execute(),
  ]);
  const orgs = new Map<string, string>();
  for (const o of DEFAULT_ORGANISATIONS) {
    const row = orgRows.find((r) => r.name === o.name);
    if (row) orgs.set(o.key, row.id);
  }
  const users = new Map(userRows.map((u) => [u.username, { id: u.id, organisationId: u.organisation_id }]));

  // The shared register: reuse entries already there (by name), add the missing ones.
  const wanted = [
    ...PARTY_REGISTER.map((p) => ({ kind: p.kind, name: p.name, nameAr: p.nameAr, country: 'BH' })),
    ...INDIVIDUAL_PARTIES.map(([name, nameAr]) => ({ kind: 'individual', name, nameAr, country: null })),
  ];
  const existing = await db
    .selectFrom('parties')
    .select(['id', 'name'])
    .where(
      'name',
      'in',
      wanted.map((w) => w.name),
    )
    .execute();
  const ids = new Map(existing.map((p) => [p.name, p.id]));
  const missing = wanted.filter((w) => !ids.has(w.name));
  if (missing.length) {
    const rows = await db
      .insertInto('parties')
      .values(
        missing.map((w, i) => ({
          kind: w.kind,
          name: w.name,
          name_ar: w.nameAr,
          country: w.country,
          registration_number: w.kind === 'individual' ? null : `CR-${10_000 + i * 137}-${(i % 4) + 1}`,
          created_at: now,
        })),
      )
      .returning(['id', 'name'])
      .execute();
    for (const r of rows) ids.set(r.name, r.id);
  }
  const idOf = (name: string) => ids.get(name)!;
  return {
    users,
    orgs,
    companies: PARTY_REGISTER.filter((p) => p.kind === 'company').map((p) => idOf(p.name)),
    agencies: PARTY_REGISTER.filter((p) => p.kind === 'recruitment_agency').map((p) => idOf(p.name)),
    households: INDIVIDUAL_PARTIES.slice(0, 8).map(([n]) => idOf(n)),
    sponsors: INDIVIDUAL_PARTIES.slice(8, 10).map(([n]) => idOf(n)),
    perpetrators: INDIVIDUAL_PARTIES.slice(10).map(([n]) => idOf(n)),
    nationalityTable: NATIONALITIES.map((n) => [n, n.weight] as const),
  };
}
