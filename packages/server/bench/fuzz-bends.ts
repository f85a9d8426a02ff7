/**
 * The fuzzer's bends: what `bend` does to a generated request (a NUL byte, a huge or odd string,
 * a wrong type, a bad or unknown id, a junk cursor, a future date, a missing or extra field) and
 * how a path is encoded on the way out.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import {
  type GenContext,
  isoDate,
  type Json,
  type Mutation,
  type Operation,
  type Rng,
} from './fuzz-requests.js';

// ---------------------------------------------------------------------------------------------
// Bending a generated request.

export interface Request {
  path: Record<string, string>;
  query: Record<string, string | string[]>;
  body?: Json | Buffer;
  rawPath?: string;
}

/** Every string leaf (or all leaves) of a JSON value, as a setter. */
export function leaves(value: Json, only?: (v: Json) => boolean): ((v: Json) => void)[] {
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
export const isString = (v: Json) => typeof v === 'string';
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const DATE = /^\d{4}-\d{2}-\d{2}(T.*)?$/;

export const BAD_UUIDS = [
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
export const JUNK_CURSORS = (rng: Rng): string => {
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
export const FUTURE_DATES = [
  '2999-12-31',
  '9999-12-31',
  () => isoDate(new Date(Date.now() + 86_400_000 * 3)),
];
export const FUTURE_DATE_TIMES = [
  '2999-12-31T00:00:00Z',
  () => new Date(Date.now() + 3_600_000 * 2).toISOString(),
];
export const WRONG_TYPES: Json[] = [0, -1, 1e308, 3.5, true, false, null, [], {}, [null], { a: 1 }, '', 'x'];
export const ODD_STRINGS = [
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

export function bend(mutation: Mutation, req: Request, op: Operation, g: GenContext): void {
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
export function enc(value: string): string {
  return encodeURIComponent(
    value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'),
  );
}

export function fillPath(route: string, path: Record<string, string>): string {
  return route.replace(/\{(\w+)\}/g, (_m, name: string) => enc(path[name] ?? ''));
}

export function encodePath(path: string, rng: Rng): string {
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

export function queryString(query: Record<string, string | string[]>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query)) {
    for (const one of Array.isArray(v) ? v : [v]) parts.push(`${enc(k)}=${enc(one)}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}
