import type { Actor, FollowUpRecord } from '@opennrm/domain';
import type { z } from 'zod';
import type { Services } from '../../services.js';
import { type AuditContext, recordAudit } from '../audit/audit.service.js';
import { updateCaseRow } from '../cases/cases.repository.js';
import { writableCase } from '../cases/cases.service.js';
import { act } from './workflow.service.js';
import { loadWorkflow, saveFollowUpContact } from './workflow.store.js';

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
 * screening when the SOP has no such stage). Answers the case id.
 */
export async function recordFollowUp(
  services: Services,
  audit: AuditContext,
  actor: Actor,
  { caseId, index, input, ifMatch }: RecordFollowUp,
): Promise<string> {
  const { row } = await writableCase(services, audit, actor, caseId);
  await services.db.transaction().execute(async (trx) => {
    const c = { services, db: trx, audit, actorId: actor.userId, now: services.now() };
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
    await updateCaseRow(trx, row.id, { risk: input.riskAfter }, c.now, { onlyIfChanged: true });
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
  return row.id;
}
