/**
 * The OpenAPI-driven fuzzer behind `npm run fuzz` and test/fuzz.test.ts. It reads the API's own
 * OpenAPI document, builds valid-looking requests for every operation from their JSON schemas
 * (fast-check for the values), bends a share of them (NUL bytes, huge strings, wrong types,
 * bad or unknown ids, random cursors, encoded paths, future dates, missing and extra fields),
 * sends them as several roles, and counts the answers. Any 5xx is a defect: the run lists
 * method, route, status, error code and the kind of bend, never a body (they may hold names).
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import type { TestContext } from '../test/harness.js';
import { bend, fillPath, queryString, type Request } from './fuzz-bends.js';
import {
  type GenContext,
  generate,
  Ids,
  MUTATIONS,
  type Mutation,
  type OpenApiDoc,
  type Operation,
  operationsOf,
  poolOfPath,
  Rng,
} from './fuzz-requests.js';

export { MUTATIONS, type Mutation } from './fuzz-requests.js';

export const FUZZ_ROLES = [
  'admin',
  'supervisor',
  'casemanager',
  'focalpoint',
  'embassy',
  'hotline',
  'auditor',
] as const;

export interface FuzzFailure {
  method: string;
  route: string;
  status: number;
  code: string;
  mutation: Mutation;
  role: string;
  /** The server's log line for the request (error type, PostgreSQL code): only with `debug`. */
  error?: string;
}

export interface FuzzResult {
  total: number;
  byClass: Record<string, number>;
  byOperation: Map<string, Record<string, number>>;
  failures: FuzzFailure[];
  seconds: number;
}

export interface FuzzOptions {
  requests: number;
  seed: number;
  /** Adds the server's error log line (type, message) to each 5xx; fuzz values only, but still off by default. */
  debug?: boolean;
  onProgress?: (done: number) => void;
}

// ---------------------------------------------------------------------------------------------
// Sessions.

interface Session {
  role: string;
  cookie: string;
  csrf: string;
}

async function signIn(ctx: TestContext, role: string): Promise<Session | undefined> {
  try {
    const client = await ctx.signIn(role);
    return { role, cookie: client.cookieHeader, csrf: client.csrfToken ?? '' };
  } catch {
    return undefined;
  }
}

/** Operations that end or change the caller's own session or password: fuzzed only anonymously. */
const SELF_ENDING = new Set(['POST /api/auth/logout', 'POST /api/auth/login', 'POST /api/auth/mfa']);
/** Operations whose path id must not be a fuzzing role's own user or organisation. */
const WRITES_ON_ACCOUNTS = /^(PATCH|POST|PUT|DELETE) \/api\/(users|organisations)\//;

export async function runFuzz(ctx: TestContext, options: FuzzOptions): Promise<FuzzResult> {
  const started = Date.now();
  const doc = ctx.app.swagger() as unknown as OpenApiDoc;
  const ops = operationsOf(doc);
  const rng = new Rng(options.seed);
  const ids = new Ids(ctx);

  const sessions = new Map<string, Session | undefined>();
  for (const role of FUZZ_ROLES) sessions.set(role, await signIn(ctx, role));
  const users = await ctx.db
    .selectFrom('users')
    .select(['id', 'organisation_id'])
    .where('username', 'in', [...FUZZ_ROLES])
    .execute();
  for (const u of users) {
    ids.protectedIds.add(u.id);
    if (u.organisation_id) ids.protectedIds.add(u.organisation_id);
  }
  await ids.refresh();

  const byClass: Record<string, number> = {};
  const byOperation = new Map<string, Record<string, number>>();
  const failures: FuzzFailure[] = [];

  for (let i = 0; i < options.requests; i++) {
    if (i > 0 && i % 500 === 0) {
      await ids.refresh();
      options.onProgress?.(i);
    }
    // Every operation in turn, so a short run still covers them all; the role and bend at random.
    const op = ops[i % ops.length] as Operation;
    const key = `${op.method} ${op.route}`;
    const anonymous = SELF_ENDING.has(key) || rng.chance(0.03);
    const role = anonymous ? 'anonymous' : rng.pick(FUZZ_ROLES);
    const mutation: Mutation = rng.chance(0.4) ? 'none' : rng.pick(MUTATIONS);
    const g: GenContext = { doc, rng, ids, depth: 0 };

    const req: Request = { path: {}, query: {} };
    for (const p of op.params) {
      if (p.in === 'path') {
        const pool = poolOfPath(op.route, p.name);
        req.path[p.name] = pool
          ? ids.pick(rng, pool, WRITES_ON_ACCOUNTS.test(key))
          : String(generate(p.schema, g, p.name));
      } else if (p.in === 'query' && (p.required || rng.chance(0.4))) {
        req.query[p.name] = String(generate(p.schema, g, p.name));
      }
    }
    if (!op.body && op.method === 'PUT') {
      // A PUT without a JSON schema takes raw bytes (an upload's chunk).
      if (rng.chance(0.8)) req.body = Buffer.from(rng.sample(fc.uint8Array({ maxLength: 256 })));
    } else if (op.body) {
      if (op.body.contentType === 'application/octet-stream') {
        req.body = Buffer.from(rng.sample(fc.uint8Array({ maxLength: 256 })));
      } else if (op.body.required || rng.chance(0.7)) {
        req.body = generate(op.body.schema, g);
      }
    }
    bend(mutation, req, op, g);

    const url = (req.rawPath ?? fillPath(op.route, req.path)) + queryString(req.query);
    const headers: Record<string, string> = {};
    const session = role === 'anonymous' ? undefined : sessions.get(role);
    if (session) {
      headers.cookie = session.cookie;
      headers['x-csrf-token'] = session.csrf;
    }
    let payload: string | Buffer | undefined;
    if (Buffer.isBuffer(req.body)) {
      payload = req.body;
      headers['content-type'] = 'application/octet-stream';
    } else if (req.body !== undefined) {
      payload = JSON.stringify(req.body);
      headers['content-type'] = 'application/json';
    }
    if (op.method === 'PATCH' || (op.method === 'DELETE' && /\/documents\//.test(op.route))) {
      if (rng.chance(0.7)) headers['if-match'] = `"v${rng.int(0, 3)}"`;
    }
    if (op.method === 'POST' && rng.chance(0.1)) headers['idempotency-key'] = randomUUID();

    let res: LightMyRequestResponse;
    try {
      res = await ctx.app.inject({
        method: op.method as 'GET',
        url,
        headers,
        ...(payload !== undefined ? { payload } : {}),
      });
    } catch {
      // inject refuses some URLs before the server sees them (an invalid percent-encoding).
      continue;
    }
    const cls = `${Math.floor(res.statusCode / 100)}xx`;
    byClass[cls] = (byClass[cls] ?? 0) + 1;
    const counts = byOperation.get(key) ?? {};
    counts[cls] = (counts[cls] ?? 0) + 1;
    byOperation.set(key, counts);

    if (res.statusCode >= 500) {
      let code = '';
      try {
        code = String((res.json() as { code?: unknown }).code ?? '');
      } catch {}
      const failure: FuzzFailure = {
        method: op.method,
        route: op.route,
        status: res.statusCode,
        code,
        mutation,
        role,
      };
      if (options.debug) {
        const id = String(res.headers['x-request-id'] ?? '');
        const line = [...ctx.logs].reverse().find((l) => l.includes(id) && l.includes('"err"'));
        if (line) {
          const err = (JSON.parse(line) as { err?: { type?: string; code?: string; message?: string } }).err;
          failure.error = `${err?.type ?? ''} ${err?.code ?? ''} ${String(err?.message ?? '').slice(0, 200)}`;
        }
      }
      failures.push(failure);
    }
    // A session ended by the run itself (a user edit, a reset): sign in again, once.
    if (res.statusCode === 401 && session) sessions.set(role, await signIn(ctx, role));
    if (ctx.logs.length > 5000) ctx.logs.splice(0, ctx.logs.length - 1000);
  }
  return { total: options.requests, byClass, byOperation, failures, seconds: (Date.now() - started) / 1000 };
}

/** The report: counts per status class, per operation, then every 5xx (no bodies). */
export function formatReport(result: FuzzResult): string {
  const lines: string[] = [];
  const classes = ['2xx', '3xx', '4xx', '5xx'];
  lines.push(
    `fuzz: ${result.total} requests in ${result.seconds.toFixed(1)} s; ${classes
      .map((c) => `${c} ${result.byClass[c] ?? 0}`)
      .join(', ')}`,
  );
  lines.push('');
  lines.push(`${'operation'.padEnd(58)} ${classes.map((c) => c.padStart(6)).join('')}`);
  for (const [key, counts] of [...result.byOperation].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`${key.padEnd(58)} ${classes.map((c) => String(counts[c] ?? 0).padStart(6)).join('')}`);
  }
  if (result.failures.length) {
    lines.push('');
    lines.push(`5xx answers (${result.failures.length}):`);
    for (const f of result.failures) {
      lines.push(
        `  ${f.status} ${f.method} ${f.route} code=${f.code || '-'} bend=${f.mutation} role=${f.role}${f.error ? ` [${f.error}]` : ''}`,
      );
    }
  }
  return lines.join('\n');
}
