import type {
  Actor,
  AuditAction,
  CaseAccessFacts,
  CaseListQuery,
  CaseSearchNamePart,
  CaseSection,
} from '@opennrm/domain';
import {
  type Insertable,
  type Kysely,
  type RawBuilder,
  type SqlBool,
  sql,
  type Transaction,
  type Updateable,
} from 'kysely';
import { caseSectionVisible, caseVisibility } from '../../db/access/case-visibility.sql.js';
import type { CasesTable, DB } from '../../db/schema.js';
import type { AuditContext } from '../../lib/act-context.js';
import { notFound } from '../../lib/app-error.js';
import { staleVersion } from '../../lib/http-preconditions.js';
import { recordAudit } from '../audit/index.js';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * The next reference of the year, e.g. NRM-2026-000123. The counter row is locked by the
 * upsert until the case's transaction ends, and rolls back with it: no gaps, no repeats.
 */
export async function nextCaseReference(trx: Transaction<DB>, year: number): Promise<string> {
  const row = await trx
    .insertInto('case_reference_counters')
    .values({ year, last_value: 1 })
    .onConflict((oc) =>
      oc
        .column('year')
        .doUpdateSet((eb) => ({ last_value: eb('case_reference_counters.last_value', '+', 1) })),
    )
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return `NRM-${year}-${String(row.last_value).padStart(6, '0')}`;
}

/** The columns of a case that change after its creation. */
export type CasePatch = Omit<
  Updateable<CasesTable>,
  'id' | 'reference' | 'version' | 'created_by' | 'created_by_organisation_id' | 'created_at' | 'updated_at'
>;

/** The audit event of a change to a case: recorded on the case, in the writer's transaction. */
export interface CaseChangeAudit {
  ctx: AuditContext;
  action: AuditAction;
  details?: Record<string, unknown>;
}

export interface CaseWriteOptions {
  /** The version the caller read (If-Match, or the row it decided on): 412 unless it is still current. */
  expectedVersion?: number;
  /** Write only when a column would change: the same values leave the row and its ETag as they are. */
  onlyIfChanged?: boolean;
  /**
   * The case-change audit event, recorded with the change, in the same transaction, and only
   * when the row changed: no writer can change a case without leaving its trace.
   */
  audit: CaseChangeAudit;
}

/** A new case row, with its reference already drawn (`nextCaseReference`). */
export async function insertCaseRow(trx: Transaction<DB>, values: Insertable<CasesTable>): Promise<string> {
  const { id } = await trx.insertInto('cases').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

/**
 * The one writer of a case row after its creation (docs/decisions/0010): every change bumps
 * `version`, the case's ETag, and `updated_at`, in one statement. With `expectedVersion` the
 * row changes only if nobody changed it since (`WHERE version = $v`, 412 otherwise), so a
 * client holding an older ETag cannot overwrite what another writer set (a follow-up's risk,
 * an assignment, the SOP's stage). Answers the new version, or undefined when `onlyIfChanged`
 * found nothing to change. With `audit` the case-change audit event is recorded in the same
 * transaction, so a change and its record commit together.
 */
export async function updateCaseRow(
  db: Db,
  id: string,
  patch: CasePatch,
  now: Date,
  opts: CaseWriteOptions,
): Promise<number | undefined> {
  const columns = (Object.keys(patch) as (keyof CasePatch)[]).filter((k) => patch[k] !== undefined);
  if (opts.onlyIfChanged && columns.length === 0) return undefined;
  let query = db
    .updateTable('cases')
    .set({ ...patch, version: (eb) => eb('version', '+', 1), updated_at: now })
    .where('id', '=', id);
  if (opts.expectedVersion !== undefined) query = query.where('version', '=', opts.expectedVersion);
  if (opts.onlyIfChanged) {
    query = query.where((eb) => eb.or(columns.map((k) => eb(k, 'is distinct from', patch[k] as never))));
  }
  const row = await query.returning('version').executeTakeFirst();
  if (row) {
    const { ctx, action, details } = opts.audit;
    await recordAudit(
      db,
      ctx,
      { action, targetType: 'case', targetId: id, ...(details ? { details } : {}) },
      now,
    );
    return row.version;
  }
  const current = await db.selectFrom('cases').select('version').where('id', '=', id).executeTakeFirst();
  if (!current) throw notFound('Case');
  if (opts.expectedVersion !== undefined && current.version !== opts.expectedVersion) {
    throw staleVersion(current.version);
  }
  return undefined;
}

const caseColumns = (db: Db) =>
  db
    .selectFrom('cases as c')
    .leftJoin('users as assignee', 'assignee.id', 'c.assigned_to')
    .leftJoin('users as creator', 'creator.id', 'c.created_by')
    .leftJoin('organisations as ref_org', 'ref_org.id', 'c.referred_by_organisation_id')
    .selectAll('c')
    .select([
      'assignee.display_name as assignee_name',
      'creator.display_name as creator_name',
      'ref_org.name as referred_by_organisation_name',
    ]);

export function findCaseRow(db: Db, id: string) {
  return caseColumns(db).where('c.id', '=', id).executeTakeFirst();
}
export type CaseRow = NonNullable<Awaited<ReturnType<typeof findCaseRow>>>;

/** Everything `caseAccess` needs about one case. */
export async function loadAccessFacts(
  db: Db,
  row: { id: string; created_by: string | null; person_id: string; duplicate_check: string },
) {
  const [person, consent, referrals] = await Promise.all([
    db.selectFrom('persons').select('nationality').where('id', '=', row.person_id).executeTakeFirst(),
    db
      .selectFrom('consents')
      .select('status')
      .where('case_id', '=', row.id)
      .where('purpose', '=', 'embassy_contact')
      // A consent naming an embassy is for that embassy, reached by referral only.
      .where('organisation_id', 'is', null)
      .orderBy('recorded_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('referrals')
      .select(['organisation_id', 'shared_sections', 'status'])
      .where('case_id', '=', row.id)
      .execute(),
  ]);
  return {
    createdBy: row.created_by,
    personLinked: row.duplicate_check === 'linked_existing',
    personNationality: person?.nationality ?? null,
    embassyConsentGiven: consent?.status === 'given',
    referrals: referrals.map((r) => ({
      organisationId: r.organisation_id,
      sharedSections: r.shared_sections,
      status: r.status,
    })),
  };
}

/**
 * The same facts for a page of list rows, in two batched queries instead of three per row (the
 * rows already carry the creator, the person's nationality and the duplicate check).
 */
export async function loadAccessFactsOfRows(
  db: Db,
  rows: readonly {
    id: string;
    created_by: string | null;
    nationality: string | null;
    duplicate_check: string;
  }[],
): Promise<Map<string, CaseAccessFacts>> {
  const result = new Map<string, CaseAccessFacts>();
  if (rows.length === 0) return result;
  const ids = rows.map((r) => r.id);
  const [referrals, consents] = await Promise.all([
    db
      .selectFrom('referrals')
      .select(['case_id', 'organisation_id', 'shared_sections', 'status'])
      .where('case_id', 'in', ids)
      .execute(),
    db
      .selectFrom('consents')
      .select(['case_id', 'status'])
      .where('case_id', 'in', ids)
      .where('purpose', '=', 'embassy_contact')
      // A consent naming an embassy is for that embassy, reached by referral only.
      .where('organisation_id', 'is', null)
      .orderBy('recorded_at', 'desc')
      .orderBy('id', 'desc')
      .execute(),
  ]);
  for (const r of rows) {
    result.set(r.id, {
      createdBy: r.created_by,
      personLinked: r.duplicate_check === 'linked_existing',
      personNationality: r.nationality,
      embassyConsentGiven: consents.find((c) => c.case_id === r.id)?.status === 'given',
      referrals: referrals
        .filter((x) => x.case_id === r.id)
        .map((x) => ({
          organisationId: x.organisation_id,
          sharedSections: x.shared_sections,
          status: x.status,
        })),
    });
  }
  return result;
}

/**
 * The list's `q` as classified by `classifyCaseSearch`, with document and phone numbers turned
 * into their blind indexes (the same `doc:`/`phone:` indexes the person writer stores).
 */
export type CaseListSearch =
  | { kind: 'reference'; prefix: string }
  | { kind: 'identifier'; documentIndexes: string[]; phoneIndexes: string[] }
  | { kind: 'name'; parts: CaseSearchNamePart[] };

const likeEscape = (text: string) => text.replace(/[\\%_]/g, '\\$&');

/**
 * The search's condition. A document or phone number is an exact match of its blind index
 * (identity_documents_bidx, persons_phone_bidx), turned into the persons' ids first so that
 * the cases are reached through cases_person. A name matches when every part is in the
 * person's search text, as typed or as its skeleton, in any order (persons_search_trgm).
 */
function searchCondition(search: CaseListSearch): RawBuilder<SqlBool> {
  if (search.kind === 'reference') return sql<SqlBool>`c.reference LIKE ${`${likeEscape(search.prefix)}%`}`;
  if (search.kind === 'identifier') {
    const sources: RawBuilder<unknown>[] = [];
    if (search.documentIndexes.length > 0) {
      sources.push(
        sql`SELECT sd.person_id FROM identity_documents sd WHERE sd.number_bidx IN (${sql.join(search.documentIndexes)})`,
      );
    }
    if (search.phoneIndexes.length > 0) {
      sources.push(
        sql`SELECT sp.id FROM persons sp WHERE sp.phone_bidx IN (${sql.join(search.phoneIndexes)})`,
      );
    }
    if (sources.length === 0) return sql<SqlBool>`false`;
    return sql<SqlBool>`c.person_id IN (${sql.join(sources, sql` UNION ALL `)})`;
  }
  if (search.parts.length === 0) return sql<SqlBool>`false`;
  const column = search.parts.length === 1 ? sql.raw('p.search_text') : sql.raw('sp.search_text');
  const parts = search.parts.map((part) => {
    const typed = sql<SqlBool>`${column} LIKE ${`%${likeEscape(part.typed)}%`}`;
    // A skeleton shorter than a trigram (Ali: al) matches too much and cannot use the index.
    return part.skeleton && part.skeleton.length >= 3
      ? sql<SqlBool>`(${typed} OR ${column} LIKE ${`%${likeEscape(part.skeleton)}%`})`
      : typed;
  });
  if (parts.length === 1) return parts[0]!;
  // Several parts: the matching persons first (a BitmapAnd of the parts' trigram scans), then
  // their cases through cases_person. OFFSET 0 keeps the planner from reading the newest cases
  // and testing each person instead: the parts' combined selectivity is estimated too high for
  // common names, and that plan then reads tens of thousands of cases.
  return sql<SqlBool>`c.person_id IN (SELECT sp.id FROM persons sp WHERE ${sql.join(parts, sql` AND `)} OFFSET 0)`;
}

/**
 * The list's WHERE clause. A filter on a section's data matches only cases whose section the
 * actor may see (`caseSectionVisible`): searching a hidden person's name, document, phone or nationality, or a
 * hidden screening's category or risk, finds nothing and moves no total.
 */
function listFilter(actor: Actor, q: CaseListQuery, search: CaseListSearch | undefined) {
  const parts = [caseVisibility(actor)];
  const bySection = new Set<CaseSection>();
  if (q.view === 'mine') parts.push(sql`c.assigned_to = ${actor.userId}`);
  if (q.view === 'intake') parts.push(sql`c.stage = 'received'`);
  if (q.view === 'unassigned') parts.push(sql`c.assigned_to IS NULL`);
  if (q.stage) parts.push(sql`c.stage = ${q.stage}`);
  if (q.category) {
    parts.push(sql`c.category = ${q.category}`);
    bySection.add('screening');
  }
  if (q.risk) {
    parts.push(sql`c.risk = ${q.risk}`);
    bySection.add('screening');
  }
  if (q.channel) parts.push(sql`c.channel = ${q.channel}`);
  if (q.assignee) parts.push(sql`c.assigned_to = ${q.assignee}`);
  if (q.from) parts.push(sql`c.received_at >= ${new Date(`${q.from}T00:00:00Z`)}`);
  if (q.to) parts.push(sql`c.received_at < ${new Date(Date.parse(`${q.to}T00:00:00Z`) + 86_400_000)}`);
  if (q.nationality) {
    parts.push(sql`p.nationality = ${q.nationality}`);
    bySection.add('person');
  }
  if (search) {
    parts.push(searchCondition(search));
    // A document, phone or name is the person section's data; the reference is the header's.
    if (search.kind !== 'reference') bySection.add('person');
  }
  for (const section of bySection) parts.push(caseSectionVisible(actor, section));
  return sql<SqlBool>`${sql.join(parts, sql` AND `)}`;
}

/**
 * Whether a row of the intake queue counts as urgent for its ordering: risk `urgent`, and only
 * where the actor may see the screening section (the order must not reveal a hidden risk).
 */
const urgentFirst = (actor: Actor) =>
  sql<boolean>`(c.risk = 'urgent' AND ${caseSectionVisible(actor, 'screening')})`;

/** Where a page of the list starts: after this row (`urgent` in the intake queue, urgent first). */
export interface CaseListAfter {
  receivedAt: Date;
  id: string;
  urgent?: boolean;
}

export function listCases(
  db: Db,
  actor: Actor,
  q: CaseListQuery,
  search: CaseListSearch | undefined,
  after: CaseListAfter | undefined,
) {
  const desc = q.sort === 'received_desc';
  // The intake queue shows urgent intakes first (issue 12), then by time as chosen.
  const urgentOrder = q.view === 'intake';
  const urgent = urgentFirst(actor);
  let query = db
    .selectFrom('cases as c')
    .innerJoin('persons as p', 'p.id', 'c.person_id')
    .leftJoin('users as assignee', 'assignee.id', 'c.assigned_to')
    .select([
      'c.id',
      'c.reference',
      'c.stage',
      'c.category',
      'c.subtype',
      'c.risk',
      'c.channel',
      'c.intake_kind',
      'c.received_at',
      'c.assigned_to',
      'c.created_by',
      'c.person_id',
      'c.duplicate_check',
      'assignee.display_name as assignee_name',
      'p.name_latin',
      'p.name_arabic',
      'p.nationality',
      (urgentOrder ? urgent : sql<boolean>`false`).as('urgent_first'),
    ])
    .where(listFilter(actor, q, search));
  if (urgentOrder) query = query.orderBy(urgent, 'desc');
  query = query
    .orderBy('c.received_at', desc ? 'desc' : 'asc')
    .orderBy('c.id', desc ? 'desc' : 'asc')
    .limit(q.limit + 1);
  if (after) {
    const later = desc
      ? sql<SqlBool>`(c.received_at, c.id) < (${after.receivedAt}, ${after.id})`
      : sql<SqlBool>`(c.received_at, c.id) > (${after.receivedAt}, ${after.id})`;
    if (!urgentOrder) query = query.where(later);
    else if (after.urgent) query = query.where(sql<SqlBool>`((${urgent} AND ${later}) OR NOT ${urgent})`);
    else query = query.where(sql<SqlBool>`(NOT ${urgent} AND ${later})`);
  }
  return query.execute();
}

/** How long the list's total may take; a count that takes longer is left out of the page. */

/**
 * Rows matching the list's filters, or undefined when counting them is not cheap: the
 * count stops after `timeoutMs` (CASE_COUNT_TIMEOUT_MS) (a million cases filtered by nationality or searched
 * by a common name take hundreds of milliseconds to count, while the page itself takes a
 * few). Persons are joined only when a filter needs them (every case has exactly one).
 * Inside a caller's transaction the count is exact and unbounded.
 */
export async function countCases(
  db: Db,
  actor: Actor,
  q: CaseListQuery,
  search: CaseListSearch | undefined,
  timeoutMs: number,
): Promise<number | undefined> {
  const needsPerson = !!q.nationality || (search?.kind === 'name' && search.parts.length === 1);
  const count = async (d: Db) => {
    const cases = d.selectFrom('cases as c');
    const row = await (needsPerson ? cases.innerJoin('persons as p', 'p.id', 'c.person_id') : cases)
      .select(sql<string>`count(*)`.as('n'))
      .where(listFilter(actor, q, search))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  if (db.isTransaction || timeoutMs <= 0) return count(db);
  try {
    return await db.transaction().execute(async (trx) => {
      // No parallel workers either: on a small server they would take the cores the page's own query needs.
      await sql`SELECT set_config('statement_timeout', ${String(timeoutMs)}, true),
        set_config('max_parallel_workers_per_gather', '0', true)`.execute(trx);
      return count(trx);
    });
  } catch (error) {
    if ((error as { code?: unknown }).code === '57014') return undefined; // query_canceled: over the time limit
    throw error;
  }
}
