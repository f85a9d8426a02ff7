import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { createTestContext, type TestContext } from './harness.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ BODY_LIMIT_BYTES: '4096' });
});
afterAll(() => ctx.close());

describe('system endpoints', () => {
  it('report health and readiness without a session', async () => {
    expect((await ctx.client().get('/api/health')).json()).toMatchObject({ status: 'ok' });
    expect((await ctx.client().get('/api/ready')).json()).toEqual({ status: 'ready' });
  });

  it('publish an OpenAPI 3.1 document generated from the shared schemas, and a readable reference', async () => {
    const doc = (await ctx.client().get('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    for (const p of [
      '/api/auth/login',
      '/api/auth/mfa',
      '/api/auth/logout',
      '/api/me',
      '/api/organisations',
      '/api/users/{id}',
      '/api/audit',
    ]) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
    const login = doc.paths['/api/auth/login'].post.requestBody.content['application/json'].schema;
    expect(login.required).toEqual(['username', 'password']);
    expect(login.additionalProperties).toBe(false);
    const page = await ctx.client().get('/api/docs/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
  });
});

describe('HTTP hardening', () => {
  it('sends security headers and no-store on API answers', async () => {
    const res = await ctx.client().get('/api/health');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('answers errors as { code, message } without internals', async () => {
    const missing = await ctx.client().get('/api/no-such-thing');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ code: 'NOT_FOUND', message: 'No such endpoint' });

    const malformed = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "admin", ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe('BAD_REQUEST');
    expect(malformed.body).not.toMatch(/at .*\.(js|ts):\d+/);

    const form = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'username=admin&password=x',
    });
    expect(form.statusCode).toBe(415);
    expect(form.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('limits the body size', async () => {
    const res = await ctx.client().post('/api/auth/login', { username: 'admin', password: 'x'.repeat(5000) });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('validates bodies: unknown properties and bad values are refused with each field named', async () => {
    const res = await ctx.client().post('/api/auth/login', { username: '', password: 'x', remember: true });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    const paths = body.details.issues.map(
      (i: { path: string[]; code: string }) => `${i.path.join('.')}:${i.code}`,
    );
    expect(paths).toEqual(expect.arrayContaining(['username:too_small', ':unrecognized_keys']));
  });

  it('rate-limits a flood of requests from one address', async () => {
    const limited = await createTestContext({ RATE_LIMIT_PER_MINUTE: '5' });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 7; i++) codes.push((await limited.client().get('/api/health')).statusCode);
      expect(codes.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      expect(codes[6]).toBe(429);
      expect((await limited.client().get('/api/health')).json().code).toBe('RATE_LIMITED');
    } finally {
      await limited.close();
    }
  });
});

describe('configuration', () => {
  it('names each bad variable and never echoes its value', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://root:hunter2@db/x', SEED_DEMO: 'maybe' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const message = (e as ConfigError).message;
      expect(message).toMatch(/PORT:/);
      expect(message).toMatch(/DATABASE_URL: must start with postgres/);
      expect(message).toMatch(/SEED_DEMO:/);
      expect(message).not.toContain('hunter2');
    }
  });

  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c.port).toBe(8080);
    expect(c.dataDir.endsWith('data')).toBe(true);
    expect(c.secureCookies).toBe(false);
    expect(loadConfig({ PUBLIC_URL: 'https://nrm.example.org' }).secureCookies).toBe(true);
  });
});
