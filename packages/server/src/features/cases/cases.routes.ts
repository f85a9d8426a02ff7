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
  type CaseSection,
  CaseUpdate,
  ConsentCreate,
  ConsentList,
  PartyList,
  PartySearchQuery,
  seesDocument,
  Timeline,
  timelineEntryDetails,
} from '@opennrm/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type SqlBool, sql } from 'kysely';
import { z } from 'zod';
import { AppError } from '../../lib/app-error.js';
import { assertIfMatch, idempotencyKeyOf, sendWithEtag } from '../../lib/http-preconditions.js';
import { runIdempotent } from '../../lib/idempotency.js';
import { NoContent } from '../../lib/openapi.js';
import { auditContext } from '../../plugins/auth.plugin.js';
import type { Services } from '../../services.js';
import { recordAudit } from '../audit/audit.service.js';
import { listCasePage } from './case-list.service.js';
import type { CaseRow } from './cases.repository.js';
import {
  assignCase,
  createCase,
  getCase,
  readableCase,
  settlePerson,
  updateCase,
  writableCase,
} from './cases.service.js';
import {
  linkParty,
  listCaseParties,
  listConsents,
  recordConsent,
  searchParties,
  unlinkParty,
} from './consents-parties.service.js';

const tags = ['cases'];
const list = { access: { permission: 'cases.list' as const } };
const manage = { access: { permission: 'cases.manage' as const } };

function requireSection(access: { sections: readonly CaseSection[] }, section: CaseSection) {
  if (!access.sections.includes(section))
    throw new AppError('FORBIDDEN', 'This part of the case is not shared with you');
}

/** Opens one section of a case for reading: need-to-know, the section's sharing, and an audit event. */
async function readSection(services: Services, request: FastifyRequest, id: string, section: CaseSection) {
  const ctx = auditContext(request);
  const { access } = await readableCase(services, ctx, request.auth!.actor, id);
  requireSection(access, section);
  await recordAudit(
    services.db,
    ctx,
    { action: 'case.viewed', targetType: 'case', targetId: id, details: { sections: [section] } },
    services.now(),
  );
  return access;
}

/** Audit actions that are reads, kept out of the case timeline (they are in the access log). */
const READ_ACTIONS = ['case.viewed', 'case.listed', 'person.viewed', 'audit.viewed', 'procedure_map.viewed'];

export async function caseRoutes(base: FastifyInstance, { services }: { services: Services }) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  /**
   * A change to a case the caller may write: need-to-know, If-Match against the version
   * read, the change itself, and the updated case back with its new ETag.
   */
  const changeCase = async (
    request: FastifyRequest,
    id: string,
    reply: FastifyReply,
    change: (ctx: ReturnType<typeof auditContext>, row: CaseRow) => Promise<unknown>,
  ) => {
    const ctx = auditContext(request);
    const { row } = await writableCase(services, ctx, request.auth!.actor, id);
    assertIfMatch(request, row.version);
    await change(ctx, row);
    const updated = await getCase(services, ctx, request.auth!.actor, row.id);
    return sendWithEtag(reply, updated.version, updated);
  };

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
      const auth = request.auth!;
      const ctx = auditContext(request);
      const result = await runIdempotent(
        services,
        { userId: auth.userId, key: idempotencyKeyOf(request), route: 'POST /api/cases', body: request.body },
        {
          create: async (trx) => {
            const created = await createCase(services, ctx, auth.actor, request.body, trx);
            return { statusCode: 201, body: created, resource: { type: 'case', id: created.id } };
          },
          // A retry reads the case again with the caller's access as it is now.
          replay: (resource) => getCase(services, ctx, auth.actor, resource.id),
        },
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
    async (request, reply) =>
      changeCase(request, request.params.id, reply, (ctx, row) =>
        updateCase(services, ctx, row, request.body),
      ),
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
    async (request, reply) =>
      changeCase(request, request.params.id, reply, (ctx, row) =>
        assignCase(services, ctx, row, request.body.assigneeId),
      ),
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
    async (request, reply) =>
      changeCase(request, request.params.id, reply, (ctx, row) =>
        settlePerson(services, ctx, row, request.body),
      ),
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
    async (request) => {
      await readSection(services, request, request.params.id, 'consents');
      return { items: await listConsents(services, request.params.id) };
    },
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
      const ctx = auditContext(request);
      const { row } = await writableCase(services, ctx, request.auth!.actor, request.params.id);
      await recordConsent(services, ctx, row, request.body, request.auth!.userId);
      return reply.status(201).send({ items: await listConsents(services, row.id) });
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
    async (request) => {
      await readSection(services, request, request.params.id, 'parties');
      return { items: await listCaseParties(services, request.params.id) };
    },
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
      const ctx = auditContext(request);
      const { row } = await writableCase(services, ctx, request.auth!.actor, request.params.id);
      await linkParty(services, ctx, row, request.body);
      return reply.status(201).send({ items: await listCaseParties(services, row.id) });
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
      const ctx = auditContext(request);
      const { row } = await writableCase(services, ctx, request.auth!.actor, request.params.id);
      await unlinkParty(services, ctx, row, request.params.linkId);
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
    async (request) => {
      const actor = request.auth!.actor;
      const caseId = request.params.id;
      const access = await readSection(services, request, caseId, 'timeline');
      // The referrals and documents the entries are about, as their own access rules see them.
      const [referrals, documents] = await Promise.all([
        services.db
          .selectFrom('referrals')
          .select(['id', 'organisation_id'])
          .where('case_id', '=', caseId)
          .execute(),
        services.db
          .selectFrom('documents')
          .select(['id', 'shared_with'])
          .where('case_id', '=', caseId)
          .execute(),
      ]);
      const referralOrg = new Map(referrals.map((r) => [r.id, r.organisation_id]));
      const sharedWith = new Map(documents.map((d) => [d.id, d.shared_with]));
      let query = services.db
        .selectFrom('audit_log')
        .select(['id', 'occurred_at', 'action', 'actor_user_id', 'actor_username', 'details'])
        .where('target_type', '=', 'case')
        .where('target_id', '=', caseId)
        .where('action', 'not in', READ_ACTIONS)
        .where('outcome', '=', 'success');
      if (access.read && access.reason !== 'nrm') {
        // In the query already: other organisations' referrals and documents not shared are left out.
        const ownReferrals = referrals
          .filter((r) => r.organisation_id === actor.organisationId)
          .map((r) => r.id);
        const seenDocuments = documents
          .filter((d) => seesDocument(access, actor, d.shared_with))
          .map((d) => d.id);
        const inList = (ids: string[]) => (ids.length ? sql`IN (${sql.join(ids)})` : sql`IN (NULL)`);
        query = query
          .where(
            sql<SqlBool>`(action NOT LIKE 'referral.%' OR details->>'referralId' ${inList(ownReferrals)})`,
          )
          .where(
            sql<SqlBool>`((action NOT LIKE 'document.%' AND action NOT LIKE 'upload.%') OR details->>'documentId' ${inList(seenDocuments)})`,
          );
      }
      const rows = await query.orderBy('id').limit(1000).execute();
      const items = [];
      for (const r of rows) {
        const raw = r.details ?? {};
        const referralId = typeof raw.referralId === 'string' ? raw.referralId : null;
        const documentId = typeof raw.documentId === 'string' ? raw.documentId : null;
        // Who did what: case content stays in its section; what is not the reader's is left out.
        const details = timelineEntryDetails(actor, access, {
          action: r.action,
          actorUserId: r.actor_user_id,
          details: raw,
          referralOrganisationId: referralId ? (referralOrg.get(referralId) ?? null) : null,
          documentSharedWith: documentId ? (sharedWith.get(documentId) ?? null) : null,
        });
        if (!details) continue;
        items.push({
          id: String(r.id),
          at: r.occurred_at.toISOString(),
          action: r.action,
          actor: r.actor_username,
          details,
        });
      }
      return { items };
    },
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
    async (request) => {
      const ctx = auditContext(request);
      await readableCase(services, ctx, request.auth!.actor, request.params.id);
      const rows = await services.db
        .selectFrom('audit_log')
        .select(['occurred_at', 'action', 'actor_username', 'outcome'])
        .where('target_type', '=', 'case')
        .where('target_id', '=', request.params.id)
        .where('action', 'in', ['case.viewed'])
        .orderBy('id', 'desc')
        .limit(500)
        .execute();
      await recordAudit(
        services.db,
        ctx,
        {
          action: 'audit.viewed',
          targetType: 'case',
          targetId: request.params.id,
          details: { accessLog: true },
        },
        services.now(),
      );
      return {
        items: rows.map((r) => ({
          at: r.occurred_at.toISOString(),
          actor: r.actor_username,
          action: r.action,
          outcome: r.outcome,
        })),
      };
    },
  );
}
