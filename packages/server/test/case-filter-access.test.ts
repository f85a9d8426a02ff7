import { type Actor, type CaseSection, caseAccess } from '@opennrm/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseSectionVisible } from '../src/db/access/case-visibility.sql.js';
import { recordAudit } from '../src/features/audit/audit.service.js';
import { loadAccessFacts } from '../src/features/cases/cases.repository.js';
import { DEMO_USERS } from '../src/seed.js';
import { factory } from './factory.js';
import { type Client, createTestContext, type TestContext } from './harness.js';
import { screenedTraffickingCase } from './workflow-support.js';

/**
 * Issue 9, holes 5 and 9: a filter may only match what the caller may see (no search oracle),
 * and the screening outcome (category, sub-type, risk, indicators) travels only with the
 * 'screening' section; the auditor sees who did what, not case content.
 */
let ctx: TestContext;
const clients = new Map<string, Client>();
const actors = new Map<string, Actor>();
let hiddenCase: { id: string; reference: string };
let hiddenReferralId: string;

async function orgId(name: string) {
  return (
    await ctx.db.selectFrom('organisations').select('id').where('name', '=', name).executeTakeFirstOrThrow()
  ).id;
}

beforeAll(async () => {
  ctx = await createTestContext();
  for (const u of DEMO_USERS) clients.set(u.username, await ctx.signIn(u.username));
  for (const [username, actor] of await factory(ctx).actors()) actors.set(username, actor);
  const manager = clients.get('casemanager')!;
  const created = await manager.post('/api/cases', {
    intakeKind: 'walk_in',
    channel: 'walk_in',
    person: { nameLatin: 'Zainab Qorbanzadeh', nationality: 'ET', sex: 'female' },
    narrative: 'Held in a flat.',
    reportedIndicators: ['retention_of_identity_documents'],
    risk: 'urgent',
  });
  expect(created.statusCode, created.body).toBe(201);
  hiddenCase = created.json();
  await ctx.db
    .updateTable('cases')
    .set({ category: 'trafficking', subtype: 'forced_labour' })
    .where('id', '=', hiddenCase.id)
    .execute();
  // Referred to the police with the narrative only: the officer may open the case, not its person.
  const referral = await ctx.db
    .insertInto('referrals')
    .values({
      case_id: hiddenCase.id,
      organisation_id: await orgId('Police Directorate'),
      shared_sections: ['narrative'],
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  hiddenReferralId = referral.id;
});
afterAll(() => ctx.close());

async function share(sections: CaseSection[]) {
  await ctx.db
    .updateTable('referrals')
    .set({ shared_sections: sections })
    .where('id', '=', hiddenReferralId)
    .execute();
}

async function listed(username: string, query: string) {
  const res = await clients.get(username)!.get(`/api/cases?limit=100&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json() as { items: Record<string, unknown>[]; total: number };
  return { ids: body.items.map((i) => i.id as string), total: body.total, items: body.items };
}

describe('search and filters match only what the caller may see (hole 5)', () => {
  it('an agency without the person section cannot find the case by family-name prefix or nationality', async () => {
    await share(['narrative']);
    const baseline = await listed('officer', '');
    expect(baseline.ids).toContain(hiddenCase.id);
    for (const prefix of ['Q', 'Qo', 'Qor', 'Qorbanzadeh', 'Zainab']) {
      const found = await listed('officer', `q=${prefix}`);
      expect(found.ids, `q=${prefix}`).not.toContain(hiddenCase.id);
      expect(found.total, `q=${prefix}`).toBe(0);
    }
    const byNationality = await listed('officer', 'nationality=ET');
    expect(byNationality.ids).not.toContain(hiddenCase.id);
    expect(byNationality.total).toBe(0);
    const otherNationality = await listed('officer', 'nationality=KE');
    expect(otherNationality.total).toBe(byNationality.total);
    // The reference is part of the header the officer sees: searching by it still works.
    expect((await listed('officer', `q=${hiddenCase.reference}`)).ids).toEqual([hiddenCase.id]);
  });

  it('finds the same case once the referral shares the person section', async () => {
    await share(['narrative', 'person']);
    try {
      const found = await listed('officer', 'q=Qor');
      expect(found.ids).toEqual([hiddenCase.id]);
      expect(found.total).toBe(1);
      expect((await listed('officer', 'nationality=ET')).ids).toEqual([hiddenCase.id]);
    } finally {
      await share(['narrative']);
    }
  });

  it('filters by category and risk only where the caller sees the screening section', async () => {
    await share(['narrative']);
    for (const query of ['category=trafficking', 'risk=urgent']) {
      const found = await listed('officer', query);
      expect(found.ids, query).not.toContain(hiddenCase.id);
      expect(found.total, query).toBe(0);
    }
    await share(['narrative', 'screening']);
    try {
      expect((await listed('officer', 'category=trafficking')).ids).toEqual([hiddenCase.id]);
      expect((await listed('officer', 'risk=urgent')).ids).toEqual([hiddenCase.id]);
    } finally {
      await share(['narrative']);
    }
  });

  it('a hotline operator does not find their intake by the name of the person the NRM linked it to', async () => {
    const manager = clients.get('casemanager')!;
    const hotline = clients.get('hotline')!;
    const known = (
      await manager.post('/api/cases', {
        intakeKind: 'walk_in',
        channel: 'walk_in',
        person: { nameLatin: 'Esayas Tewoldebrhan', nationality: 'ER' },
      })
    ).json();
    const call = (
      await hotline.post('/api/cases', {
        intakeKind: 'hotline',
        channel: 'hotline',
        person: { nameLatin: 'Caller Unknown' },
      })
    ).json();
    await manager.request(
      'POST',
      `/api/cases/${call.id}/person`,
      { personId: known.person.id },
      { headers: { 'if-match': '"v1"' } },
    );
    expect((await listed('hotline', `q=${call.reference}`)).ids).toEqual([call.id]);
    const byName = await listed('hotline', 'q=Tewolde');
    expect(byName.ids).not.toContain(call.id);
    expect(byName.total).toBe(0);
    expect((await listed('hotline', 'nationality=ER')).total).toBe(0);
  });

  it('the SQL section filter agrees with caseAccess for every demo user, case and section', async () => {
    await share(['narrative']);
    const manager = clients.get('casemanager')!;
    // A consenting Philippine national (the embassy's relation) and a revoked referral sharing everything.
    const national = await screenedTraffickingCase(manager);
    await manager.post(`/api/cases/${national}/consents`, {
      purpose: 'embassy_contact',
      status: 'given',
      method: 'verbal',
    });
    const revoked = await screenedTraffickingCase(manager);
    await ctx.db
      .insertInto('referrals')
      .values({
        case_id: revoked,
        organisation_id: await orgId('Labour Inspection Directorate'),
        shared_sections: ['person', 'narrative', 'screening', 'parties', 'consents', 'timeline'],
        status: 'revoked',
      })
      .execute();
    const rows = await ctx.db
      .selectFrom('cases')
      .select(['id', 'created_by', 'person_id', 'duplicate_check'])
      .execute();
    const sections: CaseSection[] = ['person', 'narrative', 'screening', 'parties', 'consents', 'timeline'];
    for (const [username, actor] of actors) {
      for (const section of sections) {
        const matched = new Set(
          (
            await ctx.db
              .selectFrom('cases as c')
              .select('c.id')
              .where(caseSectionVisible(actor, section))
              .execute()
          ).map((r) => r.id),
        );
        for (const row of rows) {
          const access = caseAccess(actor, await loadAccessFacts(ctx.db, row));
          const expected = access.read && access.sections.includes(section);
          expect(matched.has(row.id), `${username} ${section} ${row.id}`).toBe(expected);
        }
      }
    }
  });
});

const OUTCOME_KEYS = ['category', 'subtype', 'risk', 'reportedIndicators'];

describe('the screening outcome travels with the screening section (hole 9)', () => {
  async function header(username: string, id: string) {
    const res = await clients.get(username)!.get(`/api/cases/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Record<string, unknown>;
  }
  async function row(username: string, reference: string) {
    const { items } = await listed(username, `q=${reference}`);
    expect(items).toHaveLength(1);
    return items[0]!;
  }

  it('an agency without the screening section gets the header without category, sub-type, risk or indicators', async () => {
    await share(['narrative', 'person']);
    try {
      const seen = await header('officer', hiddenCase.id);
      expect(seen.reference).toBe(hiddenCase.reference);
      expect(seen.stage).toBeDefined();
      expect(seen.receivedAt).toBeDefined();
      for (const key of OUTCOME_KEYS) expect(seen, key).not.toHaveProperty(key);
      const listedRow = await row('officer', hiddenCase.reference);
      for (const key of OUTCOME_KEYS) expect(listedRow, key).not.toHaveProperty(key);
    } finally {
      await share(['narrative']);
    }
  });

  it('an agency to which the referral shares screening, and the NRM, see the outcome', async () => {
    await share(['narrative', 'screening']);
    try {
      for (const username of ['officer', 'casemanager']) {
        const seen = await header(username, hiddenCase.id);
        expect(seen.category).toBe('trafficking');
        expect(seen.subtype).toBe('forced_labour');
        expect(seen.risk).toBe('urgent');
        expect(seen.reportedIndicators).toEqual(['retention_of_identity_documents']);
        const listedRow = await row(username, hiddenCase.reference);
        expect(listedRow.category).toBe('trafficking');
        expect(listedRow.risk).toBe('urgent');
      }
    } finally {
      await share(['narrative']);
    }
  });

  it('the hotline operator who logged a call and the embassy of a consenting national see no outcome', async () => {
    const hotline = clients.get('hotline')!;
    const call = (
      await hotline.post('/api/cases', {
        intakeKind: 'hotline',
        channel: 'hotline',
        person: { nameLatin: 'Caller Two' },
        risk: 'urgent',
        reportedIndicators: ['physical_and_sexual_violence'],
      })
    ).json();
    for (const key of OUTCOME_KEYS) expect(call, `created ${key}`).not.toHaveProperty(key);
    const seen = await header('hotline', call.id);
    for (const key of OUTCOME_KEYS) expect(seen, key).not.toHaveProperty(key);

    const manager = clients.get('casemanager')!;
    const id = await screenedTraffickingCase(manager);
    await manager.post(`/api/cases/${id}/consents`, {
      purpose: 'embassy_contact',
      status: 'given',
      method: 'verbal_with_interpreter',
    });
    const embassySeen = await header('embassy', id);
    expect(embassySeen.person).not.toBeNull();
    for (const key of OUTCOME_KEYS) expect(embassySeen, key).not.toHaveProperty(key);
    const embassyRow = await row('embassy', embassySeen.reference as string);
    for (const key of OUTCOME_KEYS) expect(embassyRow, key).not.toHaveProperty(key);
  });

  it('the auditor sees who confirmed a screening, not the category or risk', async () => {
    const id = await screenedTraffickingCase(clients.get('casemanager')!);
    const res = await clients.get('auditor')!.get(`/api/audit?action=screening.confirmed&targetId=${id}`);
    expect(res.statusCode).toBe(200);
    const [entry] = res.json().items as { actorUsername: string; details: Record<string, unknown> }[];
    expect(entry?.actorUsername).toBe('casemanager');
    const text = JSON.stringify(entry?.details);
    for (const word of ['trafficking', 'forced_labour', 'high', 'category', 'risk', 'suggested', 'confirmed'])
      expect(text, word).not.toContain(word);
    // What is stored is also free of the outcome, not only what is shown.
    const stored = await ctx.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'screening.confirmed')
      .where('target_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(stored.details)).not.toContain('trafficking');
  });

  it('the audit trail shows no case content from older rows that carried it', async () => {
    await recordAudit(
      ctx.db,
      {},
      {
        action: 'follow_up.recorded',
        targetType: 'case',
        targetId: hiddenCase.id,
        details: {
          index: 0,
          reached: true,
          riskAfter: 'urgent',
          suggested: { category: 'trafficking' },
          nameLatin: 'Zainab Qorbanzadeh',
          narrative: 'Held in a flat.',
          reportedIndicators: ['retention_of_identity_documents'],
        },
      },
    );
    const res = await clients
      .get('auditor')!
      .get(`/api/audit?action=follow_up.recorded&targetId=${hiddenCase.id}`);
    const [entry] = res.json().items as { details: Record<string, unknown> }[];
    expect(entry?.details).toEqual({ index: 0, reached: true });

    // The case timeline is read from the same trail: an agency with the timeline section alone
    // learns no category, risk, name or narrative from it either.
    await share(['narrative', 'timeline']);
    try {
      const timeline = await clients.get('officer')!.get(`/api/cases/${hiddenCase.id}/timeline`);
      expect(timeline.statusCode, timeline.body).toBe(200);
      const followUp = (timeline.json().items as { action: string; details: unknown }[]).find(
        (i) => i.action === 'follow_up.recorded',
      );
      expect(followUp?.details).toEqual({ index: 0, reached: true });
    } finally {
      await share(['narrative']);
    }
  });
});
