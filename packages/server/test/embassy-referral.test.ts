import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestContext, type TestContext } from './harness.js';
import { screenedTraffickingCase } from './workflow-support.js';

/**
 * Issue 9, hole 2: consent to "contact the embassy of their country" lets a case go to the
 * embassy of the person's nationality (or an embassy the person named), never another one.
 */
let ctx: TestContext;
let manager: Client;
let supervisor: Client;
let philippines: string;
let india: string;

/** Signs in as an embassy officer of another country: the demo embassy user's twin at India's embassy. */
async function indianEmbassyOfficer(): Promise<Client> {
  const demo = await ctx.db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', 'embassy')
    .executeTakeFirstOrThrow();
  const { id: _id, created_at: _c, ...rest } = demo;
  await ctx.db
    .insertInto('users')
    .values({ ...rest, username: 'embassy-in', display_name: 'Indian consul', organisation_id: india })
    .onConflict((oc) => oc.column('username').doNothing())
    .execute();
  return ctx.signIn('embassy-in');
}

const consent = (client: Client, caseId: string, body: Record<string, unknown>) =>
  client.post(`/api/cases/${caseId}/consents`, {
    status: 'given',
    method: 'verbal_with_interpreter',
    ...body,
  });

const refer = (client: Client, caseId: string, organisationId: string, extra: Record<string, unknown> = {}) =>
  client.post(`/api/cases/${caseId}/referrals`, {
    organisationId,
    purpose: 'travel_document',
    sharedSections: ['person'],
    ...extra,
  });

/** Every blocker the case page shows (its actions' and closing's), as `CODE:ref`. */
async function blockersOf(caseId: string): Promise<string[]> {
  const wf = (await manager.get(`/api/cases/${caseId}/workflow`)).json();
  type B = { code: string; ref?: string };
  const all: B[] = [...wf.closeBlockers, ...wf.actions.flatMap((a: { blockers: B[] }) => a.blockers)];
  return all.map((b) => `${b.code}:${b.ref ?? ''}`);
}

beforeAll(async () => {
  ctx = await createTestContext();
  manager = await ctx.signIn('casemanager');
  supervisor = await ctx.signIn('supervisor');
  const embassies = await ctx.db
    .selectFrom('organisations')
    .select(['id', 'country_code'])
    .where('kind', '=', 'embassy')
    .execute();
  philippines = embassies.find((e) => e.country_code === 'PH')!.id;
  india = embassies.find((e) => e.country_code === 'IN')!.id;
});
afterAll(() => ctx.close());

describe('embassy referrals go to the embassy of nationality', () => {
  it("refuses another country's embassy even with embassy-contact consent, and by a supervisor without consent", async () => {
    const caseId = await screenedTraffickingCase(manager);
    expect((await consent(manager, caseId, { purpose: 'embassy_contact' })).statusCode).toBe(201);
    const wrong = await refer(manager, caseId, india);
    expect(wrong.statusCode, wrong.body).toBe(422);
    expect(wrong.json()).toMatchObject({ code: 'EMBASSY_NOT_OF_NATIONALITY' });
    const overridden = await refer(supervisor, caseId, india, { withoutConsentReason: 'Urgent' });
    expect(overridden.statusCode).toBe(422);
    expect(overridden.json().code).toBe('EMBASSY_NOT_OF_NATIONALITY');
    // Consent to share with embassies as a kind does not name one either.
    await consent(manager, caseId, { purpose: 'share_with_organisation_kind', organisationKind: 'embassy' });
    expect((await refer(manager, caseId, india)).json().code).toBe('EMBASSY_NOT_OF_NATIONALITY');
    // The consent check tells the case manager before sending.
    const check = await manager.get(
      `/api/cases/${caseId}/referrals/consent-check?organisationId=${india}&purpose=travel_document`,
    );
    expect(check.json()).toMatchObject({ covered: false });
    expect(await ctx.db.selectFrom('referrals').select('id').where('case_id', '=', caseId).execute()).toEqual(
      [],
    );
    // The Indian embassy cannot read the case.
    const consul = await indianEmbassyOfficer();
    expect((await consul.get(`/api/cases/${caseId}`)).statusCode).toBe(404);
    expect((await consul.get('/api/inbox?box=new')).json().items).toEqual([]);
  });

  it('sends to the embassy of nationality, which then reads the person', async () => {
    const caseId = await screenedTraffickingCase(manager);
    await consent(manager, caseId, { purpose: 'embassy_contact' });
    const ok = await refer(manager, caseId, philippines);
    expect(ok.statusCode, ok.body).toBe(201);
    const embassy = await ctx.signIn('embassy');
    const seen = await embassy.get(`/api/cases/${caseId}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().person).toBeTruthy();
    const consul = await indianEmbassyOfficer();
    expect((await consul.get(`/api/cases/${caseId}`)).statusCode).toBe(404);
  });

  it('sends to another embassy the person named in their consent, which does not fulfil the SOP step', async () => {
    const caseId = await screenedTraffickingCase(manager);
    await consent(manager, caseId, { purpose: 'embassy_contact', organisationId: india });
    const named = await refer(manager, caseId, india);
    expect(named.statusCode, named.body).toBe(201);
    const consul = await indianEmbassyOfficer();
    expect((await consul.get(`/api/cases/${caseId}`)).statusCode).toBe(200);
    // The SOP's "embassy of nationality" referral is still missing.
    const blockers = await blockersOf(caseId);
    expect(blockers).toContain('REQUIRED_REFERRAL_MISSING:embassy');
    // Naming India does not stand for consent to the Philippine embassy.
    const home = await refer(manager, caseId, philippines);
    expect(home.json().code).toBe('CONSENT_REQUIRED');
  });

  it("does not count a referral made before the SOP started to another country's embassy", async () => {
    const created = await manager.post('/api/cases', {
      intakeKind: 'walk_in',
      channel: 'walk_in',
      person: { nameLatin: 'Early Referral', dateOfBirth: '1990-02-01', nationality: 'PH' },
    });
    const caseId = created.json().id as string;
    // Data from before this version: the case went to India's embassy before any SOP.
    await ctx.db
      .insertInto('referrals')
      .values({
        case_id: caseId,
        organisation_id: india,
        shared_sections: [],
        status: 'sent',
        purpose: 'travel_document',
      })
      .execute();
    // The SOP starts with a category decided without a screening on record (imported data).
    await ctx.db
      .updateTable('cases')
      .set({ category: 'trafficking', subtype: 'forced_labour' })
      .where('id', '=', caseId)
      .execute();
    const started = await manager.post(`/api/cases/${caseId}/workflow/start`);
    expect(started.statusCode, started.body).toBe(200);
    expect(await blockersOf(caseId)).toContain('REQUIRED_REFERRAL_MISSING:embassy');
  });

  it('gives the embassy of nationality nothing from a consent that names another embassy', async () => {
    const caseId = await screenedTraffickingCase(manager);
    await consent(manager, caseId, { purpose: 'embassy_contact', organisationId: india });
    const embassy = await ctx.signIn('embassy');
    expect((await embassy.get(`/api/cases/${caseId}`)).statusCode).toBe(404);
    const listed = (await embassy.get('/api/cases?limit=100')).json();
    expect(listed.items.map((c: { id: string }) => c.id)).not.toContain(caseId);
    // Consent to contact the embassy of their country, unnamed, opens the person to it.
    await consent(manager, caseId, { purpose: 'embassy_contact' });
    expect((await embassy.get(`/api/cases/${caseId}`)).statusCode).toBe(200);
  });

  it('says so in plain words when no embassy of the nationality exists', async () => {
    const caseId = await screenedTraffickingCase(manager);
    // A Kenyan national: the installation has no embassy of Kenya.
    const { person_id } = await ctx.db
      .selectFrom('cases')
      .select('person_id')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    await ctx.db.updateTable('persons').set({ nationality: 'KE' }).where('id', '=', person_id).execute();
    await consent(manager, caseId, { purpose: 'embassy_contact' });
    expect((await refer(manager, caseId, philippines)).json().code).toBe('EMBASSY_NOT_OF_NATIONALITY');
    const codes = await blockersOf(caseId);
    expect(codes).toContain('NO_EMBASSY_OF_NATIONALITY:embassy');
    expect(codes).not.toContain('REQUIRED_REFERRAL_MISSING:embassy');
  });
});
