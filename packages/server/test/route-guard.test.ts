import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import authPlugin from '../src/plugins/auth.plugin.js';
import type { Services } from '../src/services.js';
import { createTestContext, type TestContext } from './harness.js';

/**
 * Authentication and permission belong to the matched route, never to the URL text: the
 * router decodes `%61` to `a`, collapses nothing else, and a guard that tested the raw
 * URL let `/%61pi/users` through without a session (issue 9, hole 1).
 * The app runs with a built web app, as in production (a temporary one: the test does not
 * depend on whether `packages/web/dist` was built): a path that names the API however it is
 * spelled never gets the web app's index.html, only a JSON answer with no-store.
 */
let ctx: TestContext;
let webDir: string;
beforeAll(async () => {
  webDir = await mkdtemp(path.join(os.tmpdir(), 'opennrm-web-'));
  await writeFile(path.join(webDir, 'index.html'), '<!doctype html><title>OpenNRM</title>');
  ctx = await createTestContext({ WEB_DIST_DIR: webDir });
});
afterAll(async () => {
  await ctx.close();
  await rm(webDir, { recursive: true, force: true });
});

const SOME_ID = '00000000-0000-4000-8000-000000000000';

interface Op {
  method: string;
  path: string;
  public: boolean;
}

async function operations(): Promise<Op[]> {
  const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, { security?: unknown[] }>>;
  };
  const ops: Op[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const method of Object.keys(methods)) {
      const concrete = path.replace(/\{[^}]+\}/g, (m) => (m === '{index}' ? '0' : SOME_ID));
      ops.push({ method: method.toUpperCase(), path: concrete, public: false });
    }
  }
  const publicPaths = new Set(['/api/health', '/api/ready', '/api/auth/login']);
  for (const op of ops) op.public = publicPaths.has(op.path);
  return ops;
}

/** Ways to spell the same path that a text test on the URL would miss. */
function variants(path: string): string[] {
  const rest = path.slice('/api/'.length);
  return [
    `/%61pi/${rest}`,
    `/%61%70%69/${rest}`,
    `/api/${rest.replace(/[a-z]/, (c) => `%${c.charCodeAt(0).toString(16)}`)}`,
    `/api/${rest.replace(/[a-z]/, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
    `//api/${rest}`,
    `/api//${rest}`,
    `/api%2F${rest}`,
    `/api%2f${rest}`,
    `/api/${rest}/`,
    `/api/${rest}.`,
    `/api/./${rest}`,
    `/x/../api/${rest}`,
    `/API/${rest}`,
    `/api/${rest}?x=/api/`,
    `/api/${rest}#`,
  ];
}

describe('the route guard', () => {
  it('refuses every non-public operation without a session, however the path is spelled', async () => {
    const ops = (await operations()).filter((o) => !o.public);
    expect(ops.length).toBeGreaterThan(60);
    const leaks: string[] = [];
    for (const op of ops) {
      for (const url of [op.path, ...variants(op.path)]) {
        const res = await ctx.app.inject({
          method: op.method as 'GET',
          url,
          ...(op.method === 'GET' || op.method === 'DELETE' ? {} : { payload: {} }),
        });
        // 401 on the matched route; 404/400 when the spelling matches no route. Never anything else.
        if (![401, 404, 400].includes(res.statusCode)) leaks.push(`${op.method} ${url} → ${res.statusCode}`);
        if (res.statusCode === 401 && res.headers['cache-control'] !== 'no-store') {
          leaks.push(`${op.method} ${url} → 401 without no-store`);
        }
        if (res.statusCode === 404 && !String(res.headers['content-type']).includes('application/json')) {
          leaks.push(`${op.method} ${url} → 404 as ${res.headers['content-type']}`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });

  it('does not create a user through an encoded path (the attack that was found)', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/%61pi/users',
      payload: { username: 'intruder', displayName: 'x', role: 'administrator' },
    });
    expect(res.statusCode).toBe(401);
    const list = await ctx.app.inject({ method: 'GET', url: '/%61pi/users' });
    expect(list.statusCode).toBe(401);
    const audit = await ctx.app.inject({ method: 'GET', url: '/%61pi/audit' });
    expect(audit.statusCode).toBe(401);
  });

  it('checks the CSRF token on an encoded path too', async () => {
    const admin = await ctx.signIn('admin');
    const res = await admin.request(
      'POST',
      '/%61pi/users',
      { username: 'intruder2', displayName: 'x', role: 'administrator' },
      { csrf: false },
    );
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF_INVALID');
  });

  it('checks the permission of the matched route on an encoded path', async () => {
    const analyst = await ctx.signIn('analyst');
    for (const url of ['/%61pi/users', '/api/%75sers', '/%61pi/audit', `/%61pi/persons/${SOME_ID}`]) {
      const res = await analyst.get(url);
      expect(res.statusCode, url).toBe(403);
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
  });

  it('sends no-store on every API answer, encoded or not, errors included', async () => {
    for (const url of ['/api/health', '/%61pi/health', '/api/nothing-here', '/%61pi/nothing']) {
      const res = await ctx.app.inject({ method: 'GET', url });
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
  });

  it('answers a path that names the API a JSON 404, never the web app, however it is spelled', async () => {
    const urls = [
      '/api',
      '/api/',
      '//api/me',
      '/%61pi/nothing',
      '/%2561pi/nothing',
      '/API/nothing',
      '/x/../api/nothing',
      '/./api/nothing',
      '/%2e/api/nothing',
      '/%5capi/nothing',
      '/api%2Fnothing',
    ];
    for (const url of urls) {
      const res = await ctx.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toContain('application/json');
      expect(res.headers['cache-control'], url).toBe('no-store');
      expect(res.body, url).not.toContain('OpenNRM');
    }
    // An app path still gets the web app.
    const page = await ctx.app.inject({ method: 'GET', url: '/apiary/cases' });
    expect(page.headers['content-type']).toContain('text/html');
  });

  it('refuses to start when a route declares no access', async () => {
    const app = Fastify();
    await app.register((await import('@fastify/cookie')).default);
    await app.register(authPlugin, { services: ctx.app as unknown as Services });
    app.get('/api/forgotten', async () => ({ secret: true }));
    await expect(app.ready()).rejects.toThrow(/GET \/api\/forgotten.*declares no access/);
    await app.close().catch(() => {});
  });

  it('refuses to start when a route declares an access without a permission', async () => {
    const app = Fastify();
    await app.register((await import('@fastify/cookie')).default);
    await app.register(authPlugin, { services: ctx.app as unknown as Services });
    app.get(
      '/somewhere/else',
      { config: { access: { stages: ['authenticated'] } as never } },
      async () => ({}),
    );
    await expect(app.ready()).rejects.toThrow(/declares no access/);
    await app.close().catch(() => {});
  });
});

describe('the web app', () => {
  it('serves its files (cacheable) and index.html for app paths, while /api stays JSON and no-store', async () => {
    const { mkdtemp, mkdir, writeFile, rm } = await import('node:fs/promises');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'opennrm-web-'));
    await mkdir(path.join(dir, 'assets'));
    await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>OpenNRM</title>');
    await writeFile(path.join(dir, 'assets', 'app-1234.js'), 'console.log(1)');
    const web = await createTestContext({ WEB_DIST_DIR: dir });
    try {
      const page = await web.app.inject({ method: 'GET', url: '/cases/123' });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.body).toContain('OpenNRM');
      expect(page.headers['cache-control']).toBe('no-cache');
      const asset = await web.app.inject({ method: 'GET', url: '/assets/app-1234.js' });
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['cache-control']).toContain('immutable');
      const api = await web.app.inject({ method: 'GET', url: '/api/nothing-here' });
      expect(api.statusCode).toBe(404);
      expect(api.headers['cache-control']).toBe('no-store');
    } finally {
      await web.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
