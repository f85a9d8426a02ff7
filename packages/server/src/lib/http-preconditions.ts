import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './app-error.js';

export function etagOf(version: number): string {
  return `"v${version}"`;
}

/**
 * Optimistic concurrency for updates: the client must send the ETag it read as If-Match.
 * 428 when it is missing (so no client can overwrite blindly), 412 when it is stale.
 */
export function assertIfMatch(request: FastifyRequest, currentVersion: number) {
  const header = request.headers['if-match'];
  if (!header) throw new AppError('PRECONDITION_REQUIRED', 'Send the If-Match header with the ETag you read');
  const tags = String(header)
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''));
  if (!tags.includes(etagOf(currentVersion)) && !tags.includes('*')) throw staleVersion(currentVersion);
}

/** 412: the record changed since the client (or the request itself) read it. */
export function staleVersion(currentVersion: number): AppError {
  return new AppError('PRECONDITION_FAILED', 'Someone else changed this record; reload it and try again', {
    currentVersion,
  });
}

export function sendWithEtag<T>(reply: FastifyReply, version: number, body: T): T {
  reply.header('etag', etagOf(version));
  return body;
}

/** The `Idempotency-Key` header, if any: 1 to 100 visible ASCII characters. */
export function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return undefined;
  const key = String(header).trim();
  if (!/^[\x21-\x7e]{1,100}$/.test(key)) {
    throw new AppError('BAD_REQUEST', 'Idempotency-Key must be 1 to 100 visible ASCII characters');
  }
  return key;
}
