import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestContext, type TestContext } from './harness.js';

let ctx: TestContext;
let manager: Client;
let supervisor: Client;
beforeAll(async () => {
  ctx = await createTestContext();
  manager = await ctx.signIn('casemanager');
  supervisor = await ctx.signIn('supervisor');
});
afterAll(() => ctx.close());

const walkIn = (overrides: Record<string, unknown> = {}) => ({
  intakeKind: 'walk_in',
  channel: 'walk_in',
  person: {
    nameLatin: 'Maricel Dela Cruz',
    sex: 'female',
    dateOfBirth: '1994-03-12',
    nationality: 'PH',
    languages: ['tl', 'en'],
    workPermitType: 'domestic_worker',
    phone: '+973 3600 1122',
    documents: [{ type: 'passport', number: 'P1234567A', issuingCountry: 'PH', holder: 'employer' }],
  },
  narrative: 'Employer keeps her passport; salary unpaid for four months.',
  ...overrides,
});

describe('creating cases', () => {
  it('gives gapless yearly references and encrypts identity numbers, phones and narratives', async () => {
    const first = await manager.post('/api/cases', walkIn());
    expect(first.statusCode).toBe(201);
    const second = await manager.post('/api/cases', walkIn({ person: { nameLatin: 'Second Person' } }));
    const year = new Date().getUTCFullYear();
    const n1 = Number(first.json().reference.slice(-6));
    expect(first.json().reference).toMatch(new RegExp(`^NRM-${year}-\\d{6}$`));
    expect(Number(second.json().reference.slice(-6))).toBe(n1 + 1);
    expect(first.json()).toMatchObject({ stage: 'received', risk: 'medium', duplicateCheck: 'pending' });
    expect(first.json().person.documents[0]).toMatchObject({ number: 'P1234567A', holder: 'employer' });
    expect(first.json().narrative).toContain('passport');

    const stored = await ctx.db.selectFrom('identity_documents').selectAll().executeTakeFirstOrThrow();
    expect(stored.number_enc).not.toContain('P1234567A');
    const person = await ctx.db
      .selectFrom('persons')
      .selectAll()
      .where('id', '=', first.json().person.id)
      .executeTakeFirstOrThrow();
    expect(person.phone_enc).not.toContain('3600');
    const caseRow = await ctx.db
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', first.json().id)
      .executeTakeFirstOrThrow();
    expect(caseRow.narrative_enc).not.toContain('passport');
    expect(ctx.logs.join('\n')).not.toContain('P1234567A');
  });

  it('never makes a second case for a retried request with the same Idempotency-Key', async () => {
    const send = () =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/cases',
        headers: {
          cookie: manager.cookieHeader,
          'x-csrf-token': manager.csrfToken!,
          'idempotency-key': 'retry-123',
        },
        payload: walkIn({ person: { nameLatin: 'Idempotent Person' } }),
      });
    const [a, b] = await Promise.all([send(), send()]);
    const c = await send();
    expect(a.statusCode).toBe(201);
    expect(b.json().id).toBe(a.json().id);
    expect(c.json().reference).toBe(a.json().reference);
    expect(c.headers['idempotent-replayed']).toBe('true');
    const count = await ctx.db
      .selectFrom('persons')
      .select('id')
      .where('name_latin', '=', 'Idempotent Person')
      .execute();
    expect(count).toHaveLength(1);
  });

  it('rejects bad input with field details and writes nothing', async () => {
    const before = await ctx.db.selectFrom('cases').select('id').execute();
    const res = await manager.post(
      '/api/cases',
      walkIn({ person: { sex: 'female' }, channel: 'carrier-pigeon' }),
    );
    expect(res.statusCode).toBe(400);
    const paths = res.json().details.issues.map((i: { path: string[] }) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['channel', 'person.nameLatin']));
    expect(await ctx.db.selectFrom('cases').select('id').execute()).toHaveLength(before.length);
  });

  it('requires If-Match on updates: 428 without, 412 when stale', async () => {
    const created = (
      await manager.post('/api/cases', walkIn({ person: { nameLatin: 'Etag Person' } }))
    ).json();
    const url = `/api/cases/${created.id}`;
    const none = await manager.patch(url, { risk: 'high' });
    expect(none.statusCode).toBe(428);
    const ok = await manager.request('PATCH', url, { risk: 'high' }, { headers: { 'if-match': '"v1"' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe('"v2"');
    const stale = await manager.request('PATCH', url, { risk: 'low' }, { headers: { 'if-match': '"v1"' } });
    expect(stale.statusCode).toBe(412);
    expect((await manager.get(url)).json().risk).toBe('high');
  });
});

describe('assignment and the duplicate check', () => {
  it('lets a supervisor assign a case manager, which moves the case to screening', async () => {
    const created = (await manager.post('/api/cases', walkIn({ person: { nameLatin: 'Assign Me' } }))).json();
    const me = (await manager.get('/api/me')).json();
    const denied = await manager.request(
      'PUT',
      `/api/cases/${created.id}/assignee`,
      { assigneeId: me.id },
      { headers: { 'if-match': '"v1"' } },
    );
    expect(denied.statusCode).toBe(403);
    const res = await supervisor.request(
      'PUT',
      `/api/cases/${created.id}/assignee`,
      { assigneeId: me.id },
      { headers: { 'if-match': '"v1"' } },
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ stage: 'screening', assignedTo: { id: me.id } });
    const mine = (await manager.get('/api/cases?view=mine')).json();
    expect(mine.items.map((i: { id: string }) => i.id)).toContain(created.id);
    const analystId = (
      await ctx.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'analyst')
        .executeTakeFirstOrThrow()
    ).id;
    const bad = await supervisor.request(
      'PUT',
      `/api/cases/${created.id}/assignee`,
      { assigneeId: analystId },
      { headers: { 'if-match': '"v2"' } },
    );
    expect(bad.json().code).toBe('ASSIGNEE_INVALID');
  });

  it('finds the person first entered in Latin script when the same person comes back in Arabic, and links the case', async () => {
    const original = (
      await manager.post(
        '/api/cases',
        walkIn({
          person: {
            nameLatin: 'Mohammed Abdulla',
            dateOfBirth: '1990-05-01',
            nationality: 'EG',
            sex: 'male',
          },
        }),
      )
    ).json();
    const dup = await manager.post('/api/persons/duplicates', {
      nameArabic: 'محمد عبدالله',
      nationality: 'EG',
      dateOfBirth: '1990-05-01',
    });
    expect(dup.statusCode).toBe(200);
    expect(dup.json().candidates[0]).toMatchObject({
      personId: original.person.id,
      caseReferences: [original.reference],
    });

    const again = (
      await manager.post(
        '/api/cases',
        walkIn({ person: { nameArabic: 'محمد عبدالله', nationality: 'EG', dateOfBirth: '1990-05-01' } }),
      )
    ).json();
    const linked = await manager.request(
      'POST',
      `/api/cases/${again.id}/person`,
      { personId: original.person.id },
      { headers: { 'if-match': '"v1"' } },
    );
    expect(linked.json()).toMatchObject({
      duplicateCheck: 'linked_existing',
      person: { id: original.person.id },
    });
    const trail = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', again.id)
      .execute();
    expect(trail.map((t) => t.action)).toContain('case.person_linked');
  });
});

describe('consents and parties', () => {
  it('keeps a consent history, and requires a guardian for a child', async () => {
    const created = (
      await manager.post(
        '/api/cases',
        walkIn({ person: { nameLatin: 'Consent Person', dateOfBirth: '1992-01-01' } }),
      )
    ).json();
    const url = `/api/cases/${created.id}/consents`;
    await manager.post(url, {
      purpose: 'embassy_contact',
      status: 'given',
      method: 'verbal_with_interpreter',
    });
    const res = await manager.post(url, {
      purpose: 'embassy_contact',
      status: 'withdrawn',
      method: 'signed_form',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().items.map((c: { status: string; current: boolean }) => [c.status, c.current])).toEqual([
      ['withdrawn', true],
      ['given', false],
    ]);

    const child = (
      await manager.post(
        '/api/cases',
        walkIn({
          person: { nameLatin: 'Child Person', dateOfBirth: `${new Date().getUTCFullYear() - 15}-01-01` },
        }),
      )
    ).json();
    const noGuardian = await manager.post(`/api/cases/${child.id}/consents`, {
      purpose: 'shelter',
      status: 'given',
      method: 'verbal',
    });
    expect(noGuardian.json().code).toBe('VALIDATION_FAILED');
    const guardian = await manager.post(`/api/cases/${child.id}/consents`, {
      purpose: 'shelter',
      status: 'given',
      method: 'signed_form',
      givenBy: 'guardian',
      guardianName: 'Child Protection Officer',
    });
    expect(guardian.statusCode).toBe(201);
  });

  it('shares one employer record across cases', async () => {
    const a = (await manager.post('/api/cases', walkIn({ person: { nameLatin: 'Worker A' } }))).json();
    const b = (await manager.post('/api/cases', walkIn({ person: { nameLatin: 'Worker B' } }))).json();
    const first = await manager.post(`/api/cases/${a.id}/parties`, {
      party: { kind: 'company', name: 'Gulf Star Cleaning Services', country: 'BH' },
      role: 'employer',
    });
    const partyId = first.json().items[0].party.id;
    await manager.post(`/api/cases/${b.id}/parties`, { partyId, role: 'employer' });
    const found = (await manager.get('/api/parties?q=gulf star')).json();
    expect(found.items).toHaveLength(1);
    expect(found.items[0].caseCount).toBe(2);
  });
});

describe('case list', () => {
  it('filters, searches by reference and by name in either script, and pages', async () => {
    const all = (await manager.get('/api/cases?limit=3')).json();
    expect(all.items).toHaveLength(3);
    expect(all.total).toBeGreaterThan(3);
    const next = (await manager.get(`/api/cases?limit=3&cursor=${all.nextCursor}`)).json();
    expect(next.items[0].id).not.toBe(all.items[2].id);

    const ref = all.items[0].reference;
    expect(
      (await manager.get(`/api/cases?q=${ref}`)).json().items.map((i: { reference: string }) => i.reference),
    ).toEqual([ref]);
    const arabic = (await manager.get(`/api/cases?q=${encodeURIComponent('محمد')}`)).json();
    const latinOfIt = (await manager.get('/api/cases?q=mohammed')).json();
    expect(arabic.total).toBeGreaterThanOrEqual(2);
    expect(latinOfIt.total).toBeGreaterThanOrEqual(2);
    expect(
      (await manager.get('/api/cases?nationality=EG&stage=received'))
        .json()
        .items.every((i: { person: { nationality: string } }) => i.person.nationality === 'EG'),
    ).toBe(true);
    expect((await manager.get('/api/cases?view=unassigned&risk=urgent')).json().items).toEqual([]);
  });
});

describe('supervision', () => {
  it('lists assignable NRM staff for supervisors only', async () => {
    const res = (await supervisor.get('/api/users/assignable')).json();
    expect(res.items.map((u: { role: string }) => u.role).sort()).toEqual([
      'nrm_case_manager',
      'nrm_supervisor',
    ]);
    expect((await manager.get('/api/users/assignable')).statusCode).toBe(403);
  });

  it('records reads of every section in the access log, and keeps reads out of the timeline', async () => {
    const created = (
      await manager.post('/api/cases', walkIn({ person: { nameLatin: 'Logged Reader' } }))
    ).json();
    for (const section of ['consents', 'parties', 'timeline', 'screening']) {
      expect((await manager.get(`/api/cases/${created.id}/${section}`)).statusCode).toBe(200);
    }
    const log = (await supervisor.get(`/api/cases/${created.id}/access-log`)).json();
    const managerReads = log.items.filter((i: { actor: string }) => i.actor === 'casemanager');
    expect(managerReads.length).toBeGreaterThanOrEqual(4);
    const timeline = (await manager.get(`/api/cases/${created.id}/timeline`)).json();
    expect(timeline.items.map((i: { action: string }) => i.action)).toEqual(['case.created']);
  });
});

describe('duplicate candidates among many namesakes', () => {
  it('always includes a namesake born the same day, however many others share the name', async () => {
    const { duplicateCandidateIds } = await import('../src/features/persons/persons.repository.js');
    const { nameKeys } = await import('@opennrm/domain');
    for (let i = 0; i < 6; i++) {
      await manager.post(
        '/api/cases',
        walkIn({ person: { nameLatin: 'Namesake Karim', dateOfBirth: `1980-01-0${i + 1}` } }),
      );
    }
    const target = (
      await manager.post(
        '/api/cases',
        walkIn({ person: { nameLatin: 'Namesake Karim', dateOfBirth: '1985-07-20' } }),
      )
    ).json();
    const ids = await duplicateCandidateIds(
      ctx.db,
      { keys: nameKeys('Namesake Karim'), documentIndexes: [], phoneIndex: null, dateOfBirth: '1985-07-20' },
      2,
    );
    expect(ids).toContain(target.person.id);
  });
});

describe('identity documents after intake', () => {
  it('adds a passport found later, records it handed back, removes a mistaken one; each with If-Match and audited', async () => {
    const created = (
      await manager.post('/api/cases', walkIn({ person: { nameLatin: 'Later Passport', nationality: 'ET' } }))
    ).json();
    const personId = created.person.id as string;
    const url = `/api/persons/${personId}/documents`;
    const doc = { type: 'passport', number: 'EP1234567', issuingCountry: 'ET', holder: 'employer' };
    expect((await manager.post(url, doc)).statusCode).toBe(428);
    const added = await manager.request('POST', url, doc, {
      headers: { 'if-match': `"v${created.person.version}"` },
    });
    expect(added.statusCode).toBe(201);
    const passport = added.json().documents.find((d: { number: string }) => d.number === 'EP1234567');
    expect(passport.holder).toBe('employer');

    const found = await manager.post('/api/persons/duplicates', {
      documents: [{ type: 'passport', number: 'ep 1234567' }],
    });
    expect(found.json().candidates[0].personId).toBe(personId);

    const handedBack = await manager.request(
      'PATCH',
      `${url}/${passport.id}`,
      { holder: 'person' },
      { headers: { 'if-match': added.headers.etag as string } },
    );
    expect(handedBack.json().documents[0].holder).toBe('person');
    const stale = await manager.request('DELETE', `${url}/${passport.id}`, undefined, {
      headers: { 'if-match': added.headers.etag as string },
    });
    expect(stale.statusCode).toBe(412);
    const removed = await manager.request('DELETE', `${url}/${passport.id}`, undefined, {
      headers: { 'if-match': handedBack.headers.etag as string },
    });
    expect(removed.json().documents).toEqual([]);
    const trail = await ctx.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'person.updated')
      .where('target_id', '=', personId)
      .execute();
    expect(trail.map((t) => t.details.document)).toEqual(['added', 'holder_changed', 'removed']);
    const hotline = await ctx.signIn('hotline');
    expect((await hotline.post(url, doc)).statusCode).toBe(403);
  });
});
