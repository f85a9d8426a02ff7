import {
  CaseIdParams,
  CaseWorkflow,
  IdParams,
  ProcedureMap,
  SopVersionChange,
  WorkflowActionRequest,
} from '@opennrm/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendWithEtag } from '../../lib/http-preconditions.js';
import { auditContext } from '../../plugins/auth.plugin.js';
import { versionedChange } from '../../plugins/versioned-change.js';
import type { Services } from '../../services.js';
import { viewProcedureMap } from './procedure-map.service.js';
import {
  applyWorkflowAction,
  changeSopVersion,
  startWorkflowByHand,
  viewWorkflow,
} from './workflow-use-cases.js';

const tags = ['workflow'];
const manage = { access: { permission: 'cases.manage' as const } };

export async function workflowRoutes(base: FastifyInstance, { services }: { services: Services }) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/cases/:id/workflow',
    {
      config: manage,
      schema: {
        tags,
        summary: "The case's SOP: stages, available actions with their blockers, closure, follow-ups",
        params: CaseIdParams,
        response: { 200: CaseWorkflow },
      },
    },
    async (request, reply) => {
      const wf = await viewWorkflow(services, auditContext(request), request.auth!.actor, request.params.id);
      return sendWithEtag(reply, wf.version, wf);
    },
  );

  app.post(
    '/api/cases/:id/workflow/start',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Start the SOP of a case that has a category',
        params: CaseIdParams,
        response: { 200: CaseWorkflow },
      },
    },
    async (request, reply) => {
      const wf = await startWorkflowByHand(
        services,
        auditContext(request),
        request.auth!.actor,
        request.params.id,
      );
      return sendWithEtag(reply, wf.version, wf);
    },
  );

  app.post(
    '/api/cases/:id/workflow/actions',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Move the case through its SOP (advance, skip, closure, reopening, procedures, resolution)',
        description:
          'Send If-Match with the workflow ETag. A refused action answers 409 `ACTION_BLOCKED` (or `CASE_CLOSE_BLOCKED` for closing) with `details.blockers`.',
        params: CaseIdParams,
        body: WorkflowActionRequest,
        response: { 200: CaseWorkflow },
      },
    },
    versionedChange(services, applyWorkflowAction),
  );

  app.post(
    '/api/cases/:id/workflow/sop-version',
    {
      config: { access: { permission: 'cases.change_sop' } },
      schema: {
        tags,
        summary: 'Move the case to another published version of its SOP (supervisor, audited)',
        params: CaseIdParams,
        body: SopVersionChange,
        response: { 200: CaseWorkflow },
      },
    },
    versionedChange(services, changeSopVersion),
  );

  app.get(
    '/api/cases/:id/procedure-map',
    {
      config: manage,
      schema: {
        tags,
        summary:
          "The case's journey through stages, organisations, referrals and tasks, for the procedure map",
        params: IdParams,
        response: { 200: ProcedureMap },
      },
    },
    async (request) =>
      viewProcedureMap(
        services,
        auditContext(request),
        request.auth!.actor,
        request.params.id,
        request.auth!.locale,
      ),
  );
}
