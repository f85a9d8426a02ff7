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

export const FUZZ_ROLES = [
  'admin',
  'supervisor',
  'casemanager',
  'focalpoint',
  'embassy',
  'hotline',
  'auditor',
] as const;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  enum?: Json[];
  const?: Json;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  default?: Json;
  $ref?: string;
}
interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema: Schema;
}
interface Operation {
  method: string;
  route: string;
  params: Parameter[];
  body?: { contentType: string; schema: Schema; required: boolean };
}

export const MUTATIONS = [
  'none',
  'nul',
  'huge',
  'wrong-type',
  'bad-uuid',
  'cursor',
  'encoded-path',
  'future-date',
  'unknown-id',
  'missing-field',
  'extra-field',
  'query-junk',
  'odd-unicode',
] as const;
export type Mutation = (typeof MUTATIONS)[number];

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
// Randomness: one seeded generator for choices; fast-check for values that follow a pattern.

class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0 || 1;
  }
  next(): number {
    // mulberry32
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** A value drawn from a fast-check arbitrary, reproducible from this generator's state. */
  sample<T>(arb: fc.Arbitrary<T>): T {
    return fc.sample(arb, { seed: this.int(0, 2 ** 31 - 1), numRuns: 1 })[0] as T;
  }
}

const patternArbs = new Map<string, fc.Arbitrary<string> | null>();
function patternArb(pattern: string): fc.Arbitrary<string> | null {
  if (!patternArbs.has(pattern)) {
    try {
      patternArbs.set(pattern, fc.stringMatching(new RegExp(pattern)));
    } catch {
      patternArbs.set(pattern, null);
    }
  }
  return patternArbs.get(pattern) ?? null;
}
const textArb = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('Maria', 'مريم', 'Ana Cruz', 'NRM-2026-000001', 'x', '  padded  ', '%', '_', "O'Brien"),
);

// ---------------------------------------------------------------------------------------------
// Known ids, so that valid-looking requests reach the code behind the access checks.

type Pool =
  | 'cases'
  | 'persons'
  | 'users'
  | 'organisations'
  | 'referrals'
  | 'tasks'
  | 'documents'
  | 'uploads'
  | 'notifications'
  | 'case_parties'
  | 'parties'
  | 'identity_documents'
  | 'dossier_exports';
const POOLS: Pool[] = [
  'cases',
  'persons',
  'users',
  'organisations',
  'referrals',
  'tasks',
  'documents',
  'uploads',
  'notifications',
  'case_parties',
  'parties',
  'identity_documents',
  'dossier_exports',
];

/** Which table a path's `{id}` (by the first segment) or a body's `…Id` field draws from. */
function poolOfPath(route: string, name: string): Pool | undefined {
  if (name === 'linkId') return 'case_parties';
  if (name === 'documentId') return route.startsWith('/api/persons') ? 'identity_documents' : 'documents';
  if (name !== 'id') return undefined;
  const segment = route.split('/')[2];
  const bySegment: Record<string, Pool> = {
    cases: 'cases',
    persons: 'persons',
    users: 'users',
    organisations: 'organisations',
    referrals: 'referrals',
    tasks: 'tasks',
    documents: 'documents',
    uploads: 'uploads',
    notifications: 'notifications',
    dossiers: 'dossier_exports',
  };
  return segment ? bySegment[segment] : undefined;
}
function poolOfField(name: string): Pool | undefined {
  const byField: Record<string, Pool> = {
    personId: 'persons',
    excludePersonId: 'persons',
    assigneeId: 'users',
    assignee: 'users',
    userId: 'users',
    organisationId: 'organisations',
    referredByOrganisationId: 'organisations',
    referralId: 'referrals',
    taskId: 'tasks',
    documentId: 'documents',
    partyId: 'parties',
    caseId: 'cases',
  };
  return byField[name];
}

class Ids {
  pools = new Map<Pool, string[]>();
  /** Users and organisations the fuzzing roles stand on: never deactivated, reset or renamed. */
  protectedIds = new Set<string>();
  constructor(private ctx: TestContext) {}
  async refresh() {
    for (const pool of POOLS) {
      const rows = await this.ctx.db
        .selectFrom(pool)
        .select('id')
        .limit(200)
        .execute()
        .catch(() => [] as { id: string }[]);
      this.pools.set(
        pool,
        rows.map((r) => String(r.id)),
      );
    }
  }
  pick(rng: Rng, pool: Pool | undefined, forWrite = false): string {
    const ids = pool ? (this.pools.get(pool) ?? []) : [];
    const usable = forWrite ? ids.filter((id) => !this.protectedIds.has(id)) : ids;
    if (usable.length && rng.chance(0.85)) return rng.pick(usable);
    return randomUUID();
  }
}

// ---------------------------------------------------------------------------------------------
// OpenAPI → operations, and JSON schema → a value.

function resolve(doc: OpenApiDoc, schema: Schema): Schema {
  let s = schema;
  for (let i = 0; s.$ref && i < 10; i++) {
    const name = s.$ref.split('/').pop() ?? '';
    s = doc.components?.schemas?.[name] ?? {};
  }
  return s;
}

interface OpenApiDoc {
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, Schema> };
}

export function operationsOf(doc: OpenApiDoc): Operation[] {
  const ops: Operation[] = [];
  for (const [route, methods] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      const op = raw as {
        parameters?: Parameter[];
        requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
      };
      const content = op.requestBody ? Object.entries(op.requestBody.content)[0] : undefined;
      ops.push({
        method: method.toUpperCase(),
        route,
        params: op.parameters ?? [],
        ...(content
          ? {
              body: {
                contentType: content[0],
                schema: resolve(doc, content[1].schema),
                required: !!op.requestBody?.required,
              },
            }
          : {}),
      });
    }
  }
  return ops;
}

interface GenContext {
  doc: OpenApiDoc;
  rng: Rng;
  ids: Ids;
  depth: number;
}

function typesOf(s: Schema): string[] {
  if (Array.isArray(s.type)) return s.type;
  if (s.type) return [s.type];
  if (s.properties) return ['object'];
  if (s.items) return ['array'];
  return [];
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function generate(schema: Schema, g: GenContext, field?: string): Json {
  const s = resolve(g.doc, schema);
  const { rng } = g;
  if (s.const !== undefined) return s.const;
  if (s.enum) return rng.pick(s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives?.length) {
    // Prefer the non-null branch: null is one choice among many.
    const nonNull = alternatives.filter((a) => resolve(g.doc, a).type !== 'null');
    return generate(
      nonNull.length && rng.chance(0.85) ? rng.pick(nonNull) : rng.pick(alternatives),
      g,
      field,
    );
  }
  if (s.allOf?.length) return generate(s.allOf[0] as Schema, g, field);
  const types = typesOf(s);
  const type = types.length
    ? rng.pick(types)
    : g.depth > 2
      ? 'string'
      : rng.pick(['object', 'string', 'number']);
  switch (type) {
    case 'null':
      return null;
    case 'boolean':
      return rng.chance(0.5);
    case 'integer':
    case 'number': {
      const min = Math.max(s.minimum ?? -1000, -1_000_000);
      const max = Math.min(s.maximum ?? 1000, 1_000_000);
      if (rng.chance(0.1)) return rng.pick([min, max]);
      const n = min + rng.next() * (max - min);
      return type === 'integer' ? Math.min(max, Math.max(min, Math.round(n))) : n;
    }
    case 'string':
      return generateString(s, g, field);
    case 'array': {
      if (g.depth > 6) return [];
      const min = s.minItems ?? 0;
      const max = Math.min(s.maxItems ?? 4, min + 4);
      const n = rng.int(min, max);
      const inner = { ...g, depth: g.depth + 1 };
      return Array.from({ length: n }, () => generate(s.items ?? {}, inner, field));
    }
    case 'object': {
      const out: Record<string, Json> = {};
      if (g.depth > 6) return out;
      const inner = { ...g, depth: g.depth + 1 };
      const required = new Set(s.required ?? []);
      for (const [key, prop] of Object.entries(s.properties ?? {})) {
        if (required.has(key) || rng.chance(0.6)) out[key] = generate(prop, inner, key);
      }
      if (!s.properties && s.additionalProperties !== false && rng.chance(0.5)) {
        out[rng.sample(fc.string({ minLength: 1, maxLength: 8 }))] = generate({}, inner);
      }
      return out;
    }
    default:
      return null;
  }
}

function generateString(s: Schema, g: GenContext, field?: string): string {
  const { rng } = g;
  if (s.format === 'uuid') return g.ids.pick(rng, field ? poolOfField(field) : undefined);
  if (s.format === 'date') {
    return isoDate(new Date(Date.UTC(1970 + rng.int(0, 55), rng.int(0, 11), rng.int(1, 28))));
  }
  if (s.format === 'date-time') return new Date(Date.now() - rng.int(0, 5e10)).toISOString();
  if (s.format === 'email') return `user${rng.int(0, 9999)}@example.org`;
  if (s.pattern) {
    const arb = patternArb(s.pattern);
    if (arb) {
      const value = rng.sample(arb);
      if (s.maxLength === undefined || value.length <= s.maxLength) return value;
    }
  }
  let value = rng.sample(textArb);
  if (s.minLength && value.length < s.minLength) value = value.padEnd(s.minLength, 'a');
  if (s.maxLength !== undefined && value.length > s.maxLength) value = value.slice(0, s.maxLength);
  return value;
}

// ---------------------------------------------------------------------------------------------
// Bending a generated request.

interface Request {
  path: Record<string, string>;
  query: Record<string, string | string[]>;
  body?: Json | Buffer;
  rawPath?: string;
}

/** Every string leaf (or all leaves) of a JSON value, as a setter. */
function leaves(value: Json, only?: (v: Json) => boolean): ((v: Json) => void)[] {
  const out: ((v: Json) => void)[] = [];
  const walk = (node: Json) => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        if (child !== null && typeof child === 'object') walk(child);
        if (!only || only(child)) out.push((v) => (node[i] = v));
      });
    } else if (node !== null && typeof node === 'object') {
      for (const [k, child] of Object.entries(node)) {
        if (child !== null && typeof child === 'object') walk(child);
        if (!only || only(child)) out.push((v) => (node[k] = v));
      }
    }
  };
  walk(value);
  return out;
}
const isString = (v: Json) => typeof v === 'string';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}(T.*)?$/;

const BAD_UUIDS = [
  'not-a-uuid',
  '00000000-0000-0000-0000-00000000000g',
  '123e4567-e89b-12d3-a456-4266141740001',
  '1',
  '-1',
  '..',
  '.',
  '%00',
  '%2e%2e',
  'a%2Fb',
  '%ZZ',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '00000000-0000-0000-0000-000000000000',
  "' OR 1=1 --",
  'x'.repeat(300),
  '%E2%80%AE',
];
const JUNK_CURSORS = (rng: Rng): string => {
  const enc = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
  return rng.pick([
    () => enc(`notadate|${randomUUID()}`),
    () => enc(`${new Date().toISOString()}|not-a-uuid`),
    () => enc('x|y|z'),
    () => enc('|'),
    () => enc('infinity|00000000-0000-0000-0000-000000000000'),
    () => enc(`${'9'.repeat(40)}|${randomUUID()}`),
    () => enc('\u0000'),
    () => enc('é'.repeat(50)),
    () => Buffer.from(rng.sample(fc.uint8Array({ maxLength: 60 }))).toString('base64url'),
    () => rng.sample(fc.string({ maxLength: 120 })),
    () => '%%%',
    () => '====',
    () => enc(`2020-01-01T00:00:00.000Z|${randomUUID()}`),
    () => enc('aaaa'),
  ])();
};
const FUTURE_DATES = ['2999-12-31', '9999-12-31', () => isoDate(new Date(Date.now() + 86_400_000 * 3))];
const FUTURE_DATE_TIMES = ['2999-12-31T00:00:00Z', () => new Date(Date.now() + 3_600_000 * 2).toISOString()];
const WRONG_TYPES: Json[] = [0, -1, 1e308, 3.5, true, false, null, [], {}, [null], { a: 1 }, '', 'x'];
const ODD_STRINGS = [
  '\ud800',
  '\udfff\ud800',
  '\u202e\u0661\u0662',
  '\uffff',
  '\u200b',
  '🧪'.repeat(50),
  '\\',
  '"',
  "'",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-looking text, on purpose
  '${x}',
  '%s%n',
];

function bend(mutation: Mutation, req: Request, op: Operation, g: GenContext): void {
  const { rng } = g;
  const body = req.body !== undefined && !Buffer.isBuffer(req.body) ? req.body : undefined;
  const stringSetters = () => [
    ...(body !== undefined ? leaves(body, isString) : []),
    ...Object.keys(req.query).map((k) => (v: Json) => (req.query[k] = String(v))),
  ];
  switch (mutation) {
    case 'none':
      return;
    case 'nul': {
      const targets = stringSetters();
      const pathKeys = Object.keys(req.path);
      if (pathKeys.length && (rng.chance(0.3) || !targets.length)) {
        const k = rng.pick(pathKeys);
        req.path[k] = `${req.path[k]}\u0000`;
      } else if (targets.length) {
        rng.pick(targets)(`a\u0000b${rng.chance(0.5) ? '\u0000' : ''}`);
      } else req.query.q = 'a\u0000';
      return;
    }
    case 'huge': {
      const targets = stringSetters();
      const huge = rng.pick(['x', 'é', 'م', '%']).repeat(rng.pick([5_000, 70_000, 300_000]));
      if (targets.length) rng.pick(targets)(huge);
      else req.query.q = huge.slice(0, 10_000);
      return;
    }
    case 'wrong-type': {
      if (body !== undefined && body !== null && typeof body === 'object') {
        const targets = leaves(body);
        if (targets.length && rng.chance(0.85)) rng.pick(targets)(rng.pick(WRONG_TYPES));
        else req.body = rng.pick(WRONG_TYPES);
      } else if (op.body) req.body = rng.pick(WRONG_TYPES);
      else {
        const k = rng.pick(['limit', 'cursor', 'version', 'index']);
        req.query[k] = rng.pick(['-1', '1e9', 'NaN', 'true', '[]', '0x10', '']);
      }
      return;
    }
    case 'bad-uuid': {
      const pathKeys = Object.keys(req.path);
      if (pathKeys.length) {
        req.path[rng.pick(pathKeys)] = rng.pick(BAD_UUIDS);
        return;
      }
      const targets = body !== undefined ? leaves(body, (v) => typeof v === 'string' && UUID.test(v)) : [];
      if (targets.length) rng.pick(targets)(rng.pick(BAD_UUIDS));
      return;
    }
    case 'cursor':
      req.query.cursor = JUNK_CURSORS(rng);
      if (rng.chance(0.3)) req.query.limit = String(rng.int(1, 100));
      return;
    case 'encoded-path':
      req.rawPath = encodePath(fillPath(op.route, req.path), rng);
      return;
    case 'future-date': {
      const targets = body !== undefined ? leaves(body, (v) => typeof v === 'string' && DATE.test(v)) : [];
      const pickDate = (dt: boolean) => {
        const v = rng.pick(dt ? FUTURE_DATE_TIMES : FUTURE_DATES);
        return typeof v === 'function' ? v() : v;
      };
      if (targets.length) {
        for (const set of targets) set(pickDate(rng.chance(0.5)));
      } else if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
        const obj = body as Record<string, Json>;
        obj[rng.pick(['dateOfBirth', 'receivedAt', 'date', 'dueAt'])] = pickDate(rng.chance(0.5));
      } else {
        req.query.from = pickDate(false);
        req.query.to = pickDate(false);
      }
      if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
        const person = (body as Record<string, Json>).person;
        if (person && typeof person === 'object' && !Array.isArray(person))
          person.dateOfBirth = pickDate(false);
      }
      return;
    }
    case 'unknown-id': {
      const targets = body !== undefined ? leaves(body, (v) => typeof v === 'string' && UUID.test(v)) : [];
      if (targets.length) for (const set of targets) set(randomUUID());
      else {
        const pathKeys = Object.keys(req.path);
        if (pathKeys.length) req.path[rng.pick(pathKeys)] = randomUUID();
      }
      return;
    }
    case 'missing-field': {
      if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
        const keys = Object.keys(body);
        if (keys.length) delete (body as Record<string, Json>)[rng.pick(keys)];
      } else if (op.body) delete req.body;
      return;
    }
    case 'extra-field': {
      if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
        (body as Record<string, Json>)[
          rng.pick(['__proto__', 'constructor', 'id', 'version', 'role', 'extra'])
        ] = rng.pick(WRONG_TYPES);
      } else req.query[rng.pick(['extra', 'role', 'organisationId'])] = 'x';
      return;
    }
    case 'query-junk': {
      const k = rng.pick([...Object.keys(req.query), 'q', 'limit', 'cursor', 'box', 'status']);
      req.query[k] = rng.pick([
        ['a', 'b'],
        '',
        '%00',
        '\u0000',
        'x'.repeat(5000),
        '[object Object]',
        '-0',
        '1.5',
        'true',
        "' or ''='",
      ]);
      return;
    }
    case 'odd-unicode': {
      const targets = stringSetters();
      if (targets.length) rng.pick(targets)(rng.pick(ODD_STRINGS));
      else req.query.q = rng.pick(ODD_STRINGS);
      return;
    }
  }
}

/** Percent-encodes, lone surrogates as U+FFFD (a URL cannot carry them). */
function enc(value: string): string {
  return encodeURIComponent(
    value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'),
  );
}

function fillPath(route: string, path: Record<string, string>): string {
  return route.replace(/\{(\w+)\}/g, (_m, name: string) => enc(path[name] ?? ''));
}

function encodePath(path: string, rng: Rng): string {
  return rng.pick([
    () => path.replace('/api/', '/%61pi/'),
    () => path.replace(/\/([a-z])/, (_m, c: string) => `/%${c.charCodeAt(0).toString(16)}`),
    () => path.replace('/api/', '/api//'),
    () => `${path}/`,
    () => `${path}.`,
    () => `${path}%2F..`,
    () => `${path}%00`,
    () => path.replace(/\/([^/]+)$/, '/%2e%2e/$1'),
    () => path.toUpperCase(),
    () => `${path};x=1`,
    () => path.replace(/-/g, '%2D'),
    () => `${path}%`,
  ])();
}

function queryString(query: Record<string, string | string[]>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query)) {
    for (const one of Array.isArray(v) ? v : [v]) parts.push(`${enc(k)}=${enc(one)}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
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
