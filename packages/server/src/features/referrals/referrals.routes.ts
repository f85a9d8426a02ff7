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
} from '@opennrm/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actContextOf } from '../../lib/act-context.js';
import { assertIfMatch, sendWithEtag } from '../../lib/http-preconditions.js';
import { auditContext } from '../../plugins/auth.plugin.js';
import type { Services } from '../../services.js';
import { answerReferral } from './answer-referral.js';
import { inboxPage, personReferralHistory, readCaseReferrals, readReferral } from './referral-reads.js';
import { presentReferral } from './referrals.present.js';
import { checkReferralConsent } from './referrals.service.js';
import { requestOnward } from './request-onward.js';
import { sendReferral } from './send-referral.js';

const tags = ['tasks and referrals'];

export async function referralRoutes(base: FastifyInstance, { services }: { services: Services }) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  /** The request's use-case context: who acts, audited, now. */
  const act = (request: FastifyRequest) =>
    actContextOf(services, auditContext(request), request.auth!.userId);
  /** A referral answered as the caller may see it, with its ETag. */
  const answer = (
    request: FastifyRequest,
    reply: FastifyReply,
    referral: Parameters<typeof presentReferral>[2],
  ) => sendWithEtag(reply, referral.version, presentReferral(services, request.auth!.actor, referral));

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
    async (request) =>
      readCaseReferrals(services, auditContext(request), request.auth!.actor, request.params.id),
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
    async (request) =>
      checkReferralConsent(
        services,
        auditContext(request),
        request.auth!.actor,
        request.params.id,
        request.query,
      ),
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
      const referral = await sendReferral(act(request), request.auth!.actor, request.params.id, request.body);
      return answer(request, reply.code(201), referral);
    },
  );

  app.get(
    '/api/referrals/:id',
    {
      config: { access: { permission: ['referrals.send', 'referrals.respond'] } },
      schema: { tags, summary: 'One referral', params: IdParams, response: { 200: ReferralDto } },
    },
    async (request, reply) =>
      answer(
        request,
        reply,
        await readReferral(services, auditContext(request), request.auth!.actor, request.params.id),
      ),
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
      const referral = await answerReferral(
        act(request),
        request.auth!.actor,
        request.params.id,
        request.body,
        (v) => assertIfMatch(request, v),
      );
      return answer(request, reply, referral);
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
    async (request, reply) =>
      answer(
        request,
        reply,
        await requestOnward(act(request), request.auth!.actor, request.params.id, request.body),
      ),
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
    async (request) => inboxPage(services, auditContext(request), request.auth!.actor, request.query),
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
    async (request) =>
      personReferralHistory(services, auditContext(request), request.auth!.actor, request.params.id),
  );
}
