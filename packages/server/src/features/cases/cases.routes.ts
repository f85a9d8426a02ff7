import {
  AccessLog,
  Case,
  CaseAssign,
  CaseCreate,
  CaseIdParams,
  CaseLinkPerson,
  CaseListQuery,
  CasePage,
  CasePartyCreate,
  CasePartyList,
  CasePartyParams,
  CaseUpdate,
  ConsentCreate,
  ConsentList,
  PartyList,
  PartySearchQuery,
  Timeline,
} from '@opennrm/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertIfMatch, idempotencyKeyOf, sendWithEtag } from '../../lib/http-preconditions.js';
import { NoContent } from '../../lib/openapi.js';
import { auditContext } from '../../plugins/auth.plugin.js';
import type { Services } from '../../services.js';
import { listCasePage } from './case-list.service.js';
import { caseAccessLog, caseTimeline } from './case-timeline.service.js';
import { editCase, getCase, logCase, reassignCase, settleCasePerson } from './cases.service.js';
import { addConsent, caseConsents } from './consents.service.js';
import { addCaseParty, caseParties, removeCaseParty, searchParties } from './parties.service.js';

const tags = ['cases'];
const list = { access: { permission: 'cases.list' as const } };
const manage = { access: { permission: 'cases.manage' as const } };

export async function caseRoutes(base: FastifyInstance, { services }: { services: Services }) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/cases',
    {
      config: { access: { permission: 'cases.create' } },
      schema: {
        tags,
        summary: 'Log a case (walk-in interview, hotline call, or first-responder referral)',
        description:
          'Send an `Idempotency-Key` header: a retried request answers the first result and never creates a second case.',
        body: CaseCreate,
        response: { 201: Case },
      },
    },
    async (request, reply) => {
      const result = await logCase(
        services,
        auditContext(request),
        request.auth!.actor,
        request.body,
        idempotencyKeyOf(request),
      );
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      reply.header('etag', `"v${result.body.version}"`);
      return reply.status(201).send(result.body);
    },
  );

  app.get(
    '/api/cases',
    {
      config: list,
      schema: {
        tags,
        summary: 'Cases the caller may see, filtered and paged',
        querystring: CaseListQuery,
        response: { 200: CasePage },
      },
    },
    async (request) => listCasePage(services, auditContext(request), request.auth!.actor, request.query),
  );

  app.get(
    '/api/cases/:id',
    {
      config: list,
      schema: {
        tags,
        summary: 'One case, with the sections the caller may see',
        params: CaseIdParams,
        response: { 200: Case },
      },
    },
    async (request, reply) => {
      const found = await getCase(services, auditContext(request), request.auth!.actor, request.params.id);
      return sendWithEtag(reply, found.version, found);
    },
  );

  app.patch(
    '/api/cases/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Edit intake details (If-Match required)',
        params: CaseIdParams,
        body: CaseUpdate,
        response: { 200: Case },
      },
    },
    async (request, reply) => {
      const updated = await editCase(
        services,
        auditContext(request),
        request.auth!.actor,
        request.params.id,
        (version) => assertIfMatch(request, version),
        request.body,
      );
      return sendWithEtag(reply, updated.version, updated);
    },
  );

  app.put(
    '/api/cases/:id/assignee',
    {
      config: { access: { permission: 'cases.assign' } },
      schema: {
        tags,
        summary: 'Assign or reassign the case manager (If-Match required)',
        params: CaseIdParams,
        body: CaseAssign,
        response: { 200: Case },
      },
    },
    async (request, reply) => {
      const updated = await reassignCase(
        services,
        auditContext(request),
        request.auth!.actor,
        request.params.id,
        (version) => assertIfMatch(request, version),
        request.body.assigneeId,
      );
      return sendWithEtag(reply, updated.version, updated);
    },
  );

  app.post(
    '/api/cases/:id/person',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Settle the duplicate check: link an existing person, or confirm a new one',
        params: CaseIdParams,
        body: z.union([CaseLinkPerson, z.strictObject({ confirmNew: z.literal(true) })]),
        response: { 200: Case },
      },
    },
    async (request, reply) => {
      const updated = await settleCasePerson(
        services,
        auditContext(request),
        request.auth!.actor,
        request.params.id,
        (version) => assertIfMatch(request, version),
        request.body,
      );
      return sendWithEtag(reply, updated.version, updated);
    },
  );

  app.get(
    '/api/cases/:id/consents',
    {
      config: list,
      schema: {
        tags,
        summary: 'Consent records, newest first',
        params: CaseIdParams,
        response: { 200: ConsentList },
      },
    },
    async (request) => ({
      items: await caseConsents(services, auditContext(request), request.auth!.actor, request.params.id),
    }),
  );

  app.post(
    '/api/cases/:id/consents',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Record consent given, refused or withdrawn',
        params: CaseIdParams,
        body: ConsentCreate,
        response: { 201: ConsentList },
      },
    },
    async (request, reply) => {
      const items = await addConsent(
        services,
        auditContext(request),
        request.auth!.actor,
        request.params.id,
        request.body,
      );
      return reply.status(201).send({ items });
    },
  );

  app.get(
    '/api/cases/:id/parties',
    {
      config: list,
      schema: {
        tags,
        summary: 'Employers, agencies, sponsors and alleged perpetrators of the case',
        params: CaseIdParams,
        response: { 200: CasePartyList },
      },
    },
    async (request) => ({
      items: await caseParties(services, auditContext(request), request.auth!.actor, request.params.id),
    }),
  );

  app.post(
    '/api/cases/:id/parties',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Link a party from the register, or a new one, with its role',
        params: CaseIdParams,
        body: CasePartyCreate,
        response: { 201: CasePartyList },
      },
    },
    async (request, reply) => {
      const items = await addCaseParty(
        services,
        auditContext(request),
        request.auth!.actor,
        request.params.id,
        request.body,
      );
      return reply.status(201).send({ items });
    },
  );

  app.delete(
    '/api/cases/:id/parties/:linkId',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Unlink a party from the case',
        params: CasePartyParams,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      await removeCaseParty(
        services,
        auditContext(request),
        request.auth!.actor,
        request.params.id,
        request.params.linkId,
      );
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/parties',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Search the shared register of parties',
        querystring: PartySearchQuery,
        response: { 200: PartyList },
      },
    },
    async (request) => ({ items: await searchParties(services, request.query.q, request.query.limit) }),
  );

  app.get(
    '/api/cases/:id/timeline',
    {
      config: list,
      schema: {
        tags,
        summary: 'Everything that happened to the case, in order',
        params: CaseIdParams,
        response: { 200: Timeline },
      },
    },
    async (request) => caseTimeline(services, auditContext(request), request.auth!.actor, request.params.id),
  );

  app.get(
    '/api/cases/:id/access-log',
    {
      config: { access: { permission: 'cases.access_log' } },
      schema: {
        tags,
        summary: 'Who accessed this record (supervisors)',
        params: CaseIdParams,
        response: { 200: AccessLog },
      },
    },
    async (request) => caseAccessLog(services, auditContext(request), request.auth!.actor, request.params.id),
  );
}
