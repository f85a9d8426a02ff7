import {
  DuplicateCandidates,
  DuplicateQuery,
  IdentityDocumentInput,
  IdentityDocumentUpdate,
  IdParams,
  Person,
  PersonDocumentParams,
  PersonUpdate,
} from '@opennrm/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { assertIfMatch, sendWithEtag } from '../../lib/http-preconditions.js';
import { auditContext } from '../../plugins/auth.plugin.js';
import type { Services } from '../../services.js';
import {
  addPersonDocument,
  changeDocumentHolder,
  duplicatesOfPerson,
  editPerson,
  removePersonDocument,
  searchDuplicates,
  viewPerson,
} from './persons.service.js';

const tags = ['persons'];
const search = { access: { permission: 'persons.search' as const } };

/** The person registry is the NRM team's: other roles see a person only inside a case they may open. */
export async function personRoutes(base: FastifyInstance, { services }: { services: Services }) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/persons/duplicates',
    {
      config: search,
      schema: {
        tags,
        summary: 'Likely existing matches for a person being entered, best first',
        body: DuplicateQuery,
        response: { 200: DuplicateCandidates },
      },
    },
    async (request) => ({
      candidates: await searchDuplicates(services, auditContext(request), request.body),
    }),
  );

  app.get(
    '/api/persons/:id',
    { config: search, schema: { tags, summary: 'One person', params: IdParams, response: { 200: Person } } },
    async (request, reply) => {
      const person = await viewPerson(services, auditContext(request), request.params.id);
      return sendWithEtag(reply, person.version, person);
    },
  );

  app.get(
    '/api/persons/:id/duplicates',
    {
      config: search,
      schema: {
        tags,
        summary: 'Likely duplicates of a stored person',
        params: IdParams,
        response: { 200: DuplicateCandidates },
      },
    },
    async (request) => ({
      candidates: await duplicatesOfPerson(services, auditContext(request), request.params.id),
    }),
  );

  app.patch(
    '/api/persons/:id',
    {
      config: { access: { permission: 'cases.manage' } },
      schema: {
        tags,
        summary: 'Edit a person (If-Match required)',
        params: IdParams,
        body: PersonUpdate,
        response: { 200: Person },
      },
    },
    async (request, reply) => {
      const person = await editPerson(
        services,
        auditContext(request),
        request.params.id,
        (version) => assertIfMatch(request, version),
        request.body,
      );
      return sendWithEtag(reply, person.version, person);
    },
  );

  /** Identity documents change over a case: a passport is found, handed back, or entered later. */
  const manage = { access: { permission: 'cases.manage' as const } };

  app.post(
    '/api/persons/:id/documents',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Add an identity document (If-Match required)',
        params: IdParams,
        body: IdentityDocumentInput,
        response: { 201: Person },
      },
    },
    async (request, reply) => {
      const person = await addPersonDocument(
        services,
        auditContext(request),
        request.params.id,
        (version) => assertIfMatch(request, version),
        request.body,
      );
      reply.header('etag', `"v${person.version}"`);
      return reply.status(201).send(person);
    },
  );

  app.patch(
    '/api/persons/:id/documents/:documentId',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Record who holds a document now, e.g. the passport handed back (If-Match required)',
        params: PersonDocumentParams,
        body: IdentityDocumentUpdate,
        response: { 200: Person },
      },
    },
    async (request, reply) => {
      const person = await changeDocumentHolder(
        services,
        auditContext(request),
        request.params.id,
        (version) => assertIfMatch(request, version),
        request.params.documentId,
        request.body.holder,
      );
      return sendWithEtag(reply, person.version, person);
    },
  );

  app.delete(
    '/api/persons/:id/documents/:documentId',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Remove an identity document entered by mistake (If-Match required)',
        params: PersonDocumentParams,
        response: { 200: Person },
      },
    },
    async (request, reply) => {
      const person = await removePersonDocument(
        services,
        auditContext(request),
        request.params.id,
        (version) => assertIfMatch(request, version),
        request.params.documentId,
      );
      return sendWithEtag(reply, person.version, person);
    },
  );
}
