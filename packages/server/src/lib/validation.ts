import { withoutNul } from '@opennrm/domain';
import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler as zodValidatorCompiler } from 'fastify-type-provider-zod';
import type { ZodType } from 'zod';

/**
 * The validator of every route: its zod schema, with NUL refused in every string of the body,
 * query string and path parameters first (PostgreSQL text cannot hold NUL; a schema added
 * later cannot forget it). Errors leave as VALIDATION_FAILED with the path, like any other.
 */
export const validatorCompiler: FastifySchemaCompiler<ZodType> = (route) =>
  zodValidatorCompiler({ ...route, schema: withoutNul(route.schema) });
