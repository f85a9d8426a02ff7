import {
  type CaseAction,
  CaseIdParams,
  CaseWorkflow,
  can,
  FollowUpParams,
  FollowUpRecord,
  IdParams,
  ProcedureMap,
  SopVersionChange,
  WorkflowActionRequest,
} from '@opennrm/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../../db/create-db.js';
import { AppError } from '../../lib/app-error.js';
import { assertIfMatch, sendWithEtag } from '../../lib/http-preconditions.js';
import { auditContext } from '../../plugins/auth.plugin.js';
import type { Services } from '../../services.js';
import { recordAudit } from '../audit/audit.service.js';
import { readableCase, writableCase } from '../cases/cases.service.js';
import { loadSop } from '../sops/sops.repository.js';
import { buildProcedureMap } from './procedure-map.service.js';
import { recordFollowUp } from './record-follow-up.js';
import { presentWorkflow } from './workflow.present.js';
import { type ActContext, act, startWorkflow } from './workflow.service.js';
import { findWorkflow, saveWorkflow } from './workflow.store.js';

const tags = ['workflow'];
const manage = { access: { permission: 'cases.manage' as const } };

export function actContext(services: Services, request: FastifyRequest, db: Database): ActContext {
  return { services, db, audit: auditContext(request), actorId: request.auth!.userId, now: services.now() };
}

export async function workflowRoutes(base: FastifyInstance, { services }: { services: Services }) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  const respond = async (reply: Parameters<typeof sendWithEtag>[0], caseId: string) => {
    const wf = await presentWorkflow(services, services.db, caseId);
    return sendWithEtag(reply, wf.version, wf);
  };

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
      const ctx = auditContext(request);
      await writableCase(services, ctx, request.auth!.actor, request.params.id);
      await recordAudit(
        services.db,
        ctx,
        {
          action: 'case.viewed',
          targetType: 'case',
          targetId: request.params.id,
          details: { part: 'workflow' },
        },
        services.now(),
      );
      return respond(reply, request.params.id);
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
      const { row } = await writableCase(
        services,
        auditContext(request),
        request.auth!.actor,
        request.params.id,
      );
      if (!row.category)
        throw new AppError('WORKFLOW_NOT_STARTED', 'Confirm the category first: it chooses the SOP');
      await services.db
        .transaction()
        .execute((trx) => startWorkflow(actContext(services, request, trx), row.id));
      return respond(reply, row.id);
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
    async (request, reply) => {
      const actor = request.auth!.actor;
      const { row } = await writableCase(services, auditContext(request), actor, request.params.id);
      const body = request.body;
      if (
        (body.type === 'approve_closure' || body.type === 'reject_closure') &&
        !can(actor, 'cases.approve_closure')
      ) {
        throw new AppError('FORBIDDEN', 'Only a supervisor decides on closure');
      }
      await services.db.transaction().execute(async (trx) => {
        const c = actContext(services, request, trx);
        const actions: CaseAction[] = [];
        switch (body.type) {
          case 'approve_closure':
            // The approval is the last step: the case closes with it when nothing else blocks.
            actions.push({ type: 'approve_closure' });
            break;
          case 'open_procedure':
            actions.push({
              type: 'open_procedure',
              kind: body.kind,
              id: `${body.kind}-${Date.now().toString(36)}`,
            });
            break;
          default:
            actions.push(body);
        }
        const { workflow } = await act(c, row.id, actions, {
          ifMatch: (v) => assertIfMatch(request, v),
          details: 'reason' in body || 'comment' in body ? { withReason: true } : {},
          closureComment: body.type === 'approve_closure' ? body.comment : undefined,
        });
        if (body.type === 'approve_closure') {
          const close = workflow.state.stage !== 'closed';
          if (close) await act(c, row.id, [{ type: 'close' }]);
        }
      });
      return respond(reply, row.id);
    },
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
    async (request, reply) => {
      const { row } = await writableCase(
        services,
        auditContext(request),
        request.auth!.actor,
        request.params.id,
      );
      await services.db.transaction().execute(async (trx) => {
        const record = await findWorkflow(trx, row.id, true);
        if (!record) throw new AppError('WORKFLOW_NOT_STARTED', 'The SOP has not started for this case');
        assertIfMatch(request, record.version);
        const sop = await loadSop(trx, record.sopId, request.body.version);
        if (!sop) throw new AppError('NOT_FOUND', 'SOP version not found');
        const from = record.sopVersion;
        await saveWorkflow(trx, { ...record, sopVersion: sop.version }, services.now());
        // Re-evaluate with the new version (mandatory tasks, intake stages) in the same transaction.
        await act(actContext(services, request, trx), row.id, [], { skipAudit: true });
        await recordAudit(
          trx,
          auditContext(request),
          {
            action: 'workflow.sop_changed',
            targetType: 'case',
            targetId: row.id,
            details: { sopId: record.sopId, from, to: sop.version },
          },
          services.now(),
        );
      });
      return respond(reply, row.id);
    },
  );

  app.post(
    '/api/cases/:id/follow-ups/:index',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Record a follow-up contact; a high or urgent risk reopens the case',
        params: FollowUpParams,
        body: FollowUpRecord,
        response: { 200: CaseWorkflow },
      },
    },
    async (request, reply) => {
      const caseId = await recordFollowUp(services, auditContext(request), request.auth!.actor, {
        caseId: request.params.id,
        index: request.params.index,
        input: request.body,
        ifMatch: (v) => assertIfMatch(request, v),
      });
      return respond(reply, caseId);
    },
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
    async (request) => {
      const ctx = auditContext(request);
      await readableCase(services, ctx, request.auth!.actor, request.params.id);
      await writableCase(services, ctx, request.auth!.actor, request.params.id);
      await recordAudit(
        services.db,
        ctx,
        { action: 'procedure_map.viewed', targetType: 'case', targetId: request.params.id },
        services.now(),
      );
      return buildProcedureMap(services, request.params.id, request.auth!.locale);
    },
  );
}
