import { type Actor, type CaseSection, caseAccess } from '@opennrm/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../src/seed.js';
import { factory } from './factory.js';
import { type Client, createTestContext, type TestContext } from './harness.js';

/**
 * The need-to-know matrix: every demo role × every case endpoint × every relation of a
 * case to the user's organisation (own, other, none). Expected answers come from a table
 * written by hand below, and are cross-checked against the domain rule.
 */
let ctx: TestContext;
const clients = new Map<string, Client>();
const actors = new Map<string, Actor>();
const cases: Record<string, { id: string; reference: string }> = {};

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
  const make = async (key: string, body: Record<string, unknown>, by = manager) => {
    const res = await by.post('/api/cases', body);
    if (res.statusCode !== 201) throw new Error(`${key}: ${res.body}`);
    cases[key] = res.json();
  };
  const person = (nameLatin: string, nationality: string) => ({ nameLatin, nationality, sex: 'female' });
  // Referred to the police (the demo agency officer's organisation), person and narrative shared.
  await make('referredToPolice', {
    intakeKind: 'walk_in',
    channel: 'walk_in',
    person: person('Referred Police', 'IN'),
    narrative: 'n',
  });
  // Referred to the labour inspectorate only (another organisation for the police officer).
  await make('referredToInspection', {
    intakeKind: 'walk_in',
    channel: 'walk_in',
    person: person('Referred Inspection', 'IN'),
  });
  // No relation to any agency.
  await make('unrelated', {
    intakeKind: 'walk_in',
    channel: 'walk_in',
    person: person('Unrelated Case', 'KE'),
  });
  // A Filipino national who consented to embassy contact, and one who did not.
  await make('filipinoConsented', {
    intakeKind: 'walk_in',
    channel: 'walk_in',
    person: person('Pinay Consented', 'PH'),
  });
  await make('filipinoNoConsent', {
    intakeKind: 'walk_in',
    channel: 'walk_in',
    person: person('Pinay Refused', 'PH'),
  });
  // Logged by the hotline operator, and by the labour inspectorate's focal point as a first responder.
  await make(
    'hotlineIntake',
    { intakeKind: 'hotline', channel: 'hotline', person: person('Hotline Caller', 'NP'), narrative: 'call' },
    clients.get('hotline')!,
  );
  await make(
    'inspectorReferral',
    {
      intakeKind: 'first_responder',
      channel: 'labour_inspection',
      person: person('Inspector Found', 'BD'),
      reportedIndicators: ['retention_of_identity_documents'],
    },
    clients.get('focalpoint')!,
  );

  const police = await orgId('Police Directorate');
  const inspection = await orgId('Labour Inspection Directorate');
  const shelter = await orgId('Expat Protection Centre Shelter');
  await ctx.db
    .insertInto('referrals')
    .values([
      {
        case_id: cases.referredToPolice!.id,
        organisation_id: police,
        shared_sections: ['person', 'narrative'],
      },
      {
        case_id: cases.referredToInspection!.id,
        organisation_id: inspection,
        shared_sections: ['person', 'parties'],
      },
      {
        case_id: cases.referredToInspection!.id,
        organisation_id: shelter,
        shared_sections: ['person'],
        status: 'revoked',
      },
    ])
    .execute();
  await manager.post(`/api/cases/${cases.filipinoConsented!.id}/consents`, {
    purpose: 'embassy_contact',
    status: 'given',
    method: 'verbal_with_interpreter',
  });
  await manager.post(`/api/cases/${cases.filipinoNoConsent!.id}/consents`, {
    purpose: 'embassy_contact',
    status: 'refused',
    method: 'verbal',
  });
});
afterAll(() => ctx.close());

const ALL: CaseSection[] = ['person', 'narrative', 'screening', 'parties', 'consents', 'timeline'];
const CASE_KEYS = [
  'referredToPolice',
  'referredToInspection',
  'unrelated',
  'filipinoConsented',
  'filipinoNoConsent',
  'hotlineIntake',
  'inspectorReferral',
];

/** Hand-written expectations: sections each user may see on each case; absent means no access at all. */
const EXPECTED: Record<string, Partial<Record<string, CaseSection[]>>> = {
  supervisor: Object.fromEntries(CASE_KEYS.map((k) => [k, ALL])),
  casemanager: Object.fromEntries(CASE_KEYS.map((k) => [k, ALL])),
  officer: { referredToPolice: ['person', 'narrative'] },
  focalpoint: { referredToInspection: ['person', 'parties'], inspectorReferral: ['person', 'narrative'] },
  shelter: {},
  hotline: { hotlineIntake: ['person', 'narrative'] },
  embassy: { filipinoConsented: ['person'] },
  admin: {},
  analyst: {},
  auditor: {},
};

describe('need-to-know on cases', () => {
  it('matches the hand-written table with the domain rule', async () => {
    for (const [username, expected] of Object.entries(EXPECTED)) {
      for (const key of CASE_KEYS) {
        const row = await ctx.db
          .selectFrom('cases')
          .select(['id', 'created_by', 'person_id', 'duplicate_check'])
          .where('id', '=', cases[key]!.id)
          .executeTakeFirstOrThrow();
        const { loadAccessFacts } = await import('../src/features/cases/cases.repository.js');
        const access = caseAccess(actors.get(username)!, await loadAccessFacts(ctx.db, row));
        expect(access.read ? [...access.sections] : undefined, `${username} on ${key}`).toEqual(
          expected[key],
        );
      }
    }
  });

  it.each(Object.keys(EXPECTED))(
    '%s: single reads, sections, lists, search and counts agree, with no leak',
    async (username) => {
      const c = clients.get(username)!;
      const expected = EXPECTED[username]!;
      const canList = !['admin', 'analyst', 'auditor'].includes(username);
      const list = await c.get('/api/cases?limit=100');
      if (!canList) {
        expect(list.statusCode).toBe(403);
      } else {
        const listed = list.json().items as { id: string; person: unknown }[];
        const expectedIds = CASE_KEYS.filter((k) => expected[k]).map((k) => cases[k]!.id);
        expect(listed.map((i) => i.id).sort()).toEqual(expectedIds.sort());
        expect(list.json().total).toBe(expectedIds.length);
        for (const item of listed) {
          const key = CASE_KEYS.find((k) => cases[k]!.id === item.id)!;
          expect(item.person === null, `${username} list names on ${key}`).toBe(
            !expected[key]!.includes('person'),
          );
        }
        // Searching for a case's reference or name never finds one the user may not see.
        for (const key of CASE_KEYS) {
          const byRef = (await c.get(`/api/cases?q=${cases[key]!.reference}`)).json();
          expect(byRef.total, `${username} search ${key}`).toBe(expected[key] ? 1 : 0);
        }
      }
      for (const key of CASE_KEYS) {
        const sections = expected[key];
        const res = await c.get(`/api/cases/${cases[key]!.id}`);
        if (!sections) {
          // Not found, exactly as for a case that does not exist: existence is not revealed.
          expect(res.statusCode, `${username} GET ${key}`).toBe(canList ? 404 : 403);
          for (const sub of ['consents', 'parties', 'timeline']) {
            expect(
              (await c.get(`/api/cases/${cases[key]!.id}/${sub}`)).statusCode,
              `${username} ${sub} ${key}`,
            ).toBe(canList ? 404 : 403);
          }
          continue;
        }
        expect(res.statusCode, `${username} GET ${key}`).toBe(200);
        const body = res.json();
        expect(body.sections).toEqual(sections);
        expect(body.person === null).toBe(!sections.includes('person'));
        if (!sections.includes('narrative')) expect(body.narrative).toBeNull();
        for (const sub of ['consents', 'parties', 'timeline'] as const) {
          const subRes = await c.get(`/api/cases/${cases[key]!.id}/${sub}`);
          expect(subRes.statusCode, `${username} ${sub} ${key}`).toBe(sections.includes(sub) ? 200 : 403);
        }
      }
    },
  );

  it.each(Object.keys(EXPECTED))('%s: may change cases only as NRM staff', async (username) => {
    const c = clients.get(username)!;
    const nrm = username === 'casemanager' || username === 'supervisor';
    for (const key of ['referredToPolice', 'unrelated']) {
      const id = cases[key]!.id;
      const attempts = [
        await c.request('PATCH', `/api/cases/${id}`, { languages: ['en'] }, { headers: { 'if-match': '*' } }),
        await c.post(`/api/cases/${id}/consents`, {
          purpose: 'statistics',
          status: 'given',
          method: 'verbal',
        }),
        await c.post(`/api/cases/${id}/parties`, {
          party: { kind: 'individual', name: `Probe ${username}` },
          role: 'other',
        }),
      ];
      for (const res of attempts) {
        if (nrm) expect(res.statusCode, `${username} write ${key} ${res.body}`).toBeLessThan(300);
        else expect([403, 404], `${username} write ${key}`).toContain(res.statusCode);
      }
      const personId = (
        await ctx.db.selectFrom('cases').select('person_id').where('id', '=', id).executeTakeFirstOrThrow()
      ).person_id;
      expect((await c.get(`/api/persons/${personId}`)).statusCode, `${username} person`).toBe(
        nrm ? 200 : 403,
      );
    }
    expect((await c.post('/api/persons/duplicates', { nameLatin: 'Referred Police' })).statusCode).toBe(
      nrm ? 200 : 403,
    );
  });

  it('shows supervisors who accessed a record, including denied attempts', async () => {
    const log = (await clients.get('supervisor')!.get(`/api/cases/${cases.unrelated!.id}/access-log`)).json();
    const actorsSeen = new Set(log.items.map((i: { actor: string }) => i.actor));
    expect(actorsSeen).toContain('officer');
    expect(
      log.items.some(
        (i: { actor: string; outcome: string }) => i.actor === 'officer' && i.outcome === 'denied',
      ),
    ).toBe(true);
    expect(
      (await clients.get('casemanager')!.get(`/api/cases/${cases.unrelated!.id}/access-log`)).statusCode,
    ).toBe(403);
  });
});

describe('linking an intake to an existing person', () => {
  it('does not show the existing person record to the hotline operator who logged the call', async () => {
    const manager = clients.get('casemanager')!;
    const hotline = clients.get('hotline')!;
    const known = (
      await manager.post('/api/cases', {
        intakeKind: 'walk_in',
        channel: 'walk_in',
        person: { nameLatin: 'Known Person', phone: '+973 3900 1234', nationality: 'LK' },
      })
    ).json();
    const call = (
      await hotline.post('/api/cases', {
        intakeKind: 'hotline',
        channel: 'hotline',
        person: { nameLatin: 'Known Person' },
      })
    ).json();
    expect(call.person.nameLatin).toBe('Known Person');
    await manager.request(
      'POST',
      `/api/cases/${call.id}/person`,
      { personId: known.person.id },
      { headers: { 'if-match': '"v1"' } },
    );
    const seen = (await hotline.get(`/api/cases/${call.id}`)).json();
    expect(seen.sections).toEqual(['narrative']);
    expect(seen.person).toBeNull();
    const listed = (await hotline.get(`/api/cases?q=${call.reference}`)).json();
    expect(listed.items[0].person).toBeNull();
  });
});
