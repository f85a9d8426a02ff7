import type { SwaggerTransform } from '@fastify/swagger';
import { Condition, ErrorBody, JsonValue, StageCondition } from '@opennrm/domain';
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteAccess } from '../plugins/auth.plugin.js';

/**
 * Schemas that appear in the OpenAPI document once, as named components, and are referenced
 * from every operation using them. The recursive condition schemas must be here: inline, zod can
 * only point their recursion at an unnamed definition. A schema used as input and as output
 * appears twice (`<id>Input` and `<id>`), as fastify-type-provider-zod names them.
 */
export const apiSchemas = z.registry<{ id: string; description?: string }>();
apiSchemas.add(StageCondition, {
  id: 'SopStageCondition',
  description: 'When an SOP stage, task or action applies: a fact, or allOf / anyOf / not of conditions.',
});
apiSchemas.add(Condition, {
  id: 'ScreeningCondition',
  description: 'A screening rule condition: an answer test, an element, indicators, or allOf / anyOf / not.',
});
apiSchemas.add(JsonValue, { id: 'JsonValue', description: 'Any JSON value.' });
apiSchemas.add(ErrorBody, {
  id: 'ErrorBody',
  description:
    'Every error: a stable `code` (clients branch on it), an English `message`, optional `details`.',
});

const zodTransform = createJsonSchemaTransform({ schemaRegistry: apiSchemas });
const zodObject = createJsonSchemaTransformObject({ schemaRegistry: apiSchemas });

/**
 * The whole document: the named schemas as components, each in its input and output form,
 * keeping only those an operation (or another component) refers to.
 */
export const documentObject: typeof zodObject = (document) => {
  const out = zodObject(document) as { components?: { schemas?: Record<string, unknown> } };
  const schemas = out.components?.schemas;
  if (!schemas) return out as ReturnType<typeof zodObject>;
  const text = JSON.stringify({ ...out, components: { ...out.components, schemas: {} } });
  const used = new Set<string>();
  const visit = (json: string) => {
    for (const [, id] of json.matchAll(/"#\/components\/schemas\/([^"]+)"/g)) {
      if (id && !used.has(id) && id in schemas) {
        used.add(id);
        visit(JSON.stringify(schemas[id]));
      }
    }
  };
  visit(text);
  const kept = Object.fromEntries(Object.entries(schemas).filter(([id]) => used.has(id)));
  return { ...out, components: { ...out.components, schemas: kept } } as ReturnType<typeof zodObject>;
};

/**
 * `GET /api/cases/:id/parties` → `getCasesByIdParties`: unique per method and route, stable as
 * long as the route is, and URL-safe. A route may declare its own `operationId` instead.
 */
export function operationIdOf(method: string, url: string): string {
  const words = url
    .replace(/^\/api(?=\/|$)/, '')
    .split('/')
    .filter(Boolean)
    .flatMap((segment) =>
      segment.startsWith(':')
        ? ['by', ...segment.slice(1).split(/[^A-Za-z0-9]+/)]
        : segment.split(/[^A-Za-z0-9]+/),
    )
    .filter(Boolean);
  const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
  return method.toLowerCase() + words.map(cap).join('');
}

/**
 * The errors an operation can answer, each `ErrorBody` (see packages/domain/src/errors.ts for
 * the codes and their statuses). Every operation can fail validation, not find what it names,
 * be rate-limited, fail or find the database unavailable; a signed-in one can be refused; a
 * write can conflict, break a rule, be too large or of the wrong type, or miss its If-Match.
 */
const ERRORS = {
  400: 'Bad request: VALIDATION_FAILED (with `details.issues`) or BAD_REQUEST',
  401: 'Not signed in, or the sign-in failed: UNAUTHENTICATED, AUTH_INVALID_CREDENTIALS, AUTH_MFA_INVALID',
  403: 'Refused: FORBIDDEN, CSRF_INVALID, or AUTH_STEP_REQUIRED (the session has a step to finish)',
  404: 'NOT_FOUND: no such record, or one the caller may not see',
  409: 'Conflict with the current state (CONFLICT, CASE_STAGE_INVALID, SOP_VERSION_STALE, ...)',
  412: 'PRECONDITION_FAILED: the record changed since it was read (If-Match); `details.currentVersion`',
  413: 'PAYLOAD_TOO_LARGE or FILE_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE: send JSON with Content-Type: application/json',
  422: 'The request breaks a rule (REFERENCE_INVALID, CONSENT_REQUIRED, PASSWORD_TOO_SHORT, ...)',
  428: 'PRECONDITION_REQUIRED: send If-Match with the ETag you read',
  429: 'RATE_LIMITED, or AUTH_LOCKED after too many failed sign-ins',
  500: 'INTERNAL: an unexpected error, logged under the request id',
  503: 'DATABASE_UNAVAILABLE or NOT_READY; retry after the Retry-After header',
} as const;
type ErrorStatus = keyof typeof ERRORS;

function errorStatuses(access: RouteAccess | undefined, unsafe: boolean): ErrorStatus[] {
  const statuses: ErrorStatus[] = [400, 404, 429, 500, 503];
  if (!access?.public) statuses.push(401, 403);
  // Login answers 401 for wrong credentials although it is public.
  else if (unsafe) statuses.push(401);
  if (unsafe) statuses.push(409, 412, 413, 415, 422, 428);
  return statuses.sort((a, b) => a - b);
}

/**
 * The per-route transform of the OpenAPI document: zod schemas become JSON Schema (named ones
 * as `$ref`s), every operation gets an `operationId` and its error answers, and who may call
 * it, read from the route's own `access` (the same declaration the guard enforces): `security`
 * for tools, and `x-opennrm-access` (public, or the permissions and session stages) for people
 * and for the access-matrix test, which checks every operation against the domain policy.
 */
export const documentTransform: SwaggerTransform = (input) => {
  const access = (input.route.config as { access?: RouteAccess } | undefined)?.access;
  const method = String([input.route.method].flat()[0]).toUpperCase();
  const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(method);
  const schema = (input.schema ?? {}) as Record<string, unknown> & { response?: Record<string, unknown> };
  const response: Record<string, unknown> = { ...schema.response };
  for (const status of errorStatuses(access, unsafe)) {
    response[status] ??= {
      description: ERRORS[status],
      content: { 'application/json': { schema: ErrorBody } },
    };
  }
  const out = zodTransform({ ...input, schema: { ...schema, response } } as Parameters<
    typeof zodTransform
  >[0]);
  if (!out.schema || (out.schema as { hide?: boolean }).hide) return out;
  // A file download declares its type as `produces` and has no JSON schema: it answers 200 with the file.
  const produces = schema.produces as string[] | undefined;
  const answered = out.schema.response as Record<string, object>;
  if (answered[204]) answered[204] = { ...answered[204], description: 'Done; no content' };
  if (produces && !Object.keys(answered).some((status) => status.startsWith('2'))) {
    answered[200] = {
      description: 'The file',
      content: Object.fromEntries(
        produces.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
      ),
    };
  }
  const operationId = (schema.operationId as string | undefined) ?? operationIdOf(method, input.url);
  if (!access) return { ...out, schema: { ...out.schema, operationId } as typeof out.schema };
  const documented = access.public
    ? { public: true }
    : {
        permission: [access.permission].flat(),
        ...(access.stages ? { stages: [...access.stages] } : {}),
      };
  const security = access.public ? [] : [unsafe ? { session: [], csrf: [] } : { session: [] }];
  return {
    ...out,
    schema: { ...out.schema, operationId, security, 'x-opennrm-access': documented } as typeof out.schema,
  };
};

/**
 * A route answering 204 declares `response: { 204: NoContent }` so the document says so; the
 * empty reply is sent as before (fastify does not serialize an absent body).
 */
export const NoContent = z.undefined();
