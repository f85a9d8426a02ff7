import {
  IdParams,
  Organisation,
  OrganisationCreate,
  OrganisationListQuery,
  OrganisationPage,
  OrganisationUpdate,
} from '@opennrm/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditContext } from '../../plugins/auth.plugin.js';
import type { Services } from '../../services.js';
import {
  createOrganisation,
  editOrganisation,
  getOrganisation,
  listOrganisationPage,
} from './organisations.service.js';

const tags = ['organisations'];
const read = { access: { permission: 'organisations.read' as const } };
const manage = { access: { permission: 'organisations.manage' as const } };

export async function organisationRoutes(base: FastifyInstance, { services }: { services: Services }) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/organisations',
    {
      config: read,
      schema: {
        tags,
        summary: 'List organisations',
        querystring: OrganisationListQuery,
        response: { 200: OrganisationPage },
      },
    },
    async (request) => listOrganisationPage(services, request.query),
  );

  app.post(
    '/api/organisations',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Create an organisation',
        body: OrganisationCreate,
        response: { 201: Organisation },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createOrganisation(services, auditContext(request), request.body)),
  );

  app.get(
    '/api/organisations/:id',
    {
      config: read,
      schema: { tags, summary: 'One organisation', params: IdParams, response: { 200: Organisation } },
    },
    async (request) => getOrganisation(services, request.params.id),
  );

  app.patch(
    '/api/organisations/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Edit, deactivate or reactivate an organisation',
        params: IdParams,
        body: OrganisationUpdate,
        response: { 200: Organisation },
      },
    },
    async (request) => editOrganisation(services, auditContext(request), request.params.id, request.body),
  );
}
