import { AppError } from './app-error.js';

/** A case-insensitive LIKE pattern for a user's search text, with LIKE's wildcards escaped. */
export function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`;
}

/** Keyset cursors are opaque to clients: base64url of the last row's sort key. */
export function encodeCursor(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64url');
}

const badCursor = () =>
  new AppError('BAD_REQUEST', 'The cursor is not valid: start again from the first page');

/**
 * The text a cursor stands for. A cursor this server did not make (it does not encode back to
 * itself, holds NUL or invalid UTF-8) is a 400, never a value handed to SQL.
 */
export function decodeCursor(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text || encodeCursor(text) !== cursor || text.includes('\u0000') || text.includes('\ufffd'))
    throw badCursor();
  return text;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A `<instant>|<uuid>` cursor (`instant` may be `infinity` where the sort key allows it). */
export function decodeInstantIdCursor(
  cursor: string | undefined,
  opts: { infinity?: boolean } = {},
): { at: string; id: string } | undefined {
  const text = decodeCursor(cursor);
  if (text === undefined) return undefined;
  const parts = text.split('|');
  const [at, id] = parts;
  const instant =
    at === 'infinity' ? !!opts.infinity : !!at && ISO_INSTANT.test(at) && !Number.isNaN(Date.parse(at));
  if (parts.length !== 2 || !instant || !id || !UUID.test(id)) throw badCursor();
  return { at: at as string, id };
}
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/** A cursor standing for a positive whole number (a bigint key such as the audit trail's). */
export function decodeNumberCursor(cursor: string | undefined): string | undefined {
  const text = decodeCursor(cursor);
  if (text !== undefined && !/^\d{1,18}$/.test(text)) throw badCursor();
  return text;
}

/** Splits a `limit + 1` result into the page and the cursor to the next one. */
export function pageFrom<T>(rows: T[], limit: number, keyOf: (row: T) => string) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}
