import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { toRecord, type WorkflowRecord } from './workflow.model.js';

type Db = Kysely<DB> | Transaction<DB>;

/** The workflow of a case, or undefined before it started; `lock` takes the row lock for a change. */
export async function findWorkflow(
  db: Db,
  caseId: string,
  lock = false,
): Promise<WorkflowRecord | undefined> {
  let q = db.selectFrom('case_workflows').selectAll().where('case_id', '=', caseId);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

export async function insertWorkflowRow(db: Db, record: Omit<WorkflowRecord, 'version'>, now: Date) {
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
}

/** Writes the workflow with its next version; answers that version. */
export async function updateWorkflowRow(db: Db, record: WorkflowRecord, now: Date): Promise<number> {
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
  return version;
}

/**
 * Locks the case row until the transaction ends. A supervisor referring an urgent case before
 * its SOP starts holds this lock too: the referral is either committed and taken in, or made
 * after the SOP started, through it.
 */
export async function lockCaseRow(db: Db, caseId: string): Promise<void> {
  await db.selectFrom('cases').select('id').where('id', '=', caseId).forUpdate().executeTakeFirst();
}

/** What choosing and starting a case's SOP looks at: its category, risk, the person's age and nationality. */
export function findStartFacts(db: Db, caseId: string) {
  return db
    .selectFrom('cases as c')
    .innerJoin('persons as p', 'p.id', 'c.person_id')
    .leftJoin('screenings as s', 's.case_id', 'c.id')
    .select([
      'c.id',
      'c.reference',
      'c.category',
      'c.subtype',
      'c.risk',
      'c.received_at',
      'c.assigned_to',
      'p.date_of_birth',
      'p.estimated_birth_year',
      'p.nationality',
      's.confirmed_at',
      (eb) =>
        eb
          .exists(eb.selectFrom('screenings as x').select('x.case_id').whereRef('x.case_id', '=', 'c.id'))
          .as('has_screening'),
    ])
    .where('c.id', '=', caseId)
    .executeTakeFirst();
}

/** The referrals of a case in the order they were made, with their organisation's kind and country. */
export function listReferralsForWorkflow(db: Db, caseId: string) {
  return db
    .selectFrom('referrals as r')
    .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
    .select([
      'r.id',
      'o.kind',
      'o.country_code',
      'r.purpose',
      'r.status',
      'r.acknowledge_by',
      'r.complete_by',
    ])
    .where('r.case_id', '=', caseId)
    .orderBy('r.created_at')
    .execute();
}

/** Every consent record of a case, oldest first. */
export function listConsentRecords(db: Db, caseId: string) {
  return db
    .selectFrom('consents')
    .select(['purpose', 'organisation_kind', 'status'])
    .where('case_id', '=', caseId)
    .orderBy('recorded_at', 'asc')
    .orderBy('id', 'asc')
    .execute();
}

/** A case's case manager and the role of a user (who may take the case at screening). */
export function findAssigneeAndRole(db: Db, caseId: string, userId: string) {
  return db
    .selectFrom('cases as c')
    .select((eb) => [
      'c.assigned_to',
      eb.selectFrom('users as u').select('u.role').where('u.id', '=', userId).as('role'),
    ])
    .where('c.id', '=', caseId)
    .executeTakeFirst();
}

/**
 * Drops the contacts not made (scheduled, not recorded) outside the current schedule: other
 * rounds, and positions from `count` on. A recorded contact is never deleted.
 */
export async function deleteUnmadeFollowUps(
  db: Db,
  caseId: string,
  round: number,
  count: number,
): Promise<void> {
  await db
    .deleteFrom('follow_up_contacts')
    .where('case_id', '=', caseId)
    .where('recorded_at', 'is', null)
    .where((eb) => eb.or([eb('round', '<>', round), eb('idx', '>=', count)]))
    .execute();
}

/** One scheduled contact's row; a new due date is reminded of again. A recorded contact is left as it is. */
export async function upsertFollowUpDue(
  db: Db,
  caseId: string,
  round: number,
  idx: number,
  dueAt: Date,
): Promise<void> {
  await db
    .insertInto('follow_up_contacts')
    .values({ case_id: caseId, round, idx, due_at: dueAt })
    .onConflict((oc) =>
      oc
        .columns(['case_id', 'round', 'idx'])
        .doUpdateSet({ due_at: dueAt, notified_at: null })
        .where('follow_up_contacts.due_at', '<>', dueAt)
        .where('follow_up_contacts.recorded_at', 'is', null),
    )
    .execute();
}

/** The follow-up rows of a case, every round, with the name of who recorded each. */
export function listFollowUpContacts(db: Db, caseId: string) {
  return db
    .selectFrom('follow_up_contacts as f')
    .leftJoin('users as u', 'u.id', 'f.recorded_by')
    .select([
      'f.round',
      'f.idx',
      'f.due_at',
      'f.reached',
      'f.situation_enc',
      'f.risk_after',
      'f.recorded_at',
      'u.display_name',
    ])
    .where('f.case_id', '=', caseId)
    .orderBy('f.round')
    .orderBy('f.idx')
    .execute();
}

/** The case's reference and stage column (what a case without a workflow shows). */
export function findCaseStage(db: Db, caseId: string) {
  return db
    .selectFrom('cases')
    .select(['id', 'reference', 'stage'])
    .where('id', '=', caseId)
    .executeTakeFirst();
}

/** Display names of users by id. */
export async function userDisplayNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/**
 * Whether the installation has an active embassy of the person's nationality: without one, the
 * SOP's embassy referral cannot be made (`explainEmbassyBlockers`).
 */
export async function embassyOfNationalityExists(db: Db, caseId: string): Promise<boolean> {
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
