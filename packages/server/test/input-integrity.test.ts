import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestContext, type TestContext } from './harness.js';
import { screenedTraffickingCase } from './workflow-support.js';

/**
 * Issue 9, holes 11 and 12: bad input is answered with a 4xx and a stable code, never a 5xx;
 * links between records stay within one case; a person keeps a name. Each `describe` is a
 * class of defect the fuzzer (`npm run fuzz`) found or the attack report named.
 */
let ctx: TestContext;
let manager: Client;
let admin: Client;
let caseId: string;
let personId: string;

const enc = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

beforeAll(async () => {
  ctx = await createTestContext();
  manager = await ctx.signIn('casemanager');
  admin = await ctx.signIn('admin');
  const created = await manager.post('/api/cases', {
    intakeKind: 'walk_in',
    channel: 'walk_in',
    person: { nameLatin: 'Integrity Person', nationality: 'NP' },
  });
  expect(created.statusCode, created.body).toBe(201);
  caseId = created.json().id;
  personId = created.json().person.id;
});
afterAll(() => ctx.close());

describe('NUL bytes are refused in every string (body, query, path), never a 500', () => {
  it('refuses NUL in JSON bodies with VALIDATION_FAILED', async () => {
    const attempts = [
      await manager.post('/api/cases', {
        intakeKind: 'walk_in',
        channel: 'walk_in',
        person: { nameLatin: 'Nul\u0000Name' },
      }),
      await manager.request('PATCH', '/api/me', { displayName: 'a\u0000b' }),
      await admin.post('/api/organisations', { name: 'Org\u0000', kind: 'ngo' }),
      await admin.request('PUT', '/api/calendar', {
        weekendDays: [5],
        holidays: [{ date: '2026-01-01', name: 'x\u0000' }],
      }),
      await ctx.client().post('/api/auth/login', { username: 'admin\u0000', password: 'x' }),
      await admin.post('/api/sops/validate', { document: { id: 'x\u0000' } }),
    ];
    for (const res of attempts) {
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
  });

  it('refuses NUL in query strings and path parameters', async () => {
    for (const url of [
      '/api/cases?q=a%00b',
      '/api/parties?q=a%00',
      `/api/cases/${caseId}%00`,
      '/api/users?q=%00',
    ]) {
      const res = await manager.get(url);
      expect(res.statusCode, `${url}: ${res.body}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
    }
  });
});

describe('paging cursors are decoded safely: a bad cursor is a 400, never a 500', () => {
  const bad = [
    enc('x|y'),
    enc(`notadate|${crypto.randomUUID()}`),
    enc(`${new Date().toISOString()}|not-a-uuid`),
    enc('a\u0000b'),
    enc('aaaa'),
    'ㇸ',
    '%%',
  ];
  const lists = [
    '/api/tasks',
    '/api/inbox',
    '/api/cases',
    '/api/notifications',
    '/api/users',
    '/api/organisations',
    '/api/audit',
  ];
  it.each(lists)('%s', async (list) => {
    const client =
      list === '/api/inbox'
        ? await ctx.signIn('focalpoint')
        : list === '/api/audit'
          ? await ctx.signIn('auditor')
          : manager;
    const who = list === '/api/users' || list === '/api/organisations' ? admin : client;
    for (const cursor of bad) {
      const res = await who.get(`${list}?cursor=${encodeURIComponent(cursor)}`);
      expect(res.statusCode, `${list} ${cursor}: ${res.body}`).toBeLessThan(500);
      if (res.statusCode !== 200) expect(res.json().code).toMatch(/BAD_REQUEST|VALIDATION_FAILED/);
    }
  });
});

describe('unknown foreign ids answer 422 with the field, not a foreign-key 500', () => {
  it('an unknown referring organisation on a new case', async () => {
    const res = await manager.post('/api/cases', {
      intakeKind: 'walk_in',
      channel: 'ngo',
      referredByOrganisationId: crypto.randomUUID(),
      person: { nameLatin: 'Unknown Org' },
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().code).toBe('REFERENCE_INVALID');
    expect(res.json().details.field).toBe('referredByOrganisationId');
  });

  it('an unknown person on a new case', async () => {
    const res = await manager.post('/api/cases', {
      intakeKind: 'walk_in',
      channel: 'walk_in',
      personId: crypto.randomUUID(),
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json()).toMatchObject({ code: 'REFERENCE_INVALID', details: { field: 'personId' } });
  });

  it('an unknown organisation on a consent', async () => {
    const res = await manager.post(`/api/cases/${caseId}/consents`, {
      purpose: 'share_with_organisation',
      organisationId: crypto.randomUUID(),
      status: 'given',
      method: 'verbal',
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().details.field).toBe('organisationId');
  });
});

describe('dates that cannot be: a birth in the future, a case received later than now', () => {
  it('refuses a future date of birth, at intake and on edit', async () => {
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const created = await manager.post('/api/cases', {
      intakeKind: 'walk_in',
      channel: 'walk_in',
      person: { nameLatin: 'Future Born', dateOfBirth: future },
    });
    expect(created.statusCode, created.body).toBe(400);
    expect(created.json().details.issues[0].path).toEqual(['person', 'dateOfBirth']);
    const person = await manager.get(`/api/persons/${personId}`);
    const edited = await manager.request(
      'PATCH',
      `/api/persons/${personId}`,
      { dateOfBirth: '2999-01-01' },
      { headers: { 'if-match': person.headers.etag as string } },
    );
    expect(edited.statusCode, edited.body).toBe(400);
  });

  it('refuses a received date in the future (beyond a few minutes of clock skew)', async () => {
    const later = new Date(ctx.clock.now().getTime() + 3_600_000).toISOString();
    const created = await manager.post('/api/cases', {
      intakeKind: 'walk_in',
      channel: 'walk_in',
      receivedAt: later,
      person: { nameLatin: 'Received Later' },
    });
    expect(created.statusCode, created.body).toBe(400);
    expect(created.json().details.issues[0].path).toEqual(['receivedAt']);
    const skewed = await manager.post('/api/cases', {
      intakeKind: 'walk_in',
      channel: 'walk_in',
      receivedAt: new Date(ctx.clock.now().getTime() + 60_000).toISOString(),
      person: { nameLatin: 'Received Skewed' },
    });
    expect(skewed.statusCode, skewed.body).toBe(201);
    const current = await manager.get(`/api/cases/${caseId}`);
    const edited = await manager.request(
      'PATCH',
      `/api/cases/${caseId}`,
      { receivedAt: '2999-01-01T00:00:00Z' },
      { headers: { 'if-match': current.headers.etag as string } },
    );
    expect(edited.statusCode, edited.body).toBe(400);
  });
});

describe('search dates stay within what SQL can read', () => {
  it('a from/to date at the end of year 9999 is a 400, not a 500', async () => {
    const auditor = await ctx.signIn('auditor');
    for (const [client, url] of [
      [auditor, '/api/audit?from=9999-12-31&to=9999-12-31'],
      [manager, '/api/cases?from=9999-12-31&to=9999-12-31'],
    ] as const) {
      const res = await client.get(url);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(400);
    }
  });
});

describe('a person keeps at least one name', () => {
  it('PATCH /api/persons/{id} removing both names answers 422 PERSON_NAME_REQUIRED', async () => {
    const person = await manager.get(`/api/persons/${personId}`);
    const res = await manager.request(
      'PATCH',
      `/api/persons/${personId}`,
      { nameLatin: null, nameArabic: null },
      { headers: { 'if-match': person.headers.etag as string } },
    );
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().code).toBe('PERSON_NAME_REQUIRED');
    const after = await manager.get(`/api/persons/${personId}`);
    expect(after.json().nameLatin).toBe('Integrity Person');
  });
});

describe('upload metadata links only records of the same case', () => {
  it("refuses another case's referral or task (422 with the field)", async () => {
    const supervisor = await ctx.signIn('supervisor');
    const otherId = await screenedTraffickingCase(manager);
    const started = await manager.post(`/api/cases/${otherId}/workflow/start`);
    expect(started.statusCode, started.body).toBeLessThan(300);
    const police = await ctx.db
      .selectFrom('organisations')
      .select('id')
      .where('kind', '=', 'police')
      .executeTakeFirstOrThrow();
    const referred = await supervisor.post(`/api/cases/${otherId}/referrals`, {
      organisationId: police.id,
      purpose: 'investigation',
      withoutConsentReason: 'Urgent: the person is in danger tonight',
    });
    expect(referred.statusCode, referred.body).toBe(201);
    const tasked = await manager.post(`/api/cases/${otherId}/tasks`, { title: 'Call back' });
    expect(tasked.statusCode, tasked.body).toBe(201);
    const referral = { id: referred.json().id as string, case_id: otherId };
    const task = { id: tasked.json().id as string };
    for (const [field, id] of [
      ['referralId', referral.id],
      ['taskId', task.id],
      ['referralId', crypto.randomUUID()],
    ] as const) {
      const res = await manager.post(`/api/cases/${caseId}/uploads`, {
        fileName: 'a.pdf',
        size: 10,
        metadata: { type: 'other', title: 'Linked', [field]: id },
      });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().code).toBe('REFERENCE_INVALID');
      expect(res.json().details.field).toBe(field);
    }
    // The same case's own referral is accepted.
    const own = await manager.post(`/api/cases/${referral.case_id}/uploads`, {
      fileName: 'a.pdf',
      size: 10,
      metadata: { type: 'other', title: 'Linked', referralId: referral.id },
    });
    expect(own.statusCode, own.body).toBe(201);
  });
});

describe('no endpoint takes just any JSON', () => {
  it('SOP and questionnaire documents must be JSON objects of bounded size', async () => {
    const sops = (await admin.get('/api/sops')).json().items;
    const sop = sops[0];
    const notObject = await admin.post(`/api/sops/${sop.id}/versions`, {
      document: 'x',
      basedOnVersion: sop.latestVersion,
    });
    expect(notObject.statusCode, notObject.body).toBe(400);
    expect(notObject.json().code).toBe('VALIDATION_FAILED');
    const deep: Record<string, unknown> = {};
    let at = deep;
    for (let i = 0; i < 100; i++) {
      at.a = {};
      at = at.a as Record<string, unknown>;
    }
    const tooDeep = await admin.post('/api/screening/questionnaires', {
      questionnaire: deep,
      scoringRules: {},
    });
    expect(tooDeep.statusCode, tooDeep.body).toBe(400);
  });

  it('a chunk without a binary body is a 4xx, not a 500', async () => {
    const started = await manager.post(`/api/cases/${caseId}/uploads`, {
      fileName: 'b.pdf',
      size: 10,
      metadata: { type: 'other', title: 'No body' },
    });
    expect(started.statusCode, started.body).toBe(201);
    const res = await manager.request('PUT', `/api/uploads/${started.json().id}/chunks/0`);
    expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
    expect(res.statusCode, res.body).toBeLessThan(500);
  });
});

describe('issue 12, point 13: dates in the future and duplicate register records', () => {
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);

  it('refuses a date of birth in the future with a translated field error', async () => {
    const res = await manager.post('/api/cases', {
      intakeKind: 'walk_in',
      channel: 'walk_in',
      person: { nameLatin: 'Future Born', dateOfBirth: inDays(3).toISOString().slice(0, 10) },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(res.json().details.issues).toEqual([
      expect.objectContaining({
        path: ['person', 'dateOfBirth'],
        params: { i18n: 'validation.dateInFuture' },
      }),
    ]);
  });

  it('refuses a received time in the future (create and edit), and accepts one a few minutes ahead', async () => {
    const future = inDays(2).toISOString();
    const created = await manager.post('/api/cases', {
      intakeKind: 'walk_in',
      channel: 'walk_in',
      receivedAt: future,
      person: { nameLatin: 'Received Tomorrow' },
    });
    expect(created.statusCode, created.body).toBe(400);
    expect(created.json().details.issues).toEqual([
      expect.objectContaining({ path: ['receivedAt'], params: { i18n: 'validation.timeInFuture' } }),
    ]);
    const read = await manager.get(`/api/cases/${caseId}`);
    const edited = await manager.patch(
      `/api/cases/${caseId}`,
      { receivedAt: future },
      { headers: { 'if-match': read.headers.etag as string } },
    );
    expect(edited.statusCode, edited.body).toBe(400);
    expect(edited.json().code).toBe('VALIDATION_FAILED');
    // A clock a little ahead of the server's is not refused.
    const skewed = await manager.post('/api/cases', {
      intakeKind: 'walk_in',
      channel: 'walk_in',
      receivedAt: new Date(Date.now() + 2 * 60_000).toISOString(),
      person: { nameLatin: 'Received Now' },
    });
    expect(skewed.statusCode, skewed.body).toBe(201);
  });

  it('the same employer typed twice with the same registration number is one register record', async () => {
    const other = await manager.post('/api/cases', {
      intakeKind: 'walk_in',
      channel: 'walk_in',
      person: { nameLatin: 'Second Worker' },
    });
    expect(other.statusCode, other.body).toBe(201);
    const first = await manager.post(`/api/cases/${caseId}/parties`, {
      party: {
        kind: 'company',
        name: 'Pearl Manpower W.L.L.',
        country: 'BH',
        registrationNumber: 'CR-55501',
      },
      role: 'employer',
    });
    expect(first.statusCode, first.body).toBe(201);
    const second = await manager.post(`/api/cases/${other.json().id}/parties`, {
      party: { kind: 'company', name: 'Pearl Manpower', registrationNumber: ' cr-55501 ' },
      role: 'employer',
    });
    expect(second.statusCode, second.body).toBe(201);
    const a = first.json().items[0].party;
    const b = second.json().items[0].party;
    expect(b.id).toBe(a.id);
    expect(b).toMatchObject({ name: 'Pearl Manpower W.L.L.', caseCount: 2 });
    const found = (await manager.get('/api/parties?q=pearl manpower')).json();
    expect(found.items).toHaveLength(1);
  });
});

describe('issue 12, point 13: a follow-up contact is recorded when it is due, not weeks before', () => {
  /** Puts one follow-up contact in the workflow, due in `days` (reaching it through the API takes dozens of requests). */
  async function dueIn(id: string, days: number) {
    const wf = await ctx.db
      .selectFrom('case_workflows')
      .select('state')
      .where('case_id', '=', id)
      .executeTakeFirstOrThrow();
    const dueAt = new Date(Date.now() + days * 86_400_000).toISOString();
    await ctx.db
      .updateTable('case_workflows')
      .set({ state: JSON.stringify({ ...(wf.state as object), followUps: [{ dueAt, done: false }] }) })
      .where('case_id', '=', id)
      .execute();
    return dueAt;
  }
  const record = async (id: string) => {
    const wf = await manager.get(`/api/cases/${id}/workflow`);
    return manager.post(
      `/api/cases/${id}/follow-ups/0`,
      { reached: true, situation: 'Doing fine.', riskAfter: 'low' },
      { headers: { 'if-match': wf.headers.etag as string } },
    );
  };

  it('refuses a contact more than 7 days before it is due with FOLLOW_UP_NOT_DUE, accepts one 3 days before', async () => {
    const id = await screenedTraffickingCase(manager);
    const dueAt = await dueIn(id, 40);
    const early = await record(id);
    expect(early.statusCode, early.body).toBe(422);
    expect(early.json()).toMatchObject({ code: 'FOLLOW_UP_NOT_DUE', details: { dueAt } });
    const contacts = await ctx.db
      .selectFrom('follow_up_contacts')
      .select('idx')
      .where('case_id', '=', id)
      .where('recorded_at', 'is not', null)
      .execute();
    expect(contacts).toHaveLength(0);

    await dueIn(id, 3);
    const inWindow = await record(id);
    expect(inWindow.statusCode, inWindow.body).toBe(200);
  });
});
