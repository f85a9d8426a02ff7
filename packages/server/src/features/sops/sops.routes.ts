import {
  CalendarSettings,
  SopDocument,
  SopIdParams,
  SopPublish,
  SopSummaryList,
  SopValidate,
  SopValidationResult,
  SopVersionParams,
} from '@opennrm/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditContext } from '../../plugins/auth.plugin.js';
import type { Services } from '../../services.js';
import {
  getCalendar,
  getSopVersion,
  listSops,
  publishSop,
  updateCalendar,
  validateSop,
} from './sops.service.js';

const tags = ['sops'];
const read = { access: { permission: 'sop.read' as const } };
const manage = { access: { permission: 'sop.manage' as const } };

/** SOP administration (issue #4 "SOPs as versioned data") and the business calendar. */
export async function sopRoutes(base: FastifyInstance, { services }: { services: Services }) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/sops',
    {
      config: read,
      schema: {
        tags,
        summary: 'Every SOP with its versions and the number of cases on each',
        response: { 200: SopSummaryList },
      },
    },
    async () => ({ items: await listSops(services) }),
  );

  app.get(
    '/api/sops/:sopId/versions/:version',
    {
      config: read,
      schema: {
        tags,
        summary: 'One published version of an SOP: the document',
        params: SopVersionParams,
        response: { 200: SopDocument },
      },
    },
    async (request) => getSopVersion(services, request.params.sopId, request.params.version),
  );

  app.post(
    '/api/sops/validate',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Check an SOP document without publishing it; answers every problem with its path',
        body: SopValidate,
        response: { 200: SopValidationResult },
      },
    },
    async (request) => validateSop(services, request.body.document),
  );

  app.post(
    '/api/sops/:sopId/versions',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Publish the next version of an SOP (administrators); cases keep their version',
        params: SopIdParams,
        body: SopPublish,
        response: { 201: SopDocument },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await publishSop(
            services,
            auditContext(request),
            request.params.sopId,
            request.body,
            request.auth!.userId,
          ),
        ),
  );

  app.get(
    '/api/calendar',
    {
      config: { access: { permission: ['sop.read', 'calendar.manage'] as const } },
      schema: {
        tags,
        summary: 'The business calendar: weekend days and public holidays',
        response: { 200: CalendarSettings },
      },
    },
    async () => getCalendar(services),
  );

  app.put(
    '/api/calendar',
    {
      config: { access: { permission: 'calendar.manage' as const } },
      schema: {
        tags,
        summary: 'Replace the weekend days and the list of public holidays (administrators)',
        body: CalendarSettings,
        response: { 200: CalendarSettings },
      },
    },
    async (request) => updateCalendar(services, auditContext(request), request.body, request.auth!.userId),
  );
}
