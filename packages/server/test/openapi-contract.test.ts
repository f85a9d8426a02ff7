import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/seed.js';
import { type Client, createTestContext, type TestContext } from './harness.js';

/**
 * The OpenAPI document against the API itself: real answers (success and errors) must match the
 * schema the document gives for their operation and status. `npm run lint:openapi` checks the
 * document's form; this checks that it tells the truth.
 */
interface Operation {
  operationId?: string;
  security?: unknown[];
  responses: Record<string, { content?: Record<string, { schema: object }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, object> };
}

let ctx: TestContext;
let doc: Document;
let manager: Client;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);

beforeAll(async () => {
  ctx = await createTestContext();
  doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as Document;
  manager = await ctx.signIn('casemanager');
});
afterAll(() => ctx.close());

/** Checks an answer against the document's schema for `method path` and the answer's status. */
function expectDocumented(method: string, path: string, res: LightMyRequestResponse) {
  const operation = doc.paths[path]?.[method];
  expect(operation, `${method} ${path} is documented`).toBeDefined();
  const response = operation!.responses[String(res.statusCode)];
  expect(response, `${method} ${path} documents status ${res.statusCode}`).toBeDefined();
  const schema = response!.content?.['application/json']?.schema;
  if (!schema) {
    expect(res.body, `${method} ${path} ${res.statusCode} has no body`).toBe('');
    return;
  }
  // The schema's `$ref`s point into the document's components: validate with them at hand.
  const validate = ajv.compile({ ...schema, components: doc.components });
  const body = res.json();
  const valid = validate(body);
  expect(
    validate.errors ?? [],
    `${method} ${path} ${res.statusCode}: ${JSON.stringify(body).slice(0, 500)}`,
  ).toEqual([]);
  expect(valid).toBe(true);
}

describe('the OpenAPI document', () => {
  it('names every operation, refers only to components it has, and gives every error the shared ErrorBody', () => {
    const ids = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        expect(operation.operationId, `${method} ${path}`).toMatch(/^[a-z][A-Za-z0-9]+$/);
        expect(ids.has(operation.operationId!), `${operation.operationId} is unique`).toBe(false);
        ids.add(operation.operationId!);
        expect(operation.security, `${method} ${path} says who may call it`).toBeDefined();
        for (const [status, response] of Object.entries(operation.responses)) {
          if (Number(status) < 400) continue;
          expect(response.content?.['application/json']?.schema, `${method} ${path} ${status}`).toEqual({
            $ref: '#/components/schemas/ErrorBody',
          });
        }
        for (const status of ['400', '404', '429', '500', '503']) {
          expect(operation.responses[status], `${method} ${path} ${status}`).toBeDefined();
        }
      }
    }
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of new Set(refs)) {
      const name = /^#\/components\/schemas\/([A-Za-z0-9_]+)$/.exec(ref)?.[1];
      expect(name && doc.components.schemas[name], ref).toBeTruthy();
    }
    // The check is not vacuous: a case without its fields does not pass as a case.
    const caseSchema =
      doc.paths['/api/cases/{id}']!.get!.responses['200']!.content!['application/json']!.schema;
    expect(ajv.compile({ ...caseSchema, components: doc.components })({ id: 'x' })).toBe(false);
    for (const name of ['ErrorBody', 'SopStageCondition', 'ScreeningCondition']) {
      expect(Object.keys(doc.components.schemas)).toContain(name);
    }
  });

  it('declares 204 where the API answers 204', () => {
    const logout = doc.paths['/api/auth/logout']!.post!.responses;
    expect(Object.keys(logout).filter((s) => s.startsWith('2'))).toEqual(['204']);
    const unlink = doc.paths['/api/cases/{id}/parties/{linkId}']!.delete!.responses;
    expect(Object.keys(unlink).filter((s) => s.startsWith('2'))).toEqual(['204']);
  });
});

describe('answers match the document', () => {
  it('login, GET /api/me, the case list and a case', async () => {
    const anonymous = ctx.client();
    expectDocumented(
      'post',
      '/api/auth/login',
      await anonymous.post('/api/auth/login', { username: 'supervisor', password: DEMO_PASSWORD }),
    );
    expectDocumented('get', '/api/me', await manager.get('/api/me'));

    const created = await manager.post('/api/cases', {
      intakeKind: 'walk_in',
      channel: 'walk_in',
      person: {
        nameLatin: 'Contract Test Person',
        sex: 'female',
        nationality: 'PH',
        phone: '+973 3600 9911',
        documents: [{ type: 'passport', number: 'P7654321B', issuingCountry: 'PH', holder: 'employer' }],
      },
      narrative: 'Passport kept by the employer.',
    });
    expect(created.statusCode).toBe(201);
    expectDocumented('post', '/api/cases', created);
    const id = (created.json() as { id: string }).id;

    expectDocumented('get', '/api/cases', await manager.get('/api/cases'));
    expectDocumented('get', '/api/cases/{id}', await manager.get(`/api/cases/${id}`));
  });

  it('errors: 404, 400, 401 and 403', async () => {
    const missing = await manager.get('/api/cases/00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expectDocumented('get', '/api/cases/{id}', missing);

    const invalid = await manager.get('/api/cases/not-an-id');
    expect(invalid.statusCode).toBe(400);
    expectDocumented('get', '/api/cases/{id}', invalid);

    const badLogin = await ctx.client().post('/api/auth/login', { username: 'x' });
    expect(badLogin.statusCode).toBe(400);
    expectDocumented('post', '/api/auth/login', badLogin);

    const anonymous = await ctx.client().get('/api/me');
    expect(anonymous.statusCode).toBe(401);
    expectDocumented('get', '/api/me', anonymous);

    const noCsrf = await manager.post('/api/cases', {}, { csrf: false });
    expect(noCsrf.statusCode).toBe(403);
    expectDocumented('post', '/api/cases', noCsrf);
  });

  it('logout answers 204 with no body, as documented', async () => {
    const c = await ctx.signIn('officer');
    const res = await c.post('/api/auth/logout');
    expect(res.statusCode).toBe(204);
    expectDocumented('post', '/api/auth/logout', res);
  });
});
