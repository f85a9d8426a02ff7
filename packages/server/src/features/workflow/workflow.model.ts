import {
  type BusinessCalendar,
  type CaseState,
  CaseState as CaseStateSchema,
  LifecycleStage,
  type SopDocument,
} from '@opennrm/domain';
import { z } from 'zod';

/** One visit of a stage: a reopened stage gets a second entry. */
export const StageVisit = z.object({
  stage: LifecycleStage,
  enteredAt: z.string(),
  leftAt: z.string().nullable(),
  /** Set when the stage was skipped (entered and left at once). */
  skipReason: z.string().optional(),
});
export type StageVisit = z.infer<typeof StageVisit>;

/** Who asked for closure and what the supervisor decided (the engine keeps only the flags). */
export const ClosureRecord = z.object({
  requestedAt: z.string().optional(),
  requestedBy: z.string().optional(),
  decidedAt: z.string().optional(),
  decidedBy: z.string().optional(),
  decision: z.enum(['approved', 'rejected']).optional(),
  comment: z.string().optional(),
});
export type ClosureRecord = z.infer<typeof ClosureRecord>;

/** A case's workflow as stored: the SOP version it follows, the engine's state, what happened. */
export interface WorkflowRecord {
  caseId: string;
  sopId: string;
  sopVersion: number;
  state: CaseState;
  history: StageVisit[];
  closure: ClosureRecord;
  version: number;
}

/** A workflow with its SOP and calendar: what an action needs. */
export interface LoadedWorkflow extends WorkflowRecord {
  sop: SopDocument;
  calendar: BusinessCalendar;
}

/** The stored JSON columns, checked as they are read. */
export function toRecord(row: {
  case_id: string;
  sop_id: string;
  sop_version: number;
  state: unknown;
  stage_history: unknown;
  closure: unknown;
  version: number;
}): WorkflowRecord {
  return {
    caseId: row.case_id,
    sopId: row.sop_id,
    sopVersion: row.sop_version,
    state: CaseStateSchema.parse(row.state),
    history: z.array(StageVisit).parse(row.stage_history),
    closure: ClosureRecord.parse(row.closure),
    version: row.version,
  };
}

/** Records a stage change in the history: the current visit ends, the new one begins. */
export function moveHistory(
  history: readonly StageVisit[],
  to: LifecycleStage,
  at: string,
  skipped?: { stage: LifecycleStage; reason: string },
): StageVisit[] {
  const next = history.map((v) => (v.leftAt === null ? { ...v, leftAt: at } : v));
  if (skipped) next.push({ stage: skipped.stage, enteredAt: at, leftAt: at, skipReason: skipped.reason });
  next.push({ stage: to, enteredAt: at, leftAt: to === 'closed' ? at : null });
  return next;
}

/**
 * The round of `follow_up_contacts` rows that holds the SOP's current follow-up schedule. A
 * recorded contact is kept for good: reopening the case empties the engine's schedule and a
 * resolution makes a new one, so when the newest round has a contact recorded that the engine
 * does not count as done at that position, the schedule is a new round (the next number).
 */
export function followUpRound(
  rows: readonly { round: number; idx: number; recorded_at: Date | null }[],
  planned: CaseState['followUps'],
): number {
  const newest = rows.reduce((max, r) => Math.max(max, r.round), 1);
  const replaced = rows.some(
    (r) => r.round === newest && r.recorded_at !== null && planned[r.idx]?.done !== true,
  );
  return replaced ? newest + 1 : newest;
}
