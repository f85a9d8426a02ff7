import {
  CaseIdParams,
  ConsentCheck,
  IdParams,
  InboxPage,
  InboxQuery,
  OnwardReferralRequest,
  PersonReferralHistory,
  ReferralCreate,
  ReferralDto,
  ReferralList,
  ReferralPurpose,
  ReferralTransition,
  referralAccess,
  TaskCreate,
  TaskDto,
  TaskList,
  TaskListQuery,
  TaskPage,
  TaskUpdate,
} from '@opennrm/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../lib/app-error.js';
import { assertIfMatch, sendWithEtag } from '../../lib/http-preconditions.js';
import { auditContext } from '../../plugins/auth.plugin.js';
import type { Services } from '../../services.js';
import { recordAudit } from '../audit/audit.service.js';
import { readableCase, writableCase } from '../cases/cases.service.js';
import {
  findReferral,
  inboxPage,
  listCaseReferrals,
  personReferralHistory,
  presentReferral,
  type ReferralRow,
} from './referral-reads.js';
import {
  consentCheck,
  loadTargetOrganisation,
  requestOnward,
  sendReferral,
  transitionReferral,
} from './referrals.service.js';
import {
  accessibleTask,
  createManualTask,
  findTask,
  listCaseTasks,
  listTaskPage,
  presentTask,
  updateTask,
} from './tasks.service.js';
import { actContext } from './workflow.routes.js';

const tags = ['tasks and referrals'];

export async function workRoutes(base: FastifyInstance, { services }: { services: Services }) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  const audit = (request: FastifyRequest, event: Parameters<typeof recordAudit>[2]) =>
    recordAudit(services.db, auditContext(request), event, services.now());

  /** Opens one part of a case (its tasks, its referrals): need-to-know, then a read in the audit trail. */
  const readCasePart = async (request: FastifyRequest, caseId: string, part: 'tasks' | 'referrals') => {
    await readableCase(services, auditContext(request), request.auth!.actor, caseId);
    await audit(request, { action: 'case.viewed', targetType: 'case', targetId: caseId, details: { part } });
  };

  // ---- Tasks ---------------------------------------------------------------------------------

  app.get(
    '/api/cases/:id/tasks',
    {
      config: { access: { permission: ['cases.manage', 'tasks.work'] } },
      schema: {
        tags,
        summary: "The case's tasks you may see",
        params: CaseIdParams,
        response: { 200: TaskList },
      },
    },
    async (request) => {
      const actor = request.auth!.actor;
      await readCasePart(request, request.params.id, 'tasks');
      return { items: await listCaseTasks(services, actor, request.params.id) };
    },
  );

  app.post(
    '/api/cases/:id/tasks',
    {
      config: { access: { permission: 'cases.manage' } },
      schema: {
        tags,
        summary: 'Add a task by hand',
        params: CaseIdParams,
        body: TaskCreate,
        response: { 201: TaskDto },
      },
    },
    async (request, reply) => {
      const { row } = await writableCase(
        services,
        auditContext(request),
        request.auth!.actor,
        request.params.id,
      );
      const id = await services.db
        .transaction()
        .execute((trx) => createManualTask(actContext(services, request, trx), row.id, request.body));
      const task = (await findTask(services, id))!;
      reply.code(201).header('etag', `"v${task.version}"`);
      return presentTask(services, task);
    },
  );

  app.patch(
    '/api/tasks/:id',
    {
      config: { access: { permission: 'tasks.work' } },
      schema: {
        tags,
        summary: 'Complete, cancel or reopen a task; reassign it; note on it (If-Match)',
        params: IdParams,
        body: TaskUpdate,
        response: { 200: TaskDto },
      },
    },
    async (request, reply) => {
      const actor = request.auth!.actor;
      // Task access = access to its case + ownership (`taskAccess`); 404 otherwise.
      const { task, access } = await accessibleTask(
        services,
        auditContext(request),
        actor,
        request.params.id,
      );
      await services.db
        .transaction()
        .execute((trx) =>
          updateTask(actContext(services, request, trx), access, task, request.body, (v) =>
            assertIfMatch(request, v),
          ),
        );
      const updated = (await findTask(services, task.id))!;
      return sendWithEtag(reply, updated.version, presentTask(services, updated));
    },
  );

  app.get(
    '/api/tasks',
    {
      config: { access: { permission: 'tasks.work' } },
      schema: {
        tags,
        summary: "My tasks or my organisation's, overdue first",
        querystring: TaskListQuery,
        response: { 200: TaskPage },
      },
    },
    async (request) => {
      await audit(request, {
        action: 'tasks.listed',
        details: { view: request.query.view, status: request.query.status },
      });
      return listTaskPage(services, request.auth!.actor, request.query);
    },
  );

  // ---- Referrals ------------------------------------------------------------------------------

  app.get(
    '/api/cases/:id/referrals',
    {
      config: { access: { permission: ['cases.manage', 'referrals.respond'] } },
      schema: {
        tags,
        summary: "The case's referrals you may see",
        params: CaseIdParams,
        response: { 200: ReferralList },
      },
    },
    async (request) => {
      const actor = request.auth!.actor;
      await readCasePart(request, request.params.id, 'referrals');
      return { items: await listCaseReferrals(services, actor, request.params.id) };
    },
  );

  app.get(
    '/api/cases/:id/referrals/consent-check',
    {
      config: { access: { permission: 'referrals.send' } },
      schema: {
        tags,
        summary: 'Do the consent records cover referring the case to this organisation?',
        params: CaseIdParams,
        querystring: z.strictObject({ organisationId: z.uuid(), purpose: ReferralPurpose }),
        response: { 200: ConsentCheck },
      },
    },
    async (request) => {
      const { row } = await writableCase(
        services,
        auditContext(request),
        request.auth!.actor,
        request.params.id,
      );
      const org = await loadTargetOrganisation(services.db, request.query.organisationId);
      const { embassy: _embassy, ...check } = await consentCheck(
        services.db,
        row.id,
        org,
        request.query.purpose,
      );
      return check;
    },
  );

  app.post(
    '/api/cases/:id/referrals',
    {
      config: { access: { permission: 'referrals.send' } },
      schema: {
        tags,
        summary: 'Refer the case to an organisation',
        description:
          'Without consent on record the answer is 422 `CONSENT_REQUIRED`; a supervisor may send anyway with `withoutConsentReason` (audited).',
        params: CaseIdParams,
        body: ReferralCreate,
        response: { 201: ReferralDto },
      },
    },
    async (request, reply) => {
      const actor = request.auth!.actor;
      const { row } = await writableCase(services, auditContext(request), actor, request.params.id);
      const id = await services.db
        .transaction()
        .execute((trx) => sendReferral(actContext(services, request, trx), actor, row.id, request.body));
      const referral = (await findReferral(services.db, id))!;
      reply.code(201).header('etag', `"v${referral.version}"`);
      return presentReferral(services, actor, referral);
    },
  );

  /**
   * A referral the actor may see (`referralAccess`): the NRM on a case it can open, or the
   * receiving organisation (a bare record once revoked or declined: `presentReferral`).
   */
  const visibleReferral = async (request: FastifyRequest, id: string): Promise<ReferralRow> => {
    const actor = request.auth!.actor;
    const referral = await findReferral(services.db, id);
    const access = referral
      ? referralAccess(actor, { organisationId: referral.organisation_id, status: referral.status })
      : ({ read: false } as const);
    if (referral && access.read && access.revoke) {
      await readableCase(services, auditContext(request), actor, referral.case_id);
      return referral;
    }
    if (!referral || !access.read) {
      await audit(request, {
        action: 'referral.viewed',
        outcome: 'denied',
        targetType: 'referral',
        targetId: id,
      });
      throw notFound('Referral');
    }
    return referral;
  };

  app.get(
    '/api/referrals/:id',
    {
      config: { access: { permission: ['referrals.send', 'referrals.respond'] } },
      schema: { tags, summary: 'One referral', params: IdParams, response: { 200: ReferralDto } },
    },
    async (request, reply) => {
      const referral = await visibleReferral(request, request.params.id);
      await audit(request, {
        action: 'referral.viewed',
        targetType: 'referral',
        targetId: referral.id,
        details: { caseId: referral.case_id },
      });
      return sendWithEtag(reply, referral.version, presentReferral(services, request.auth!.actor, referral));
    },
  );

  app.post(
    '/api/referrals/:id/transitions',
    {
      config: { access: { permission: ['referrals.send', 'referrals.respond'] } },
      schema: {
        tags,
        summary:
          'Acknowledge, accept, decline, start, complete (recipient) or revoke (NRM) a referral (If-Match)',
        params: IdParams,
        body: ReferralTransition,
        response: { 200: ReferralDto },
      },
    },
    async (request, reply) => {
      const actor = request.auth!.actor;
      const referral = await visibleReferral(request, request.params.id);
      await services.db
        .transaction()
        .execute((trx) =>
          transitionReferral(actContext(services, request, trx), actor, referral, request.body, (v) =>
            assertIfMatch(request, v),
          ),
        );
      const updated = (await findReferral(services.db, referral.id))!;
      return sendWithEtag(reply, updated.version, presentReferral(services, actor, updated));
    },
  );

  app.post(
    '/api/referrals/:id/onward-request',
    {
      config: { access: { permission: 'referrals.respond' } },
      schema: {
        tags,
        summary: 'Ask the NRM to refer the case onward to another organisation',
        params: IdParams,
        body: OnwardReferralRequest,
        response: { 200: ReferralDto },
      },
    },
    async (request, reply) => {
      const actor = request.auth!.actor;
      const referral = await visibleReferral(request, request.params.id);
      await services.db
        .transaction()
        .execute((trx) => requestOnward(actContext(services, request, trx), actor, referral, request.body));
      const updated = (await findReferral(services.db, referral.id))!;
      return sendWithEtag(reply, updated.version, presentReferral(services, actor, updated));
    },
  );

  app.get(
    '/api/inbox',
    {
      config: { access: { permission: 'referrals.respond' } },
      schema: {
        tags,
        summary: "Your organisation's referrals: new, overdue, in progress, completed",
        querystring: InboxQuery,
        response: { 200: InboxPage },
      },
    },
    async (request) => {
      await audit(request, { action: 'referrals.inbox_listed', details: { box: request.query.box } });
      return inboxPage(services, request.auth!.actor, request.query);
    },
  );

  app.get(
    '/api/persons/:id/referrals',
    {
      config: { access: { permission: 'cases.manage' } },
      schema: {
        tags,
        summary: 'Every organisation the person was referred to, across all their cases',
        params: IdParams,
        response: { 200: PersonReferralHistory },
      },
    },
    async (request) => {
      await audit(request, {
        action: 'person.referrals_viewed',
        targetType: 'person',
        targetId: request.params.id,
      });
      return { items: await personReferralHistory(services, request.auth!.actor, request.params.id) };
    },
  );
}
