import type { ErrorBody } from '@opennrm/domain';
import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { isDatabaseUnavailable } from '../db/connection-errors.js';
import { AppError } from '../lib/app-error.js';

/** Fastify's own error codes that a client can cause, mapped to ours. */
const FASTIFY_CODES: Record<string, { status: number; code: ErrorBody['code']; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    message: 'The request body is too large',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Send JSON with Content-Type: application/json',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'BAD_REQUEST', message: 'The JSON body is empty' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'BAD_REQUEST', message: 'The JSON body is malformed' },
};

/**
 * PostgreSQL's foreign-key violation (23503) on a write: the request named a record that does
 * not exist (an organisation, a person, a user). Answered 422 REFERENCE_INVALID with the field
 * (the column in the API's spelling), or 409 when a row still referenced was to be removed.
 * Services check the ids they can explain better first; this is the rule for all the others.
 */
function foreignKeyError(error: unknown): AppError | undefined {
  const e = error as { code?: unknown; detail?: unknown } | null;
  if (e?.code !== '23503') return undefined;
  const detail = String(e.detail ?? '');
  if (detail.includes('is still referenced')) {
    return new AppError('CONFLICT', 'Other records still refer to this one');
  }
  const column = /Key \(([a-z0-9_]+)\)/.exec(detail)?.[1];
  const field = column?.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
  return new AppError(
    'REFERENCE_INVALID',
    'A record this refers to does not exist',
    field ? { field } : undefined,
  );
}

/** Seconds a client is asked to wait (Retry-After) while the database cannot be reached. */
const RETRY_AFTER_SECONDS = '5';

/**
 * The database cannot be reached (stopped, restarting, connections cut: issue 16): 503
 * DATABASE_UNAVAILABLE with Retry-After, logged as a warning without a stack. `/api/ready`'s
 * NOT_READY gets the same header. The pool reconnects by itself once the database is back.
 */
function databaseUnavailable(error: unknown): { status: 503; body: ErrorBody } | undefined {
  if (error instanceof AppError && error.code === 'NOT_READY') {
    return { status: 503, body: { code: error.code, message: error.message } };
  }
  if (!isDatabaseUnavailable(error)) return undefined;
  return {
    status: 503,
    body: { code: 'DATABASE_UNAVAILABLE', message: 'The database cannot be reached; try again shortly' },
  };
}

function i18nParams(params: unknown): { params?: { i18n: string } } {
  const inner = (params as { params?: { i18n?: unknown } } | undefined)?.params;
  return typeof inner?.i18n === 'string' ? { params: { i18n: inner.i18n } } : {};
}

/**
 * Every error leaves as `{ code, message, details }`. Anything unexpected is logged with
 * its stack under the request id and answered with a bare INTERNAL: no stack, no SQL.
 */
async function errorsPlugin(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const body: ErrorBody = {
        code: 'VALIDATION_FAILED',
        message: 'Some values are missing or not valid',
        details: {
          issues: error.validation.map((v) => ({
            location: error.validationContext,
            path: v.instancePath.split('/').filter(Boolean),
            code: v.keyword,
            message: v.message,
            // A refinement's translation key (`params: { i18n }`), so the web shows its own text.
            ...i18nParams(v.params),
          })),
        },
      };
      return reply.status(400).send(body);
    }
    const unavailable = databaseUnavailable(error);
    if (unavailable) {
      request.log.warn({ err: { message: error.message, code: error.code } }, 'database unavailable');
      return reply
        .status(unavailable.status)
        .header('retry-after', RETRY_AFTER_SECONDS)
        .send(unavailable.body);
    }
    const reference = foreignKeyError(error);
    if (reference) {
      request.log.info(
        { field: (reference.details as { field?: string } | undefined)?.field },
        'unknown reference',
      );
    }
    const known = reference ?? error;
    if (known instanceof AppError) {
      const body: ErrorBody = { code: known.code, message: known.message, details: known.details };
      return reply.status(known.statusCode).send(body);
    }
    if (error.statusCode === 429) {
      return reply
        .status(429)
        .send({ code: 'RATE_LIMITED', message: 'Too many requests; try again shortly' });
    }
    const fastify = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (fastify) return reply.status(fastify.status).send({ code: fastify.code, message: fastify.message });
    if (isResponseSerializationError(error)) {
      request.log.error(
        { err: { message: error.message, method: error.method, url: error.url } },
        'response did not match its schema',
      );
    } else {
      request.log.error({ err: error }, 'unhandled error');
    }
    return reply.status(500).send({ code: 'INTERNAL', message: 'Something went wrong on our side' });
  });
}

export default fp(errorsPlugin, { name: 'errors' });
