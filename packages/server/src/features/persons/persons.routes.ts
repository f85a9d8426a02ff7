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
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { notFound } from '../../lib/app-error.js';
import { assertIfMatch, sendWithEtag } from '../../lib/http-preconditions.js';
import { auditContext } from '../../plugins/auth.plugin.js';
import type { Services } from '../../services.js';
import { recordAudit } from '../audit/audit.service.js';
import { findPersonRow } from './persons.repository.js';
import {
  addDocument,
  findDuplicates,
  loadPerson,
  removeDocument,
  updateDocumentHolder,
  updatePerson,
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
    async (request) => {
      const candidates = await findDuplicates(services, request.body);
      await recordAudit(
        services.db,
        auditContext(request),
        { action: 'person.duplicates_searched', details: { candidates: candidates.map((c) => c.personId) } },
        services.now(),
      );
      return { candidates };
    },
  );

  app.get(
    '/api/persons/:id',
    { config: search, schema: { tags, summary: 'One person', params: IdParams, response: { 200: Person } } },
    async (request, reply) => {
      const person = await loadPerson(services, services.db, request.params.id);
      await recordAudit(
        services.db,
        auditContext(request),
        { action: 'person.viewed', targetType: 'person', targetId: person.id },
        services.now(),
      );
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
    async (request) => {
      const person = await loadPerson(services, services.db, request.params.id);
      const candidates = await findDuplicates(services, {
        nameLatin: person.nameLatin,
        nameArabic: person.nameArabic,
        aliases: person.aliases,
        dateOfBirth: person.dateOfBirth,
        estimatedBirthYear: person.estimatedBirthYear,
        nationality: person.nationality,
        phone: person.phone,
        documents: person.documents.map((d) => ({
          type: d.type,
          number: d.number,
          issuingCountry: d.issuingCountry,
        })),
        excludePersonId: person.id,
      });
      await recordAudit(
        services.db,
        auditContext(request),
        {
          action: 'person.duplicates_searched',
          targetType: 'person',
          targetId: person.id,
          details: { candidates: candidates.map((c) => c.personId) },
        },
        services.now(),
      );
      return { candidates };
    },
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
      const current = await findPersonRow(services.db, request.params.id);
      if (!current) throw notFound('Person');
      assertIfMatch(request, current.version);
      await services.db.transaction().execute(async (trx) => {
        await updatePerson(services, trx, current, request.body);
        await recordAudit(
          trx,
          auditContext(request),
          {
            action: 'person.updated',
            targetType: 'person',
            targetId: current.id,
            details: { fields: Object.keys(request.body) },
          },
          services.now(),
        );
      });
      const person = await loadPerson(services, services.db, current.id);
      return sendWithEtag(reply, person.version, person);
    },
  );

  /** Identity documents change over a case: a passport is found, handed back, or entered later. */
  const manage = { access: { permission: 'cases.manage' as const } };
  const documentChange = async (
    request: FastifyRequest,
    personId: string,
    change: 'added' | 'holder_changed' | 'removed',
    run: (trx: Transaction<DB>) => Promise<string>,
  ) => {
    const current = await findPersonRow(services.db, personId);
    if (!current) throw notFound('Person');
    assertIfMatch(request, current.version);
    await services.db.transaction().execute(async (trx) => {
      const documentId = await run(trx);
      await trx
        .updateTable('persons')
        .set({ version: current.version + 1, updated_at: services.now() })
        .where('id', '=', personId)
        .execute();
      await recordAudit(
        trx,
        auditContext(request),
        {
          action: 'person.updated',
          targetType: 'person',
          targetId: personId,
          details: { document: change, documentId },
        },
        services.now(),
      );
    });
    return loadPerson(services, services.db, personId);
  };

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
      const person = await documentChange(request, request.params.id, 'added', (trx) =>
        addDocument(services, trx, request.params.id, request.body),
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
      const person = await documentChange(request, request.params.id, 'holder_changed', (trx) =>
        updateDocumentHolder(trx, request.params.id, request.params.documentId, request.body.holder),
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
      const person = await documentChange(request, request.params.id, 'removed', (trx) =>
        removeDocument(trx, request.params.id, request.params.documentId),
      );
      return sendWithEtag(reply, person.version, person);
    },
  );
}
