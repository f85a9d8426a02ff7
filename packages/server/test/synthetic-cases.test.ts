import { nameKeys } from '@opennrm/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSyntheticCases } from '../src/demo/synthetic-cases.js';
import { documentIndex, phoneIndex, searchTextOf } from '../src/features/persons/persons.service.js';
import type { Services } from '../src/services.js';
import { createServices } from '../src/services.js';
import { createTestContext, type TestContext } from './harness.js';

const UNTIL = new Date('2026-06-30T12:00:00Z');
const SEED = 42;

let ctx: TestContext;
let services: Services;
beforeAll(async () => {
  ctx = await createTestContext();
  services = createServices({ config: ctx.config, db: ctx.db, now: ctx.clock.now, crypto: ctx.crypto });
  const result = await seedSyntheticCases(services, { count: 200, seed: SEED, until: UNTIL });
  expect(result).toMatchObject({ cases: 200, skipped: false, batches: 1 });
}, 120_000);
afterAll(() => ctx.close());

/** What the generator decides, without the random row ids and ciphertexts. */
async function fingerprint(db: TestContext['db']) {
  return db
    .selectFrom('cases as c')
    .innerJoin('persons as p', 'p.id', 'c.person_id')
    .select([
      'c.reference',
      'c.received_at',
      'c.channel',
      'c.intake_kind',
      'c.category',
      'c.subtype',
      'c.risk',
      'c.stage',
      'p.name_latin',
      'p.name_arabic',
      'p.nationality',
      'p.date_of_birth',
      'p.search_text',
    ])
    .orderBy('c.reference')
    .execute();
}

describe('synthetic cases', () => {
  it('gives 200 cases with unique, gapless references per year, matching the counters', async () => {
    const rows = await ctx.db
      .selectFrom('cases')
      .select(['reference', 'received_at'])
      .orderBy('reference')
      .execute();
    expect(rows).toHaveLength(200);
    expect(new Set(rows.map((r) => r.reference)).size).toBe(200);
    const byYear = new Map<number, number[]>();
    for (const r of rows) {
      const m = /^NRM-(\d{4})-(\d{6})$/.exec(r.reference);
      expect(m).not.toBeNull();
      expect(Number(m![1])).toBe(r.received_at.getUTCFullYear());
      byYear.set(Number(m![1]), [...(byYear.get(Number(m![1])) ?? []), Number(m![2])]);
    }
    expect(byYear.size).toBeGreaterThanOrEqual(3);
    const counters = await ctx.db.selectFrom('case_reference_counters').selectAll().execute();
    for (const [year, numbers] of byYear) {
      expect(numbers).toEqual(numbers.map((_, i) => i + 1));
      expect(counters.find((c) => c.year === year)?.last_value).toBe(numbers.length);
    }
    // References follow the received date within a year, and recent years have more cases.
    const sorted = [...rows].sort((a, b) => a.received_at.getTime() - b.received_at.getTime());
    expect(sorted.map((r) => r.reference)).toEqual(rows.map((r) => r.reference));
    expect(byYear.get(2025)!.length).toBeGreaterThan(byYear.get(2024)!.length);
  });

  it('varies nationalities, scripts, channels, categories, stages and parties', async () => {
    const rows = await fingerprint(ctx.db);
    const distinct = (f: (r: (typeof rows)[number]) => unknown) => new Set(rows.map(f)).size;
    expect(distinct((r) => r.nationality)).toBeGreaterThanOrEqual(10);
    expect(distinct((r) => r.channel)).toBeGreaterThanOrEqual(6);
    expect(distinct((r) => r.intake_kind)).toBe(3);
    expect(new Set(rows.map((r) => r.category))).toEqual(
      new Set([null, 'labour_case', 'abuse', 'trafficking']),
    );
    expect(new Set(rows.map((r) => r.stage))).toEqual(
      new Set(['received', 'screening', 'referral_assistance']),
    );
    expect(distinct((r) => r.risk)).toBe(4);
    // Unscreened cases have no category yet.
    expect(rows.filter((r) => r.stage !== 'referral_assistance').every((r) => r.category === null)).toBe(
      true,
    );

    const persons = await ctx.db.selectFrom('persons').selectAll().execute();
    expect(persons.some((p) => p.name_arabic && !p.name_latin)).toBe(true);
    expect(persons.some((p) => p.name_latin && !p.name_arabic)).toBe(true);
    expect(persons.some((p) => p.name_latin && p.name_arabic)).toBe(true);
    expect(persons.some((p) => p.vulnerabilities.includes('minor'))).toBe(true);
    expect(persons.some((p) => p.work_permit_type === 'domestic_worker')).toBe(true);
    // Search text and duplicate-detection keys as `insertPerson` computes them.
    const keys = await ctx.db.selectFrom('person_name_keys').select(['person_id', 'key']).execute();
    for (const p of persons) {
      const names = [p.name_latin, p.name_arabic, ...p.aliases].filter((n): n is string => !!n);
      expect(p.search_text).toBe(searchTextOf(names));
      const stored = keys.filter((k) => k.person_id === p.id).map((k) => k.key);
      expect(new Set(stored)).toEqual(new Set(names.flatMap(nameKeys)));
    }
    expect(new Set(keys.map((k) => k.person_id)).size).toBeGreaterThan(persons.length * 0.95);

    // A returning person is one person row with several cases.
    const returning = await ctx.db
      .selectFrom('cases')
      .select(['person_id', sql<number>`count(*)::int`.as('n')])
      .groupBy('person_id')
      .having(sql`count(*)`, '>', 1)
      .execute();
    expect(returning.length).toBeGreaterThan(0);
    expect(persons.length).toBe(200 - returning.reduce((sum, r) => sum + r.n - 1, 0));

    // The shared register: the same employer or agency linked to many cases.
    const parties = await ctx.db
      .selectFrom('case_parties')
      .select(['party_id', sql<number>`count(DISTINCT case_id)::int`.as('n')])
      .groupBy('party_id')
      .orderBy(sql`count(DISTINCT case_id)`, 'desc')
      .execute();
    expect(parties.length).toBeLessThanOrEqual(66);
    expect(parties[0]!.n).toBeGreaterThanOrEqual(5);
    const consents = await ctx.db.selectFrom('consents').select(['purpose', 'status']).execute();
    expect(consents.some((c) => c.purpose === 'embassy_contact' && c.status === 'given')).toBe(true);
    expect(consents.some((c) => c.purpose === 'embassy_contact' && c.status === 'refused')).toBe(true);
    expect(consents.some((c) => c.purpose === 'statistics')).toBe(true);
  });

  it('encrypts phones, document numbers and narratives, with the same blind indexes as intake', async () => {
    const persons = await ctx.db
      .selectFrom('persons')
      .select(['phone_enc', 'phone_bidx'])
      .where('phone_enc', 'is not', null)
      .execute();
    expect(persons.length).toBeGreaterThan(100);
    for (const p of persons) {
      const phone = ctx.crypto.decrypt(p.phone_enc!);
      const digits = phone.replace(/\D/g, '');
      expect(digits.length).toBeGreaterThanOrEqual(8);
      expect(p.phone_enc).not.toContain(digits.slice(-7));
      expect(p.phone_bidx).toBe(phoneIndex(ctx.crypto, phone));
    }
    const docs = await ctx.db.selectFrom('identity_documents').selectAll().execute();
    expect(docs.length).toBeGreaterThan(150);
    expect(docs.some((d) => d.type === 'passport' && d.holder === 'employer')).toBe(true);
    for (const d of docs) {
      const number = ctx.crypto.decrypt(d.number_enc);
      expect(number.replace(/\D/g, '').length).toBeGreaterThanOrEqual(6);
      expect(d.number_enc).not.toContain(number.replace(/\D/g, ''));
      expect(d.number_bidx).toBe(documentIndex(ctx.crypto, number));
    }
    const cases = await ctx.db
      .selectFrom('cases')
      .select(['narrative_enc', 'intake_kind', 'reported_indicators'])
      .execute();
    const narratives = cases.filter((c) => c.narrative_enc).map((c) => ctx.crypto.decrypt(c.narrative_enc!));
    expect(narratives.length).toBeGreaterThan(150);
    expect(narratives.every((n) => /^[A-Z]/.test(n))).toBe(true);
    for (const c of cases.filter((c) => c.narrative_enc)) {
      expect(c.narrative_enc!.startsWith('v1:')).toBe(true);
      expect(c.narrative_enc).not.toContain(ctx.crypto.decrypt(c.narrative_enc!).slice(0, 12));
    }
    expect(cases.some((c) => c.intake_kind === 'first_responder' && c.reported_indicators.length > 0)).toBe(
      true,
    );
    expect(
      cases
        .filter((c) => c.intake_kind !== 'first_responder')
        .every((c) => c.reported_indicators.length === 0),
    ).toBe(true);
  });

  it('writes one audit row for the batch, and leaves a database with cases alone', async () => {
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'target_id', 'details'])
      .where('request_id', '=', 'seed')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'case.created', details: { seed: true, batch: 1, count: 200 } });
    const again = await seedSyntheticCases(services, { count: 200, seed: SEED, until: UNTIL });
    expect(again.skipped).toBe(true);
    const { n } = await ctx.db
      .selectFrom('cases')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    expect(n).toBe(200);
  });

  it('answers the case list and name search in both scripts for the case manager', async () => {
    const manager = await ctx.signIn('casemanager');
    const page = await manager.get('/api/cases?limit=25');
    expect(page.statusCode).toBe(200);
    const body = page.json();
    expect(body.items).toHaveLength(25);
    expect(body.total).toBe(200);
    expect(body.nextCursor).toBeTruthy();
    expect(body.items[0].person.nationality).toMatch(/^[A-Z]{2}$/);

    const arabic = await ctx.db
      .selectFrom('persons')
      .select('name_arabic')
      .where('name_arabic', 'is not', null)
      .executeTakeFirstOrThrow();
    const byArabic = await manager.get(
      `/api/cases?q=${encodeURIComponent(arabic.name_arabic!.split(' ')[0]!)}`,
    );
    expect(byArabic.statusCode).toBe(200);
    expect(byArabic.json().items.length).toBeGreaterThan(0);
    const latin = await ctx.db
      .selectFrom('persons')
      .select('name_latin')
      .where('name_latin', 'is not', null)
      .executeTakeFirstOrThrow();
    const byLatin = await manager.get(
      `/api/cases?q=${encodeURIComponent(latin.name_latin!.split(' ').at(-1)!)}`,
    );
    expect(byLatin.json().items.length).toBeGreaterThan(0);
  });

  it('is deterministic for a seed', async () => {
    const other = await createTestContext();
    try {
      const otherServices = createServices({
        config: other.config,
        db: other.db,
        now: other.clock.now,
        crypto: other.crypto,
      });
      await seedSyntheticCases(otherServices, { count: 200, seed: SEED, until: UNTIL, batchSize: 64 });
      expect(await fingerprint(other.db)).toEqual(await fingerprint(ctx.db));
      // Smaller batches: one audit row each.
      const audit = await other.db
        .selectFrom('audit_log')
        .select('id')
        .where('request_id', '=', 'seed')
        .execute();
      expect(audit).toHaveLength(4);
    } finally {
      await other.close();
    }
    const third = await createTestContext();
    try {
      const thirdServices = createServices({
        config: third.config,
        db: third.db,
        now: third.clock.now,
        crypto: third.crypto,
      });
      await seedSyntheticCases(thirdServices, { count: 50, seed: SEED + 1, until: UNTIL });
      const names = (await fingerprint(third.db)).map((r) => r.name_latin ?? r.name_arabic);
      const first50 = (await fingerprint(ctx.db)).slice(0, 50).map((r) => r.name_latin ?? r.name_arabic);
      expect(names).not.toEqual(first50);
    } finally {
      await third.close();
    }
  }, 120_000);
});
