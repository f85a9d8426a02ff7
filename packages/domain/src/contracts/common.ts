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

/** Keyset pagination: `cursor` is opaque to clients and comes from the previous page. */
export const PageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
});

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
