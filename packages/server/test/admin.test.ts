import { ROLES } from '@opennrm/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_USERS } from '../src/seed.js';
import { type Client, createTestContext, type TestContext } from './harness.js';

let ctx: TestContext;
let admin: Client;
let coordinatorId: string;
let policeId: string;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.signIn('admin');
  const orgs = (await admin.get('/api/organisations?limit=100')).json().items as {
    id: string;
    kind: string;
  }[];
  coordinatorId = orgs.find((o) => o.kind === 'coordinator')!.id;
  policeId = orgs.find((o) => o.kind === 'police')!.id;
});
afterAll(() => ctx.close());

const ZERO = '00000000-0000-4000-8000-000000000000';
/** Every administrative endpoint, with a body that would be valid for an administrator. */
const ADMIN_ENDPOINTS: [method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown][] = [
  ['POST', '/api/organisations', { name: 'Probe Organisation', kind: 'health' }],
  ['PATCH', `/api/organisations/${ZERO}`, { name: 'Renamed' }],
  ['GET', '/api/users'],
  ['GET', `/api/users/${ZERO}`],
  [
    'POST',
    '/api/users',
    { username: 'probe', displayName: 'P', role: 'analyst', organisationId: ZERO, password: 'x' },
  ],
  ['PATCH', `/api/users/${ZERO}`, { displayName: 'X' }],
  ['POST', `/api/users/${ZERO}/password-reset`, { newPassword: 'another long passphrase' }],
  ['POST', `/api/users/${ZERO}/mfa-reset`, {}],
];

describe('administrative endpoints', () => {
  it.each(ADMIN_ENDPOINTS)('%s %s answers 401 to anonymous callers', async (method, url, body) => {
    const res = await ctx.client().request(method, url, body);
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
  });

  const nonAdmins = DEMO_USERS.filter((u) => u.role !== 'administrator');
  it('covers every role but the administrator', () => {
    expect(new Set(nonAdmins.map((u) => u.role))).toEqual(
      new Set(ROLES.filter((r) => r !== 'administrator')),
    );
  });

  it.each(nonAdmins)(
    'answers 403 to $role on every endpoint, and audits each denial',
    async ({ username }) => {
      const c = await ctx.signIn(username);
      for (const [method, url, body] of ADMIN_ENDPOINTS) {
        const res = await c.request(method, url, body);
        expect(res.statusCode, `${method} ${url}`).toBe(403);
        expect(res.json().code).toBe('FORBIDDEN');
      }
      const denials = await ctx.db
        .selectFrom('audit_log')
        .select(['target_id'])
        .where('action', '=', 'access.denied')
        .where('actor_username', '=', username)
        .execute();
      expect(denials).toHaveLength(ADMIN_ENDPOINTS.length);
    },
  );
});

describe('organisations', () => {
  it('creates, lists with filters and pages, edits and deactivates', async () => {
    const created = await admin.post('/api/organisations', {
      name: 'Embassy of Kenya',
      nameAr: 'سفارة كينيا',
      kind: 'embassy',
      countryCode: 'ke',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ kind: 'embassy', countryCode: 'KE', active: true, userCount: 0 });
    const id = created.json().id;

    const embassies = (await admin.get('/api/organisations?kind=embassy')).json();
    expect(embassies.total).toBe(3);
    expect(embassies.items.map((o: { name: string }) => o.name)).toContain('Embassy of Kenya');
    expect(
      (await admin.get(`/api/organisations?q=${encodeURIComponent('كينيا')}`)).json().items,
    ).toHaveLength(1);

    const first = (await admin.get('/api/organisations?limit=5')).json();
    const second = (await admin.get(`/api/organisations?limit=5&cursor=${first.nextCursor}`)).json();
    expect(first.items).toHaveLength(5);
    expect(second.items[0].name.toLowerCase() > first.items[4].name.toLowerCase()).toBe(true);

    const edited = await admin.patch(`/api/organisations/${id}`, {
      name: 'Embassy of the Republic of Kenya',
    });
    expect(edited.json().name).toBe('Embassy of the Republic of Kenya');
    const off = await admin.patch(`/api/organisations/${id}`, { active: false });
    expect(off.json().active).toBe(false);
    expect((await admin.get('/api/organisations?active=false')).json().total).toBe(1);

    const actions = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_username'])
      .where('target_id', '=', id)
      .execute();
    expect(actions).toEqual([
      { action: 'organisation.created', actor_username: 'admin' },
      { action: 'organisation.updated', actor_username: 'admin' },
      { action: 'organisation.updated', actor_username: 'admin' },
    ]);
  });

  it('rejects an embassy without a country, unknown properties and duplicate names, with field details', async () => {
    const noCountry = await admin.post('/api/organisations', { name: 'Embassy of Nowhere', kind: 'embassy' });
    expect(noCountry.statusCode).toBe(400);
    expect(noCountry.json().code).toBe('VALIDATION_FAILED');
    expect(noCountry.json().details.issues[0].path).toEqual(['countryCode']);

    const extra = await admin.post('/api/organisations', {
      name: 'Sneaky',
      kind: 'health',
      active: false,
      id: 'x',
    });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().code).toBe('VALIDATION_FAILED');

    const dup = await admin.post('/api/organisations', {
      name: 'public prosecution',
      kind: 'prosecution_justice',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('ORGANISATION_NAME_TAKEN');
  });

  it('refuses to let administrators deactivate their own organisation', async () => {
    const res = await admin.patch(`/api/organisations/${coordinatorId}`, { active: false });
    expect(res.json().code).toBe('SELF_LOCKOUT');
  });

  it('ends the sessions of users of a deactivated organisation and stops their sign-in', async () => {
    const c = await ctx.signIn('officer');
    expect((await c.get('/api/me')).statusCode).toBe(200);
    await admin.patch(`/api/organisations/${policeId}`, { active: false });
    expect((await c.get('/api/me')).statusCode).toBe(401);
    const again = await ctx
      .client()
      .post('/api/auth/login', { username: 'officer', password: DEMO_PASSWORD });
    expect(again.json().code).toBe('AUTH_INVALID_CREDENTIALS');
    await admin.patch(`/api/organisations/${policeId}`, { active: true });
  });
});

describe('users', () => {
  it('creates a user who must change the temporary password at first sign-in', async () => {
    const res = await admin.post('/api/users', {
      username: 'Police.Officer2',
      displayName: 'Salma Idris',
      role: 'agency_officer',
      organisationId: policeId,
      password: 'first-day Passphrase 7',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      username: 'police.officer2',
      mustChangePassword: true,
      mfaEnabled: false,
    });

    const c = ctx.client();
    const login = await c.post('/api/auth/login', {
      username: 'police.officer2',
      password: 'first-day Passphrase 7',
    });
    expect(login.json().stage).toBe('password_change_required');
    expect((await c.get('/api/audit')).json().code).toBe('AUTH_STEP_REQUIRED');
  });

  it('keeps roles in organisations of fitting kinds', async () => {
    const res = await admin.post('/api/users', {
      username: 'wrongplace',
      displayName: 'Wrong Place',
      role: 'embassy_officer',
      organisationId: policeId,
      password: 'a fine long passphrase',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('ROLE_ORGANISATION_MISMATCH');
  });

  it('refuses weak passwords and taken usernames', async () => {
    const base = { displayName: 'X', role: 'analyst', organisationId: coordinatorId };
    expect(
      (await admin.post('/api/users', { ...base, username: 'weak1', password: 'qwerty123456' })).json().code,
    ).toBe('PASSWORD_TOO_COMMON');
    expect(
      (await admin.post('/api/users', { ...base, username: 'weak2', password: 'short' })).json().code,
    ).toBe('PASSWORD_TOO_SHORT');
    expect(
      (await admin.post('/api/users', { ...base, username: 'weak3', password: 'x'.repeat(129) })).json().code,
    ).toBe('PASSWORD_TOO_LONG');
    expect(
      (
        await admin.post('/api/users', { ...base, username: 'admin', password: 'a fine long passphrase' })
      ).json().code,
    ).toBe('USERNAME_TAKEN');
  });

  it('disabling a user ends their sessions; re-enabling lets them back', async () => {
    const analyst = await ctx.signIn('analyst');
    const users = (await admin.get('/api/users?role=analyst')).json();
    expect(users.total).toBe(1);
    const id = users.items[0].id;
    expect((await admin.patch(`/api/users/${id}`, { active: false })).json().active).toBe(false);
    expect((await analyst.get('/api/me')).statusCode).toBe(401);
    const login = await ctx
      .client()
      .post('/api/auth/login', { username: 'analyst', password: DEMO_PASSWORD });
    expect(login.statusCode).toBe(401);
    await admin.patch(`/api/users/${id}`, { active: true });
    expect(
      (await ctx.client().post('/api/auth/login', { username: 'analyst', password: DEMO_PASSWORD }))
        .statusCode,
    ).toBe(200);
  });

  it('resets a password: sessions end and the user must change it', async () => {
    const auditorSession = await ctx.signIn('auditor');
    const id = (await admin.get('/api/users?q=auditor')).json().items[0].id;
    const reset = await admin.post(`/api/users/${id}/password-reset`, {
      newPassword: 'temporary reset phrase',
    });
    expect(reset.statusCode).toBe(204);
    expect((await auditorSession.get('/api/me')).statusCode).toBe(401);
    const c = ctx.client();
    expect(
      (await c.post('/api/auth/login', { username: 'auditor', password: DEMO_PASSWORD })).statusCode,
    ).toBe(401);
    const login = await c.post('/api/auth/login', {
      username: 'auditor',
      password: 'temporary reset phrase',
    });
    expect(login.json().stage).toBe('mfa_required');
  });

  it('resets a lost second factor, so a supervisor must enrol again', async () => {
    const id = (await admin.get('/api/users?role=nrm_supervisor')).json().items[0].id;
    expect((await admin.post(`/api/users/${id}/mfa-reset`, {})).statusCode).toBe(204);
    const login = await ctx
      .client()
      .post('/api/auth/login', { username: 'supervisor', password: DEMO_PASSWORD });
    expect(login.json().stage).toBe('mfa_enrolment_required');
  });

  it('does not let administrators lock themselves out', async () => {
    const me = (await admin.get('/api/me')).json();
    expect((await admin.patch(`/api/users/${me.id}`, { active: false })).json().code).toBe('SELF_LOCKOUT');
    expect((await admin.patch(`/api/users/${me.id}`, { role: 'analyst' })).json().code).toBe('SELF_LOCKOUT');
  });

  it('answers 404 with the error shape for an unknown user', async () => {
    const res = await admin.get(`/api/users/${ZERO}`);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ code: 'NOT_FOUND', message: 'User not found' });
  });
});
