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
import { AppError } from '../../lib/app-error.js';
import { assertIfMatch, sendWithEtag } from '../../lib/http-preconditions.js';
import { auditContext } from '../../plugins/auth.plugin.js';
import type { Services } from '../../services.js';
import { recordAudit } from '../audit/audit.service.js';
import { getCase, readableCase, writableCase } from '../cases/cases.service.js';
import {
  confirmScreening,
  currentQuestionnaire,
  getScreening,
  publishQuestionnaire,
  questionnaireVersion,
  saveScreening,
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
      const ctx = auditContext(request);
      const { access } = await readableCase(services, ctx, request.auth!.actor, request.params.id);
      if (!access.sections.includes('screening'))
        throw new AppError('FORBIDDEN', 'This part of the case is not shared with you');
      await recordAudit(
        services.db,
        ctx,
        {
          action: 'case.viewed',
          targetType: 'case',
          targetId: request.params.id,
          details: { sections: ['screening'] },
        },
        services.now(),
      );
      const screening = await getScreening(services, request.params.id);
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
      const ctx = auditContext(request);
      const { row } = await writableCase(services, ctx, request.auth!.actor, request.params.id);
      const saved = await saveScreening(
        services,
        ctx,
        row,
        request.body.answers,
        request.auth!.userId,
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
    async (request) => {
      const ctx = auditContext(request);
      const { row } = await writableCase(services, ctx, request.auth!.actor, request.params.id);
      await confirmScreening(services, ctx, row, request.body, request.auth!.userId);
      await getCase(services, ctx, request.auth!.actor, row.id);
      return { screening: await getScreening(services, row.id) };
    },
  );
}
