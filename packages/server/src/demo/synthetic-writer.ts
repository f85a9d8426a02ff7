/** Writing synthetic cases (`synthetic-cases.ts`): the context they refer to, and batched inserts. */
import { recordAudit } from '../features/audit/index.js';
import { DEFAULT_ORGANISATIONS } from '../seed.js';
import type { Services } from '../services.js';
import {
  findPartiesNamed,
  insertJson,
  insertParties,
  listActiveUsers,
  listOrganisationNames,
  relaxCommit,
  reserveReferences,
} from './synthetic.repository.js';
import type { Batch, Context } from './synthetic-generator.js';
import { INDIVIDUAL_PARTIES, NATIONALITIES, PARTY_REGISTER } from './synthetic-names.js';

// ---------------------------------------------------------------------------------------
// Writing

export async function writeBatch(services: Services, batch: Batch, batchNo: number) {
  await services.db.transaction().execute(async (trx) => {
    // Synthetic data: a crash may lose the last batches (each stays all-or-nothing), and
    // not waiting for each commit's WAL flush makes a large seed faster.
    await relaxCommit(trx);
    // Reserve a block of references per year; the counter rows stay locked until commit, so
    // concurrent intakes wait and nothing is skipped or repeated (rolls back with the batch).
    const perYear = new Map<number, number>();
    for (const c of batch.cases) {
      const y = c.received_at.getUTCFullYear();
      perYear.set(y, (perYear.get(y) ?? 0) + 1);
    }
    const reserved = await reserveReferences(trx, perYear);
    const next = new Map<number, number>();
    for (const r of reserved) {
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
  const [orgRows, userRows] = await Promise.all([listOrganisationNames(db), listActiveUsers(db)]);
  const orgs = new Map<string, string>();
  for (const o of DEFAULT_ORGANISATIONS) {
    const row = orgRows.find((r) => r.name === o.name);
    if (row) orgs.set(o.key, row.id);
  }
  const users = new Map(userRows.map((u) => [u.username, { id: u.id, organisationId: u.organisation_id }]));

  // The shared register: reuse entries already there (by name), add the missing ones.
  const wanted = [
    ...PARTY_REGISTER.map((p) => ({ kind: p.kind, name: p.name, nameAr: p.nameAr, country: 'BH' })),
    ...INDIVIDUAL_PARTIES.map(([name, nameAr]) => ({
      kind: 'individual' as const,
      name,
      nameAr,
      country: null,
    })),
  ];
  const existing = await findPartiesNamed(
    db,
    wanted.map((w) => w.name),
  );
  const ids = new Map(existing.map((p) => [p.name, p.id]));
  const missing = wanted.filter((w) => !ids.has(w.name));
  if (missing.length) {
    const rows = await insertParties(
      db,
      missing.map((w, i) => ({
        kind: w.kind,
        name: w.name,
        name_ar: w.nameAr,
        country: w.country,
        registration_number: w.kind === 'individual' ? null : `CR-${10_000 + i * 137}-${(i % 4) + 1}`,
        created_at: now,
      })),
    );
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
