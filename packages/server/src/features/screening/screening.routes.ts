import {
  CaseIdParams,
  CaseScreeningResponse,
  QuestionnairePublish,
  QuestionnaireVersion,
  QuestionnaireVersionParams,
  ScreeningConfirm,
  ScreeningSave,
  ScreeningSuggestion,
} from '@opennrm/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { assertIfMatch, sendWithEtag } from '../../lib/http-preconditions.js';
import { auditContext } from '../../plugins/auth.plugin.js';
import type { Services } from '../../services.js';
import {
  confirmCaseScreening,
  currentQuestionnaire,
  publishQuestionnaire,
  questionnaireVersion,
  saveCaseScreening,
  viewScreening,
} from './screening.service.js';

const tags = ['screening'];
const screen = { access: { permission: 'cases.screen' as const } };
const readQuestionnaire = { access: { permission: ['cases.list', 'screening.publish'] as const } };

export async function screeningRoutes(base: FastifyInstance, { services }: { services: Services }) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/screening/questionnaire',
    {
      config: readQuestionnaire,
      schema: {
        tags,
        summary: 'The current questionnaire and scoring rules',
        response: { 200: QuestionnaireVersion },
      },
    },
    async () => currentQuestionnaire(services),
  );

  app.get(
    '/api/screening/questionnaires/:version',
    {
      config: readQuestionnaire,
      schema: {
        tags,
        summary: 'One published version',
        params: QuestionnaireVersionParams,
        response: { 200: QuestionnaireVersion },
      },
    },
    async (request) => questionnaireVersion(services, request.params.version),
  );

  app.post(
    '/api/screening/questionnaires',
    {
      config: { access: { permission: 'screening.publish' } },
      schema: {
        tags,
        summary: 'Publish the next questionnaire version (administrators)',
        body: QuestionnairePublish,
        response: { 201: QuestionnaireVersion },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await publishQuestionnaire(services, auditContext(request), request.body, request.auth!.userId),
        ),
  );

  app.get(
    '/api/cases/:id/screening',
    {
      config: { access: { permission: 'cases.list' } },
      schema: {
        tags,
        summary: 'The screening interview of a case',
        params: CaseIdParams,
        response: { 200: CaseScreeningResponse },
      },
    },
    async (request, reply) => {
      const screening = await viewScreening(
        services,
        auditContext(request),
        request.auth!.actor,
        request.params.id,
      );
      if (screening) reply.header('etag', `"v${screening.version}"`);
      return { screening };
    },
  );

  app.put(
    '/api/cases/:id/screening',
    {
      config: screen,
      schema: {
        tags,
        summary: 'Save interview answers (as you go); answers the suggestion',
        params: CaseIdParams,
        body: ScreeningSave,
        response: { 200: ScreeningSuggestion },
      },
    },
    async (request, reply) => {
      const saved = await saveCaseScreening(
        services,
        auditContext(request),
        request.auth!.actor,
        request.params.id,
        request.body.answers,
        (current) => assertIfMatch(request, current),
      );
      return sendWithEtag(reply, saved.version, saved.suggestion);
    },
  );

  app.post(
    '/api/cases/:id/screening/confirm',
    {
      config: screen,
      schema: {
        tags,
        summary: 'Confirm or override the suggested category and risk',
        params: CaseIdParams,
        body: ScreeningConfirm,
        response: { 200: CaseScreeningResponse },
      },
    },
    async (request) => ({
      screening: await confirmCaseScreening(
        services,
        auditContext(request),
        request.auth!.actor,
        request.params.id,
        request.body,
      ),
    }),
  );
}
