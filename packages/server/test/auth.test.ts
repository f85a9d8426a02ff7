import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../src/lib/totp.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../src/seed.js';
import { createTestContext, type TestContext } from './harness.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const code = () => totpCode(DEMO_TOTP_SECRET, ctx.clock.now().getTime());

async function auditActions(): Promise<string[]> {
  const rows = await ctx.db.selectFrom('audit_log').select('action').orderBy('id').execute();
  return rows.map((r) => r.action);
}

describe('password and second factor', () => {
  it('asks for the second factor, then authenticates; the session token is rotated', async () => {
    const c = ctx.client();
    const login = await c.post('/api/auth/login', { username: 'casemanager', password: DEMO_PASSWORD });
    expect(login.statusCode).toBe(200);
    expect(login.json().stage).toBe('mfa_required');
    const partialCookie = c.cookieHeader;

    // A password alone opens nothing but the second-factor step.
    expect((await c.get('/api/organisations')).json().code).toBe('AUTH_STEP_REQUIRED');
    expect((await c.get('/api/me')).json().permissions).toEqual([]);

    ctx.clock.nextTotpStep();
    const mfa = await c.post('/api/auth/mfa', { code: code() });
    expect(mfa.json().stage).toBe('authenticated');
    expect(c.cookieHeader).not.toBe(partialCookie);
    const me = (await c.get('/api/me')).json();
    expect(me).toMatchObject({ username: 'casemanager', role: 'nrm_case_manager', stage: 'authenticated' });
    expect(me.permissions).toContain('organisations.read');
  });

  it('sets an HttpOnly, SameSite=Strict session cookie, Secure with __Host- behind HTTPS', async () => {
    const res = await ctx.client().post('/api/auth/login', { username: 'admin', password: DEMO_PASSWORD });
    const cookie = res.cookies[0] as {
      name: string;
      httpOnly?: boolean;
      sameSite?: string;
      secure?: boolean;
      path?: string;
    };
    expect(cookie).toMatchObject({ name: 'opennrm_session', httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie.secure).toBeFalsy();

    const https = await createTestContext({ PUBLIC_URL: 'https://nrm.example.org' });
    try {
      const r = await https.client().post('/api/auth/login', { username: 'admin', password: DEMO_PASSWORD });
      const c = r.cookies[0] as { name: string; secure?: boolean };
      expect(c.name).toBe('__Host-opennrm_session');
      expect(c.secure).toBe(true);
      expect(r.headers['strict-transport-security']).toContain('max-age=');
    } finally {
      await https.close();
    }
  });

  it('stores authenticator secrets encrypted', async () => {
    const rows = await ctx.db
      .selectFrom('users')
      .select('totp_secret')
      .where('totp_secret', 'is not', null)
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.totp_secret).toMatch(/^v1:/);
      expect(r.totp_secret).not.toContain(DEMO_TOTP_SECRET);
    }
  });

  it('accepts each TOTP code once', async () => {
    ctx.clock.nextTotpStep();
    const first = ctx.client();
    await first.post('/api/auth/login', { username: 'analyst', password: DEMO_PASSWORD });
    const reused = code();
    expect((await first.post('/api/auth/mfa', { code: reused })).statusCode).toBe(200);

    const second = ctx.client();
    await second.post('/api/auth/login', { username: 'analyst', password: DEMO_PASSWORD });
    const replay = await second.post('/api/auth/mfa', { code: reused });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('AUTH_MFA_INVALID');
  });

  it('answers an unknown user exactly like a wrong password, and audits both', async () => {
    const unknown = await ctx
      .client()
      .post('/api/auth/login', { username: 'nobody-here', password: 'whatever-password' });
    const wrong = await ctx
      .client()
      .post('/api/auth/login', { username: 'auditor', password: 'whatever-password' });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    expect(unknown.json().code).toBe('AUTH_INVALID_CREDENTIALS');
    expect(unknown.cookies).toEqual([]);
    const failures = await ctx.db
      .selectFrom('audit_log')
      .select(['actor_username', 'outcome', 'details'])
      .where('action', '=', 'auth.login_failed')
      .execute();
    expect(failures.map((f) => f.details.reason)).toEqual(
      expect.arrayContaining(['unknown_user', 'wrong_password']),
    );
    expect(failures.every((f) => f.outcome === 'failure')).toBe(true);
  });
});

describe('throttling and lockout', () => {
  it('locks a username after 5 failures, even against the right password, then lets it in after the lockout', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await ctx
        .client()
        .post('/api/auth/login', { username: 'shelter', password: `wrong-password-${i}` });
      expect(r.json().code).toBe('AUTH_INVALID_CREDENTIALS');
    }
    const locked = await ctx
      .client()
      .post('/api/auth/login', { username: 'shelter', password: DEMO_PASSWORD });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('AUTH_LOCKED');
    expect(await auditActions()).toContain('auth.locked_out');

    ctx.clock.advance(ctx.config.login.lockoutMs + 1000);
    const after = await ctx
      .client()
      .post('/api/auth/login', { username: 'shelter', password: DEMO_PASSWORD });
    expect(after.statusCode).toBe(200);
  });

  it('locks an unknown username the same way, so lockout reveals nothing', async () => {
    for (let i = 0; i < 5; i++) {
      await ctx.client().post('/api/auth/login', { username: 'ghost-user', password: `wrong-password-${i}` });
    }
    const r = await ctx
      .client()
      .post('/api/auth/login', { username: 'ghost-user', password: 'anything-else' });
    expect(r.json().code).toBe('AUTH_LOCKED');
  });

  it('locks an address after many failures across usernames', async () => {
    const perIp = await createTestContext({ LOGIN_MAX_FAILURES_PER_IP: '8' });
    try {
      for (let i = 0; i < 8; i++) {
        await perIp.client().post('/api/auth/login', { username: `user-${i}`, password: 'not-the-password' });
      }
      const r = await perIp.client().post('/api/auth/login', { username: 'admin', password: DEMO_PASSWORD });
      expect(r.json().code).toBe('AUTH_LOCKED');
    } finally {
      await perIp.close();
    }
  });

  it('throttles guesses at the second factor', async () => {
    const c = ctx.client();
    await c.post('/api/auth/login', { username: 'hotline', password: DEMO_PASSWORD });
    for (let i = 0; i < 5; i++) {
      expect((await c.post('/api/auth/mfa', { code: '000000' })).json().code).toBe('AUTH_MFA_INVALID');
    }
    ctx.clock.nextTotpStep();
    expect((await c.post('/api/auth/mfa', { code: code() })).json().code).toBe('AUTH_LOCKED');
    ctx.clock.advance(ctx.config.login.lockoutMs + 1000);
  });

  it('counts wrong second-factor codes on their own key, which the right password does not clear', async () => {
    const fresh = await createTestContext();
    try {
      const freshCode = () => totpCode(DEMO_TOTP_SECRET, fresh.clock.now().getTime());
      const first = fresh.client();
      await first.post('/api/auth/login', { username: 'casemanager', password: DEMO_PASSWORD });
      for (let i = 0; i < 4; i++) {
        expect((await first.post('/api/auth/mfa', { code: '000000' })).json().code).toBe('AUTH_MFA_INVALID');
      }
      // The right password again, in a new session: the wrong codes so far still count.
      const second = fresh.client();
      const again = await second.post('/api/auth/login', {
        username: 'casemanager',
        password: DEMO_PASSWORD,
      });
      expect(again.json().stage).toBe('mfa_required');
      expect((await second.post('/api/auth/mfa', { code: '000000' })).json().code).toBe('AUTH_MFA_INVALID');
      // Locked after 5: the 6th attempt is refused even with the right code, in any session.
      fresh.clock.nextTotpStep();
      const sixth = await second.post('/api/auth/mfa', { code: freshCode() });
      expect(sixth.statusCode).toBe(429);
      expect(sixth.json().code).toBe('AUTH_LOCKED');
      const third = fresh.client();
      await third.post('/api/auth/login', { username: 'casemanager', password: DEMO_PASSWORD });
      expect((await third.post('/api/auth/mfa', { code: freshCode() })).json().code).toBe('AUTH_LOCKED');
      const lockouts = await fresh.db
        .selectFrom('audit_log')
        .select(['details', 'target_id'])
        .where('action', '=', 'auth.locked_out')
        .execute();
      expect(lockouts.some((l) => l.details.bySecondFactor === true)).toBe(true);

      // After the lockout the right code works, and clears the count.
      fresh.clock.advance(fresh.config.login.lockoutMs + 1000);
      const later = fresh.client();
      await later.post('/api/auth/login', { username: 'casemanager', password: DEMO_PASSWORD });
      for (let i = 0; i < 4; i++) await later.post('/api/auth/mfa', { code: '000000' });
      fresh.clock.nextTotpStep();
      expect((await later.post('/api/auth/mfa', { code: freshCode() })).json().stage).toBe('authenticated');
      const next = fresh.client();
      await next.post('/api/auth/login', { username: 'casemanager', password: DEMO_PASSWORD });
      for (let i = 0; i < 4; i++) {
        expect((await next.post('/api/auth/mfa', { code: '000000' })).json().code).toBe('AUTH_MFA_INVALID');
      }
      fresh.clock.nextTotpStep();
      expect((await next.post('/api/auth/mfa', { code: freshCode() })).statusCode).toBe(200);
    } finally {
      await fresh.close();
    }
  });

  it('counts wrong second-factor codes per address, across users', async () => {
    const perIp = await createTestContext({ LOGIN_MAX_FAILURES_PER_IP: '8' });
    try {
      const waiting = perIp.client();
      await waiting.post('/api/auth/login', { username: 'analyst', password: DEMO_PASSWORD });
      for (const [username, guesses] of [
        ['casemanager', 3],
        ['supervisor', 3],
        ['hotline', 2],
      ] as const) {
        const c = perIp.client();
        await c.post('/api/auth/login', { username, password: DEMO_PASSWORD });
        for (let i = 0; i < guesses; i++) {
          expect((await c.post('/api/auth/mfa', { code: '000000' })).json().code).toBe('AUTH_MFA_INVALID');
        }
      }
      // The address is locked: neither a password nor the right code of another user gets in.
      const other = await perIp
        .client()
        .post('/api/auth/login', { username: 'officer', password: DEMO_PASSWORD });
      expect(other.json().code).toBe('AUTH_LOCKED');
      perIp.clock.nextTotpStep();
      const code = totpCode(DEMO_TOTP_SECRET, perIp.clock.now().getTime());
      expect((await waiting.post('/api/auth/mfa', { code })).json().code).toBe('AUTH_LOCKED');
    } finally {
      await perIp.close();
    }
  });
});

describe('sessions', () => {
  it('ends a session on logout', async () => {
    const c = await ctx.signIn('embassy');
    const cookie = c.cookieHeader;
    expect((await c.post('/api/auth/logout')).statusCode).toBe(204);
    const stale = await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    expect(stale.statusCode).toBe(401);
    expect(await auditActions()).toContain('auth.logout');
  });

  it('expires an idle session and an old one', async () => {
    const idle = await ctx.signIn('officer');
    ctx.clock.advance(ctx.config.session.idleMs + 1000);
    expect((await idle.get('/api/me')).statusCode).toBe(401);

    const busy = await ctx.signIn('officer');
    const steps = Math.ceil(ctx.config.session.absoluteMs / (ctx.config.session.idleMs / 2)) + 1;
    let last = 200;
    for (let i = 0; i < steps; i++) {
      ctx.clock.advance(ctx.config.session.idleMs / 2);
      last = (await busy.get('/api/me')).statusCode;
      if (last === 401) break;
    }
    expect(last).toBe(401);
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const c = await ctx.signIn('casemanager');
    const res = await c.patch('/api/me', { locale: 'ar' }, { csrf: false });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF_INVALID');
    const wrong = await ctx.app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: { cookie: c.cookieHeader, 'x-csrf-token': 'forged' },
      payload: { locale: 'ar' },
    });
    expect(wrong.json().code).toBe('CSRF_INVALID');
    const ok = await c.patch('/api/me', { locale: 'ar' });
    expect(ok.json().locale).toBe('ar');
    expect((await c.get('/api/me')).json().locale).toBe('ar');
  });
});

describe('forced steps', () => {
  it('makes an administrator without a second factor enrol before anything else, and gives recovery codes', async () => {
    const admin = await ctx.signIn('admin');
    const orgs = (await admin.get('/api/organisations?kind=coordinator')).json();
    const created = await admin.post('/api/users', {
      username: 'newadmin',
      displayName: 'New Admin',
      role: 'administrator',
      organisationId: orgs.items[0].id,
      password: 'temporary-Passphrase-42',
    });
    expect(created.statusCode).toBe(201);

    const c = ctx.client();
    const login = await c.post('/api/auth/login', {
      username: 'newadmin',
      password: 'temporary-Passphrase-42',
    });
    expect(login.json().stage).toBe('mfa_enrolment_required');
    expect((await c.get('/api/users')).json().code).toBe('AUTH_STEP_REQUIRED');
    const enrol = (await c.post('/api/me/mfa/enrol')).json();
    expect(enrol.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect(enrol.qrSvg).toContain('<svg');
    ctx.clock.nextTotpStep();
    const confirm = await c.post('/api/me/mfa/confirm', {
      code: totpCode(enrol.secret, ctx.clock.now().getTime()),
    });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.json().recoveryCodes).toHaveLength(10);
    expect(confirm.json().stage).toBe('password_change_required');

    expect(
      (
        await c.post('/api/me/password', {
          currentPassword: 'temporary-Passphrase-42',
          newPassword: 'password1234',
        })
      ).json().code,
    ).toBe('PASSWORD_TOO_COMMON');
    expect(
      (
        await c.post('/api/me/password', { currentPassword: 'temporary-Passphrase-42', newPassword: 'short' })
      ).json().code,
    ).toBe('PASSWORD_TOO_SHORT');
    const changed = await c.post('/api/me/password', {
      currentPassword: 'temporary-Passphrase-42',
      newPassword: 'a long and private passphrase',
    });
    expect(changed.json().stage).toBe('authenticated');
    expect((await c.get('/api/users')).statusCode).toBe(200);

    // A recovery code replaces the authenticator once, and only once.
    const recovery = confirm.json().recoveryCodes[0] as string;
    for (const expected of [200, 401]) {
      const r = ctx.client();
      await r.post('/api/auth/login', { username: 'newadmin', password: 'a long and private passphrase' });
      expect((await r.post('/api/auth/mfa', { code: recovery })).statusCode).toBe(expected);
    }
  });

  it('does not let a supervisor turn the second factor off', async () => {
    const c = await ctx.signIn('supervisor');
    const res = await c.post('/api/me/mfa/disable', { currentPassword: DEMO_PASSWORD });
    expect(res.json().code).toBe('MFA_REQUIRED_FOR_ROLE');
  });
});

describe('logs', () => {
  it('never contain the password, username, session token or CSRF token of a login', async () => {
    ctx.logs.length = 0;
    const c = ctx.client();
    await c.post('/api/auth/login', { username: 'focalpoint', password: DEMO_PASSWORD });
    await c.post('/api/auth/login', { username: 'focalpoint', password: 'a-wrong-password-typed' });
    const token = c.cookies.get('opennrm_session')!;
    const text = ctx.logs.join('\n');
    expect(ctx.logs.length).toBeGreaterThan(0);
    for (const secret of [DEMO_PASSWORD, 'a-wrong-password-typed', 'focalpoint', token, c.csrfToken!]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('"path":"/api/auth/login"');
  });
});
