import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Services } from '../services.js';
import { AppError } from './app-error.js';
import { canonicalJson } from './canonical-json.js';
import {
  deleteIdempotencyKey,
  deleteIdempotencyKeysBefore,
  findIdempotencyKey,
  insertIdempotencyKey,
} from './idempotency.repository.js';

/** How long a key answers a retry; older keys are ignored, and purged by the scheduler. */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

/** What a request created: replays read it again through the normal, access-checked read. */
export interface IdempotentResource {
  type: string;
  id: string;
}

export interface IdempotentRequest {
  userId: string;
  key: string | undefined;
  /** Method and route pattern, e.g. `POST /api/cases`. */
  route: string;
  /** The validated body: its canonical JSON is part of the request's hash. */
  body: unknown;
}

export interface IdempotentResult<T> {
  statusCode: number;
  body: T;
  replayed: boolean;
}

/**
 * A keyed hash (HMAC-SHA-256 under the blind-index key) of method, route, user and the
 * canonical body: a retry is recognised, and the store confirms no guess at what was sent.
 */
function requestHash(crypto: Services['crypto'], request: IdempotentRequest): string {
  return crypto.blindIndex(
    `idempotency v1\n${request.route}\n${request.userId}\n${canonicalJson(request.body ?? null)}`,
  );
}

/**
 * Runs `create` once per (user, Idempotency-Key) within 24 hours. The store keeps a hash of
 * the request and the id of what was created (in the same transaction, so two racing
 * retries create one record), never the answer: a retry with the same body gets the record
 * read again by `replay`, with the caller's access as it is now, and the original status;
 * the same key with another body is refused with 422 IDEMPOTENCY_KEY_REUSED.
 */
export async function runIdempotent<T>(
  services: Pick<Services, 'db' | 'crypto' | 'now'>,
  request: IdempotentRequest,
  steps: {
    create: (trx: Transaction<DB>) => Promise<{ statusCode: number; body: T; resource: IdempotentResource }>;
    replay: (resource: IdempotentResource) => Promise<T>;
  },
): Promise<IdempotentResult<T>> {
  const { db } = services;
  const { key, userId, route } = request;
  if (!key) {
    const { statusCode, body } = await db.transaction().execute(steps.create);
    return { statusCode, body, replayed: false };
  }
  const hash = requestHash(services.crypto, request);
  const previous = async (): Promise<IdempotentResult<T> | undefined> => {
    const row = await findIdempotencyKey(db, userId, key);
    if (!row) return undefined;
    const now = services.now();
    if (row.created_at.getTime() <= now.getTime() - IDEMPOTENCY_TTL_MS) {
      // Expired: forgotten, so the key is free for a new request.
      await deleteIdempotencyKey(db, userId, key, row.created_at);
      return undefined;
    }
    if (row.route !== route || row.request_hash !== hash) {
      throw new AppError(
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was already used for a different request',
      );
    }
    const body = await steps.replay({ type: row.resource_type, id: row.resource_id });
    return { statusCode: row.status_code, body, replayed: true };
  };
  const earlier = await previous();
  if (earlier) return earlier;
  try {
    const { statusCode, body } = await db.transaction().execute(async (trx) => {
      const r = await steps.create(trx);
      await insertIdempotencyKey(trx, {
        user_id: userId,
        key,
        route,
        request_hash: hash,
        resource_type: r.resource.type,
        resource_id: r.resource.id,
        status_code: r.statusCode,
        created_at: services.now(),
      });
      return r;
    });
    return { statusCode, body, replayed: false };
  } catch (error) {
    // A concurrent retry committed first: answer as it did (or 422 if its body differed).
    const raced = await previous();
    if (raced) return raced;
    throw error;
  }
}

/** Removes keys past their 24 hours; run by the scheduler. Returns how many were removed. */
export async function purgeExpiredIdempotencyKeys(db: Kysely<DB>, now: Date): Promise<number> {
  return deleteIdempotencyKeysBefore(db, new Date(now.getTime() - IDEMPOTENCY_TTL_MS));
}
