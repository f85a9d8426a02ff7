import {
  AssignableUsers,
  IdParams,
  PasswordResetRequest,
  User,
  UserCreate,
  UserListQuery,
  UserPage,
  UserUpdate,
} from '@opennrm/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NoContent } from '../../lib/openapi.js';
import { auditContext } from '../../plugins/auth.plugin.js';
import type { Services } from '../../services.js';
import {
  createUser,
  editUser,
  getUser,
  listAssignableUsers,
  listUserPage,
  resetPassword,
  resetSecondFactor,
} from './users.service.js';

const tags = ['users'];
const read = { access: { permission: 'users.read' as const } };
const manage = { access: { permission: 'users.manage' as const } };

export async function userRoutes(base: FastifyInstance, { services }: { services: Services }) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/users',
    {
      config: read,
      schema: { tags, summary: 'List users', querystring: UserListQuery, response: { 200: UserPage } },
    },
    async (request) => listUserPage(services, request.query),
  );

  app.post(
    '/api/users',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Create a user with a temporary password',
        body: UserCreate,
        response: { 201: User },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createUser(services, auditContext(request), request.body)),
  );

  app.get(
    '/api/users/assignable',
    {
      config: { access: { permission: 'cases.assign' } },
      schema: {
        tags,
        summary: 'Active NRM staff a case can be assigned to (supervisors)',
        response: { 200: AssignableUsers },
      },
    },
    async () => ({ items: await listAssignableUsers(services) }),
  );

  app.get(
    '/api/users/:id',
    { config: read, schema: { tags, summary: 'One user', params: IdParams, response: { 200: User } } },
    async (request) => getUser(services, request.params.id),
  );

  app.patch(
    '/api/users/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Change role, organisation, name, or deactivate',
        params: IdParams,
        body: UserUpdate,
        response: { 200: User },
      },
    },
    async (request) => editUser(services, auditContext(request), request.params.id, request.body),
  );

  app.post(
    '/api/users/:id/password-reset',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Set a temporary password, to be changed at next sign-in',
        params: IdParams,
        body: PasswordResetRequest,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      await resetPassword(services, auditContext(request), request.params.id, request.body.newPassword);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/users/:id/mfa-reset',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Remove the second factor of a user who lost it',
        params: IdParams,
        body: z.strictObject({}).optional(),
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      await resetSecondFactor(services, auditContext(request), request.params.id);
      return reply.status(204).send();
    },
  );
}
