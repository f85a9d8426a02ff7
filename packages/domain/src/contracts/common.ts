import { z } from 'zod';

export const Locale = z.enum(['en', 'ar']);
export type Locale = z.infer<typeof Locale>;
export const LOCALES = Locale.options;

export const Id = z.uuid();

export const ErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Keyset pagination: `cursor` is opaque to clients and comes from the previous page (base64url). */
export const PageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9_-]*$/, 'not a cursor from a previous page')
    .optional(),
});

/**
 * The NUL character: PostgreSQL text cannot hold it, and no person types it. Every request
 * part (body, query string, path parameters) is checked for it before its own schema
 * (`withoutNul`, applied by the server to every route schema), so no string schema can miss it.
 */
export function nulPath(value: unknown, path: (string | number)[] = []): (string | number)[] | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulPath(value[i], [...path, i]);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key.includes('\u0000')) return [...path, key];
      const found = nulPath(child, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

/** `schema`, refusing any string (or object key) holding NUL with a `custom` issue at its path. */
export function withoutNul<T extends z.ZodType>(schema: T) {
  return z
    .unknown()
    .superRefine((value, ctx) => {
      const path = nulPath(value);
      if (path) {
        ctx.addIssue({
          code: 'custom',
          path,
          message: 'Text must not contain the NUL character',
          params: { i18n: 'validation.nulCharacter' },
        });
      }
    })
    .pipe(schema);
}

/** A date bounding a search (from, to): years 1900 to 9000, so a day added to it stays a date SQL reads. */
export const DateQuery = z.iso.date().refine((d) => d >= '1900-01-01' && d <= '9000-12-31', {
  message: 'Enter a date between 1900 and 9000',
});

/** A calendar date that is not in the future anywhere on Earth (a date of birth). */
export const PastDate = z.iso
  .date()
  .refine((d) => d <= new Date(Date.now() + 14 * 3_600_000).toISOString().slice(0, 10), {
    message: 'The date is in the future',
    params: { i18n: 'validation.dateInFuture' },
  });

/** How far ahead of the server's clock an instant may be (a client's clock running fast). */
export const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * An instant (with its offset, so the same moment in every zone) that is not in the future:
 * when something was received. A few minutes ahead are allowed for a client's clock.
 */
export const PastInstant = z.iso
  .datetime({ offset: true })
  .refine((d) => Date.parse(d) <= Date.now() + CLOCK_SKEW_MS, {
    message: 'The time is in the future',
    params: { i18n: 'validation.timeInFuture' },
  });

/** Bounds on a JSON value taken whole: depth, number of values, length of each text. */
function checkJsonBounds(value: unknown, ctx: z.RefinementCtx) {
  let nodes = 0;
  const walk = (node: unknown, depth: number): string | undefined => {
    if (++nodes > 20_000) return 'too many values';
    if (depth > 20) return 'nested too deep';
    if (typeof node === 'string') return node.length > 20_000 ? 'a text is too long' : undefined;
    const children = Array.isArray(node)
      ? node
      : node !== null && typeof node === 'object'
        ? Object.values(node)
        : [];
    for (const child of children) {
      const problem = walk(child, depth + 1);
      if (problem) return problem;
    }
    return undefined;
  };
  const problem = walk(value, 0);
  if (problem) ctx.addIssue({ code: 'custom', message: `The document is too large: ${problem}` });
}

/** Any JSON value (recursive: named `JsonValue` in the OpenAPI document). */
export const JsonValue = z.json();
/** Any JSON value of bounded size (a draft to check, answered with its problems). */
export const BoundedJson = JsonValue.superRefine(checkJsonBounds);

/**
 * JSON documents edited as a whole (an SOP, a questionnaire) and checked in full by their
 * domain schema after: an object of bounded depth, size and text length.
 */
export const JsonDocument = z.record(z.string().max(200), z.unknown()).superRefine(checkJsonBounds);

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable(),
    /** Rows matching the filters, where counting is cheap (small registries); absent on the audit trail. */
    total: z.number().int().optional(),
  });
}

export const BooleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const IdParams = z.strictObject({ id: Id });

export const HealthResponse = z.object({ status: z.literal('ok'), version: z.string() });
export const ReadyResponse = z.object({ status: z.literal('ready') });
export const OkResponse = z.object({ ok: z.literal(true) });
