import {
  type BusinessCalendar,
  type CaseState,
  CaseState as CaseStateSchema,
  type LifecycleStage,
  type SopDocument,
} from '@opennrm/domain';
import type { Database } from '../../db/create-db.js';
import { AppError } from '../../lib/app-error.js';
import type { Services } from '../../services.js';
import { updateCaseRow } from '../cases/cases.repository.js';
import { loadCalendar, loadSop } from '../sops/sops.repository.js';

/** One visit of a stage: a reopened stage gets a second entry. */
export interface StageVisit {
  stage: LifecycleStage;
  enteredAt: string;
  leftAt: string | null;
  /** Set when the stage was skipped (entered and left at once). */
  skipReason?: string;
}

/** Who asked for closure and what the supervisor decided (the engine keeps only the flags). */
export interface ClosureRecord {
  requestedAt?: string;
  requestedBy?: string;
  decidedAt?: string;
  decidedBy?: string;
  decision?: 'approved' | 'rejected';
  comment?: string;
}

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

function toRecord(row: {
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
    history: row.stage_history as StageVisit[],
    closure: row.closure as ClosureRecord,
    version: row.version,
  };
}

/** The workflow of a case, or undefined before it started; `lock` takes the row lock for a change. */
export async function findWorkflow(
  db: Database,
  caseId: string,
  lock = false,
): Promise<WorkflowRecord | undefined> {
  let q = db.selectFrom('case_workflows').selectAll().where('case_id', '=', caseId);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

export async function withSop(
  services: Services,
  db: Database,
  record: WorkflowRecord,
): Promise<LoadedWorkflow> {
  const sop = await loadSop(db, record.sopId, record.sopVersion);
  if (!sop) throw new AppError('INTERNAL', 'The case refers to an SOP version that does not exist');
  const calendar = await loadCalendar(db, services.config.utcOffsetMinutes);
  return { ...record, sop, calendar };
}

export async function loadWorkflow(
  services: Services,
  db: Database,
  caseId: string,
  lock = false,
): Promise<LoadedWorkflow> {
  const record = await findWorkflow(db, caseId, lock);
  if (!record) throw new AppError('WORKFLOW_NOT_STARTED', 'The SOP has not started for this case');
  return withSop(services, db, record);
}

export async function insertWorkflow(db: Database, record: Omit<WorkflowRecord, 'version'>, now: Date) {
  await db
    .insertInto('case_workflows')
    .values({
      case_id: record.caseId,
      sop_id: record.sopId,
      sop_version: record.sopVersion,
      state: JSON.stringify(record.state),
      stage_history: JSON.stringify(record.history),
      closure: JSON.stringify(record.closure),
      version: 1,
      updated_at: now,
    })
    .execute();
  await followStage(db, record, now);
}

export async function saveWorkflow(db: Database, record: WorkflowRecord, now: Date): Promise<number> {
  const version = record.version + 1;
  await db
    .updateTable('case_workflows')
    .set({
      sop_id: record.sopId,
      sop_version: record.sopVersion,
      state: JSON.stringify(record.state),
      stage_history: JSON.stringify(record.history),
      closure: JSON.stringify(record.closure),
      version,
      updated_at: now,
    })
    .where('case_id', '=', record.caseId)
    .execute();
  await followStage(db, record, now);
  return version;
}

/**
 * The case's stage column follows the workflow (filters, counts, the inbox). Written only when
 * the stage moves: a stage change is a change to the case (new ETag), a task update is not.
 */
async function followStage(db: Database, record: Pick<WorkflowRecord, 'caseId' | 'state'>, now: Date) {
  await updateCaseRow(db, record.caseId, { stage: record.state.stage }, now, { onlyIfChanged: true });
}

/** What a follow-up contact found, on its row (the scheduler reminds from the rows). */
export async function saveFollowUpContact(
  db: Database,
  caseId: string,
  index: number,
  found: {
    reached: boolean | null;
    situationEnc: string | null;
    riskAfter: string;
    recordedBy: string | null;
    recordedAt: Date;
  },
) {
  await db
    .updateTable('follow_up_contacts')
    .set({
      reached: found.reached,
      situation_enc: found.situationEnc,
      risk_after: found.riskAfter,
      recorded_by: found.recordedBy,
      recorded_at: found.recordedAt,
    })
    .where('case_id', '=', caseId)
    .where('idx', '=', index)
    .execute();
}

/**
 * Whether the installation has an active embassy of the person's nationality: without one, the
 * SOP's embassy referral cannot be made (`explainEmbassyBlockers`).
 */
export async function embassyOfNationalityExists(db: Database, caseId: string): Promise<boolean> {
  const row = await db
    .selectFrom('cases as c')
    .innerJoin('persons as p', 'p.id', 'c.person_id')
    .innerJoin('organisations as o', (j) =>
      j.onRef('o.country_code', '=', 'p.nationality').on('o.kind', '=', 'embassy').on('o.active', '=', true),
    )
    .select('o.id')
    .where('c.id', '=', caseId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
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
