/**
 * JSON for the SOP editor: a parser that remembers where each value starts in the text (so a
 * problem at `stages › 2 › tasks › 0` can take the cursor there) and reports a syntax error
 * with its line and column; and a structural diff of two versions.
 */

export type JsonPath = (string | number)[];

export interface TextPosition {
  offset: number;
  line: number;
  column: number;
}

export interface JsonSyntaxError {
  /** `end`: the text stops too early; `unexpected`: `found` is not what JSON allows here. */
  kind: 'end' | 'unexpected';
  found: string;
  position: TextPosition;
}

export type ParseResult =
  | { ok: true; value: unknown; locate: (path: JsonPath) => TextPosition | undefined }
  | { ok: false; error: JsonSyntaxError };

export function positionAt(text: string, offset: number): TextPosition {
  const before = text.slice(0, offset);
  const lines = before.split('\n');
  return { offset, line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}

class SyntaxProblem extends Error {
  constructor(
    readonly kind: 'end' | 'unexpected',
    readonly offset: number,
  ) {
    super(kind);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON forbids raw control characters in a string
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const WHITESPACE = /[ \t\n\r]*/y;

/** Parses JSON text, recording the offset where the value at each path starts. */
export function parseJson(text: string): ParseResult {
  const starts = new Map<string, number>();
  let at = 0;

  const skip = () => {
    WHITESPACE.lastIndex = at;
    WHITESPACE.exec(text);
    at = WHITESPACE.lastIndex;
  };
  const fail = (): never => {
    throw new SyntaxProblem(at >= text.length ? 'end' : 'unexpected', at);
  };
  const expect = (char: string) => {
    skip();
    if (text[at] !== char) fail();
    at += 1;
  };
  const token = (pattern: RegExp): string | undefined => {
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (!match) return undefined;
    at = pattern.lastIndex;
    return match[0];
  };

  function value(path: JsonPath): unknown {
    skip();
    starts.set(JSON.stringify(path), at);
    const char = text[at];
    if (char === '{') return object(path);
    if (char === '[') return array(path);
    if (char === '"') {
      const raw = token(STRING);
      return raw === undefined ? fail() : JSON.parse(raw);
    }
    for (const [word, literal] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return literal;
      }
    }
    const raw = token(NUMBER);
    return raw === undefined ? fail() : Number(raw);
  }

  function object(path: JsonPath): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    at += 1;
    skip();
    if (text[at] === '}') {
      at += 1;
      return result;
    }
    for (;;) {
      skip();
      const raw = token(STRING);
      if (raw === undefined) fail();
      const key = JSON.parse(raw as string) as string;
      expect(':');
      Object.defineProperty(result, key, {
        value: value([...path, key]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      skip();
      if (text[at] === ',') at += 1;
      else if (text[at] === '}') {
        at += 1;
        return result;
      } else fail();
    }
  }

  function array(path: JsonPath): unknown[] {
    const result: unknown[] = [];
    at += 1;
    skip();
    if (text[at] === ']') {
      at += 1;
      return result;
    }
    for (;;) {
      result.push(value([...path, result.length]));
      skip();
      if (text[at] === ',') at += 1;
      else if (text[at] === ']') {
        at += 1;
        return result;
      } else fail();
    }
  }

  try {
    const parsed = value([]);
    skip();
    if (at < text.length) fail();
    return {
      ok: true,
      value: parsed,
      locate: (path) => {
        // The deepest part of the path that exists: a missing key points at its parent.
        for (let n = path.length; n >= 0; n -= 1) {
          const offset = starts.get(JSON.stringify(path.slice(0, n)));
          if (offset !== undefined) return positionAt(text, offset);
        }
        return undefined;
      },
    };
  } catch (error) {
    if (!(error instanceof SyntaxProblem)) throw error;
    const found = error.kind === 'end' ? '' : (text.slice(error.offset).match(/^\S{1,12}/)?.[0] ?? '');
    return { ok: false, error: { kind: error.kind, found, position: positionAt(text, error.offset) } };
  }
}

// ---------------------------------------------------------------------------------------------
// Structural diff

/** A step of a diff path: a key, an index, or the `id` of an element of an array of items with ids. */
export type DiffStep = string | number | { id: string };

export interface JsonChange {
  /** `reordered`: the same items (by id) in another order; `before`/`after` list the ids. */
  kind: 'added' | 'removed' | 'changed' | 'reordered';
  path: DiffStep[];
  before?: unknown;
  after?: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Arrays whose elements all carry a distinct string `id` (stages, tasks, referrals) are matched by id. */
function ids(list: unknown[]): string[] | undefined {
  const found = list.map((item) => (isRecord(item) && typeof item.id === 'string' ? item.id : undefined));
  if (found.some((id) => id === undefined)) return undefined;
  const unique = new Set(found);
  return unique.size === found.length ? (found as string[]) : undefined;
}

/**
 * What changed from `before` to `after`, as leaf changes: a key or item added or removed is
 * one change carrying its whole value; a changed scalar is one change with both values.
 */
export function diffJson(before: unknown, after: unknown, path: DiffStep[] = []): JsonChange[] {
  if (Object.is(before, after)) return [];
  if (Array.isArray(before) && Array.isArray(after)) {
    const beforeIds = ids(before);
    const afterIds = ids(after);
    if (beforeIds && afterIds && (before.length > 0 || after.length > 0)) {
      const changes: JsonChange[] = [];
      beforeIds.forEach((id, i) => {
        if (!afterIds.includes(id))
          changes.push({ kind: 'removed', path: [...path, { id }], before: before[i] });
      });
      afterIds.forEach((id, i) => {
        const old = beforeIds.indexOf(id);
        if (old < 0) changes.push({ kind: 'added', path: [...path, { id }], after: after[i] });
        else changes.push(...diffJson(before[old], after[i], [...path, { id }]));
      });
      const order = (list: string[]) => list.filter((id) => beforeIds.includes(id) && afterIds.includes(id));
      if (order(beforeIds).join() !== order(afterIds).join()) {
        changes.push({ kind: 'reordered', path, before: beforeIds, after: afterIds });
      }
      return changes;
    }
    const changes: JsonChange[] = [];
    const common = Math.min(before.length, after.length);
    for (let i = 0; i < common; i += 1) changes.push(...diffJson(before[i], after[i], [...path, i]));
    for (let i = common; i < before.length; i += 1)
      changes.push({ kind: 'removed', path: [...path, i], before: before[i] });
    for (let i = common; i < after.length; i += 1)
      changes.push({ kind: 'added', path: [...path, i], after: after[i] });
    return changes;
  }
  if (isRecord(before) && isRecord(after)) {
    const changes: JsonChange[] = [];
    for (const key of Object.keys(before)) {
      if (!Object.hasOwn(after, key))
        changes.push({ kind: 'removed', path: [...path, key], before: before[key] });
      else changes.push(...diffJson(before[key], after[key], [...path, key]));
    }
    for (const key of Object.keys(after)) {
      if (!Object.hasOwn(before, key))
        changes.push({ kind: 'added', path: [...path, key], after: after[key] });
    }
    return changes;
  }
  return [{ kind: 'changed', path, before, after }];
}
