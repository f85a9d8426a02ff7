import {
  type Actor,
  type CaseWorkflow,
  type FollowUpRecord,
  followUpOpensAt,
  followUpTooEarly,
} from '@opennrm/domain';
import type { z } from 'zod';
import { type AuditContext, actContextOf } from '../../lib/act-context.js';
import { AppError } from '../../lib/app-error.js';
import type { Services } from '../../services.js';
import { recordAudit } from '../audit/index.js';
import { writableCase, writeCaseRow } from '../cases/index.js';
import { act, loadWorkflow, presentWorkflow } from '../workflow/index.js';
import { saveFollowUpContact } from './follow-ups.repository.js';

export interface RecordFollowUp {
  caseId: string;
  /** The contact's position in the case's follow-up schedule. */
  index: number;
  input: z.infer<typeof FollowUpRecord>;
  /** Checks the workflow version the client read (If-Match); throws to refuse. */
  ifMatch: (version: number) => void;
}

/**
 * A follow-up contact recorded, in one transaction: the SOP marks the contact done, its row
 * holds what was found (the situation encrypted), the case carries the risk found (a new ETag
 * when it changed), and a high or urgent risk reopens the case at referral assistance (or
 * screening when the SOP has no such stage). Answers the case's workflow as it is now.
 */
export async function recordFollowUp(
  services: Services,
  audit: AuditContext,
  actor: Actor,
  { caseId, index, input, ifMatch }: RecordFollowUp,
): Promise<CaseWorkflow> {
  const { row } = await writableCase(services, audit, actor, caseId);
  await services.db.transaction().execute(async (trx) => {
    const c = actContextOf(services, audit, actor.userId, trx);
    // A contact weeks before it is due is not the follow-up the SOP asks for.
    const due = (await loadWorkflow(services, trx, row.id)).state.followUps[index];
    if (due && !due.done && followUpTooEarly(due.dueAt, c.now)) {
      throw new AppError('FOLLOW_UP_NOT_DUE', 'This follow-up contact is not due yet', {
        dueAt: due.dueAt,
        opensAt: followUpOpensAt(due.dueAt).toISOString(),
      });
    }
    await act(
      c,
      row.id,
      [{ type: 'record_follow_up', index, riskAfter: input.riskAfter, reached: input.reached }],
      { ifMatch, skipAudit: true },
    );
    await saveFollowUpContact(trx, row.id, index, {
      reached: input.reached,
      situationEnc: input.situation ? services.crypto.encrypt(input.situation) : null,
      riskAfter: input.riskAfter,
      recordedBy: c.actorId,
      recordedAt: c.now,
    });
    await recordAudit(
      trx,
      c.audit,
      {
        action: 'follow_up.recorded',
        targetType: 'case',
        targetId: row.id,
        // The risk found stays with the case (screening section), not in the audit trail.
        details: { index, reached: input.reached },
      },
      c.now,
    );
    // The case carries the risk the contact found; the same risk changes nothing.
    await writeCaseRow(trx, row.id, { risk: input.riskAfter }, c.now, {
      onlyIfChanged: true,
      audit: {
        ctx: c.audit,
        action: 'case.updated',
        details: { fields: ['risk'], cause: 'follow_up.recorded' },
      },
    });
    if (input.riskAfter === 'high' || input.riskAfter === 'urgent') {
      const loaded = await loadWorkflow(services, trx, row.id);
      const target = loaded.sop.stages.some((s) => s.id === 'referral_assistance')
        ? 'referral_assistance'
        : 'screening';
      await act(c, row.id, [
        {
          type: 'reopen',
          toStage: target,
          reason: `Follow-up contact ${index + 1} found the risk ${input.riskAfter}`,
        },
      ]);
    }
  });
  return presentWorkflow(services, services.db, row.id);
}
