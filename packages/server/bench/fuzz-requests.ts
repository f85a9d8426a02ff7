/**
 * The fuzzer's request side: reads the operations from the OpenAPI document, builds
 * valid-looking values from their JSON schemas (fast-check for patterned strings), bends a
 * share of them (`MUTATIONS`) and encodes paths and query strings. `fuzz-core.ts` signs in,
 * sends them and counts the answers.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { TestContext } from '../test/harness.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export interface Schema {
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
export interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema: Schema;
}
export interface Operation {
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

// ---------------------------------------------------------------------------------------------
// Randomness: one seeded generator for choices; fast-check for values that follow a pattern.

export class Rng {
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

export const patternArbs = new Map<string, fc.Arbitrary<string> | null>();
export function patternArb(pattern: string): fc.Arbitrary<string> | null {
  if (!patternArbs.has(pattern)) {
    try {
      patternArbs.set(pattern, fc.stringMatching(new RegExp(pattern)));
    } catch {
      patternArbs.set(pattern, null);
    }
  }
  return patternArbs.get(pattern) ?? null;
}
export const textArb = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('Maria', 'مريم', 'Ana Cruz', 'NRM-2026-000001', 'x', '  padded  ', '%', '_', "O'Brien"),
);

// ---------------------------------------------------------------------------------------------
// Known ids, so that valid-looking requests reach the code behind the access checks.

export type Pool =
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
export const POOLS: Pool[] = [
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
export function poolOfPath(route: string, name: string): Pool | undefined {
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
export function poolOfField(name: string): Pool | undefined {
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

export class Ids {
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

export function resolve(doc: OpenApiDoc, schema: Schema): Schema {
  let s = schema;
  for (let i = 0; s.$ref && i < 10; i++) {
    const name = s.$ref.split('/').pop() ?? '';
    s = doc.components?.schemas?.[name] ?? {};
  }
  return s;
}

export interface OpenApiDoc {
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

export interface GenContext {
  doc: OpenApiDoc;
  rng: Rng;
  ids: Ids;
  depth: number;
}

export function typesOf(s: Schema): string[] {
  if (Array.isArray(s.type)) return s.type;
  if (s.type) return [s.type];
  if (s.properties) return ['object'];
  if (s.items) return ['array'];
  return [];
}

export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function generate(schema: Schema, g: GenContext, field?: string): Json {
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

export function generateString(s: Schema, g: GenContext, field?: string): string {
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
