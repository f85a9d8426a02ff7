import { CaseWorkflow, FollowUpParams, FollowUpRecord } from '@opennrm/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { assertIfMatch, sendWithEtag } from '../../lib/http-preconditions.js';
import { auditContext } from '../../plugins/auth.plugin.js';
import type { Services } from '../../services.js';
import { recordFollowUp } from './record-follow-up.js';

export async function followUpRoutes(base: FastifyInstance, { services }: { services: Services }) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/cases/:id/follow-ups/:index',
    {
      config: { access: { permission: 'cases.manage' } },
      schema: {
        tags: ['workflow'],
        summary: 'Record a follow-up contact; a high or urgent risk reopens the case',
        params: FollowUpParams,
        body: FollowUpRecord,
        response: { 200: CaseWorkflow },
      },
    },
    async (request, reply) => {
      const wf = await recordFollowUp(services, auditContext(request), request.auth!.actor, {
        caseId: request.params.id,
        index: request.params.index,
        input: request.body,
        ifMatch: (v) => assertIfMatch(request, v),
      });
      return sendWithEtag(reply, wf.version, wf);
    },
  );
}
