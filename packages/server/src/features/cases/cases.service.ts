import {
  type Actor,
  type Case,
  type CaseAccess,
  type CaseCreate,
  type CaseSection,
  type CaseUpdate,
  caseAccess,
  type DuplicateCheck,
  type IntakeChannel,
  intakeKindsFor,
  isNrmTeam,
  isUrgentRisk,
  type RiskLevel,
  ROLE_GROUPS,
  roleHas,
  seesScreeningOutcome,
} from '@opennrm/domain';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AuditContext } from '../../lib/act-context.js';
import { AppError, notFound } from '../../lib/app-error.js';
import { type IdempotentResult, runIdempotent } from '../../lib/idempotency.js';
import type { Services } from '../../services.js';
import { recordAudit } from '../audit/index.js';
import { notify } from '../notifications/index.js';
import { insertPerson, loadPerson, personExists } from '../persons/index.js';
import { getUser } from '../users/index.js';
import {
  type CasePatch,
  type CaseRow,
  type CaseWriteOptions,
  findCaseRow,
  insertCaseRow,
  loadAccessFacts,
  nextCaseReference,
  updateCaseRow,
} from './cases.repository.js';

export type { CaseChangeAudit, CasePatch, CaseRow, CaseWriteOptions } from './cases.repository.js';

/** Checks the version a change was decided on against the client's (the route's If-Match). */
export type VersionCheck = (currentVersion: number) => void;

/** Clocks differ a little between a device and the server; beyond that, a later receipt is a typo. */
const RECEIPT_CLOCK_SKEW_MS = 5 * 60_000;

function refuseFutureReceipt(receivedAt: string | undefined, now: Date) {
  if (receivedAt && Date.parse(receivedAt) > now.getTime() + RECEIPT_CLOCK_SKEW_MS) {
    throw new AppError('VALIDATION_FAILED', 'The case cannot have been received in the future', {
      issues: [
        { location: 'body', path: ['receivedAt'], code: 'custom', message: 'The date is in the future' },
      ],
    });
  }
}

export async function createCase(
  services: Services,
  ctx: AuditContext,
  actor: Actor,
  input: CaseCreate,
  trx: Transaction<DB>,
): Promise<Case> {
  if (!intakeKindsFor(actor).includes(input.intakeKind)) {
    throw new AppError('FORBIDDEN', 'Your role cannot log this kind of intake');
  }
  if (input.personId && !isNrmTeam(actor)) {
    throw new AppError('FORBIDDEN', 'Only the NRM team can link a case to an existing person');
  }
  const now = services.now();
  refuseFutureReceipt(input.receivedAt, now);
  let personId = input.personId;
  if (personId) {
    if (!(await personExists(trx, personId)))
      throw new AppError('REFERENCE_INVALID', 'The person does not exist', { field: 'personId' });
  } else {
    personId = await insertPerson(services, trx, input.person!, actor.userId);
    await recordAudit(trx, ctx, { action: 'person.created', targetType: 'person', targetId: personId }, now);
  }
  const duplicateCheck: DuplicateCheck = input.personId ? 'linked_existing' : input.duplicateCheck;
  const channel: IntakeChannel = input.intakeKind === 'hotline' ? 'hotline' : input.channel;
  const reference = await nextCaseReference(trx, now.getUTCFullYear());
  const id = await insertCaseRow(trx, {
    reference,
    person_id: personId,
    intake_kind: input.intakeKind,
    channel,
    referred_by_organisation_id:
      input.intakeKind === 'first_responder' && !isNrmTeam(actor)
        ? actor.organisationId
        : (input.referredByOrganisationId ?? null),
    referred_by_name: input.referredByName ?? null,
    received_at: input.receivedAt ? new Date(input.receivedAt) : now,
    languages: input.languages ?? [],
    interpreter_used: input.interpreterUsed ?? false,
    risk: input.risk ?? 'medium',
    narrative_enc: input.narrative ? services.crypto.encrypt(input.narrative) : null,
    reported_indicators: input.reportedIndicators ?? [],
    duplicate_check: duplicateCheck,
    created_by: actor.userId,
    created_by_organisation_id: actor.organisationId,
    created_at: now,
    updated_at: now,
  });
  await recordAudit(
    trx,
    ctx,
    {
      action: 'case.created',
      targetType: 'case',
      targetId: id,
      details: { reference, intakeKind: input.intakeKind, channel, personId, duplicateCheck },
    },
    now,
  );
  if (isUrgentRisk(input.risk)) await alertUrgentIntake(trx, { id, reference }, actor.userId, now);
  const row = (await findCaseRow(trx, id))!;
  const access = caseAccess(actor, await loadAccessFacts(trx, row));
  // The creator always sees at least what they entered; the NRM sees everything.
  if (!access.read) throw new AppError('INTERNAL', 'A new case must be visible to its creator');
  return presentCase(services, trx, row, access);
}

/**
 * An urgent intake (the hotline's 2 a.m. call): the NRM staff on duty are told at once, in the
 * app and by email, even those who chose a daily digest. On duty means the supervisors
 * (`ROLE_GROUPS.supervisors`): they assign the case and may refer it to the police before
 * screening. Once per case (dedupe key); the one who logged it is not told.
 */
async function alertUrgentIntake(
  db: Transaction<DB>,
  c: { id: string; reference: string },
  actorId: string | null,
  now: Date,
) {
  await notify(
    db,
    [{ roles: ROLE_GROUPS.supervisors }],
    {
      kind: 'urgent_intake',
      caseId: c.id,
      subject: { reference: c.reference },
      link: `/cases/${c.id}`,
      dedupeKey: `urgent_intake:${c.id}`,
      exceptUserId: actorId,
      immediate: true,
    },
    now,
  );
}

async function presentCase(
  services: Services,
  db: Services['db'] | Transaction<DB>,
  row: CaseRow,
  access: Extract<CaseAccess, { read: true }>,
): Promise<Case> {
  const has = (s: CaseSection) => access.sections.includes(s);
  return {
    id: row.id,
    reference: row.reference,
    stage: row.stage,
    ...screeningOutcome(row, access),
    intakeKind: row.intake_kind,
    channel: row.channel,
    receivedAt: row.received_at.toISOString(),
    referredByOrganisation:
      row.referred_by_organisation_id && row.referred_by_organisation_name
        ? { id: row.referred_by_organisation_id, name: row.referred_by_organisation_name }
        : null,
    referredByName: row.referred_by_name,
    languages: row.languages,
    interpreterUsed: row.interpreter_used,
    ...(seesScreeningOutcome(access) ? { reportedIndicators: row.reported_indicators } : {}),
    duplicateCheck: row.duplicate_check,
    assignedTo: row.assigned_to ? { id: row.assigned_to, displayName: row.assignee_name ?? '' } : null,
    createdBy: row.created_by ? { id: row.created_by, displayName: row.creator_name ?? '' } : null,
    createdAt: row.created_at.toISOString(),
    version: row.version,
    sections: [...access.sections],
    person: has('person') ? await loadPerson(services, db, row.person_id) : null,
    narrative: has('narrative') && row.narrative_enc ? services.crypto.decrypt(row.narrative_enc) : null,
  };
}

/** Category, sub-type and risk of a header or list row, or nothing without the screening section. */
export function screeningOutcome(
  row: { category: Case['category'] | null; subtype: Case['subtype'] | null; risk: RiskLevel },
  access: CaseAccess,
): Pick<Case, 'category' | 'subtype' | 'risk'> {
  if (!seesScreeningOutcome(access)) return {};
  return {
    category: row.category,
    subtype: row.subtype,
    risk: row.risk,
  };
}

/**
 * Loads a case the actor may see, or answers 404 as if it did not exist: an organisation
 * without access learns nothing. Both outcomes are audited.
 */
export async function readableCase(
  services: Services,
  ctx: AuditContext,
  actor: Actor,
  id: string,
  action = 'case.viewed' as const,
) {
  const row = await findCaseRow(services.db, id);
  const access = row
    ? caseAccess(actor, await loadAccessFacts(services.db, row))
    : ({ read: false } as const);
  if (!row || !access.read) {
    await recordAudit(
      services.db,
      ctx,
      { action, outcome: 'denied', targetType: 'case', targetId: id },
      services.now(),
    );
    throw notFound('Case');
  }
  return { row, access };
}

export async function getCase(
  services: Services,
  ctx: AuditContext,
  actor: Actor,
  id: string,
): Promise<Case> {
  const { row, access } = await readableCase(services, ctx, actor, id);
  await recordAudit(
    services.db,
    ctx,
    { action: 'case.viewed', targetType: 'case', targetId: id, details: { sections: [...access.sections] } },
    services.now(),
  );
  return presentCase(services, services.db, row, access);
}

/** Write access: NRM staff on any case; everyone else reads at most. */
export async function writableCase(services: Services, ctx: AuditContext, actor: Actor, id: string) {
  const found = await readableCase(services, ctx, actor, id, 'case.viewed');
  if (!found.access.write) throw new AppError('FORBIDDEN', 'You cannot change this case');
  return found;
}

/**
 * Logs a case once per Idempotency-Key: a retried request answers the first result (the case
 * read again with the caller's access as it is now) and never creates a second case.
 */
export function logCase(
  services: Services,
  ctx: AuditContext,
  actor: Actor,
  input: CaseCreate,
  idempotencyKey: string | undefined,
): Promise<IdempotentResult<Case>> {
  return runIdempotent(
    services,
    { userId: actor.userId, key: idempotencyKey, route: 'POST /api/cases', body: input },
    {
      create: async (trx) => {
        const created = await createCase(services, ctx, actor, input, trx);
        return { statusCode: 201, body: created, resource: { type: 'case', id: created.id } };
      },
      replay: (resource) => getCase(services, ctx, actor, resource.id),
    },
  );
}

/**
 * Opens one section of a case for reading: need-to-know, the section's sharing, and an audit
 * event. Answers the reader's access to the case.
 */
export async function readCaseSection(
  services: Services,
  ctx: AuditContext,
  actor: Actor,
  id: string,
  section: CaseSection,
) {
  const { access } = await readableCase(services, ctx, actor, id);
  if (!access.sections.includes(section))
    throw new AppError('FORBIDDEN', 'This part of the case is not shared with you');
  await recordAudit(
    services.db,
    ctx,
    { action: 'case.viewed', targetType: 'case', targetId: id, details: { sections: [section] } },
    services.now(),
  );
  return access;
}

/**
 * A change to a case the caller may write: need-to-know, the client's version (If-Match)
 * against the version read, the change itself, and the updated case back (its new ETag).
 */
async function changeCase(
  services: Services,
  ctx: AuditContext,
  actor: Actor,
  id: string,
  checkVersion: VersionCheck,
  change: (row: CaseRow) => Promise<unknown>,
): Promise<Case> {
  const { row } = await writableCase(services, ctx, actor, id);
  checkVersion(row.version);
  await change(row);
  return getCase(services, ctx, actor, row.id);
}

/** PATCH /api/cases/:id: intake details. */
export const editCase = (
  services: Services,
  ctx: AuditContext,
  actor: Actor,
  id: string,
  checkVersion: VersionCheck,
  patch: CaseUpdate,
) => changeCase(services, ctx, actor, id, checkVersion, (row) => updateCase(services, ctx, row, patch));

/** PUT /api/cases/:id/assignee. */
export const reassignCase = (
  services: Services,
  ctx: AuditContext,
  actor: Actor,
  id: string,
  checkVersion: VersionCheck,
  assigneeId: string | null,
) => changeCase(services, ctx, actor, id, checkVersion, (row) => assignCase(services, ctx, row, assigneeId));

/** POST /api/cases/:id/person: the duplicate check settled. */
export const settleCasePerson = (
  services: Services,
  ctx: AuditContext,
  actor: Actor,
  id: string,
  checkVersion: VersionCheck,
  decision: { personId: string } | { confirmNew: true },
) => changeCase(services, ctx, actor, id, checkVersion, (row) => settlePerson(services, ctx, row, decision));

export async function updateCase(
  services: Services,
  ctx: AuditContext,
  row: CaseRow,
  patch: CaseUpdate,
): Promise<void> {
  const now = services.now();
  refuseFutureReceipt(patch.receivedAt, now);
  await services.db.transaction().execute(async (trx) => {
    await updateCaseRow(
      trx,
      row.id,
      {
        ...(patch.channel ? { channel: patch.channel } : {}),
        ...(patch.referredByOrganisationId !== undefined
          ? { referred_by_organisation_id: patch.referredByOrganisationId }
          : {}),
        ...(patch.referredByName !== undefined ? { referred_by_name: patch.referredByName } : {}),
        ...(patch.receivedAt ? { received_at: new Date(patch.receivedAt) } : {}),
        ...(patch.languages ? { languages: patch.languages } : {}),
        ...(patch.interpreterUsed !== undefined ? { interpreter_used: patch.interpreterUsed } : {}),
        ...(patch.narrative !== undefined
          ? { narrative_enc: patch.narrative ? services.crypto.encrypt(patch.narrative) : null }
          : {}),
        ...(patch.risk ? { risk: patch.risk } : {}),
      },
      now,
      {
        expectedVersion: row.version,
        audit: { ctx, action: 'case.updated', details: { fields: Object.keys(patch) } },
      },
    );
    if (patch.risk && patch.risk !== row.risk && isUrgentRisk(patch.risk)) {
      await alertUrgentIntake(trx, row, ctx.actor?.userId ?? null, now);
    }
    if (patch.risk && patch.risk !== row.risk) {
      await services.events.emit(
        { services, db: trx, audit: ctx, actorId: ctx.actor?.userId ?? null, now },
        'case.risk-changed',
        { caseId: row.id, risk: patch.risk },
      );
    }
  });
}

/** A supervisor gives the case to a case manager; a received case moves on to screening. */
export async function assignCase(
  services: Services,
  ctx: AuditContext,
  row: CaseRow,
  assigneeId: string | null,
) {
  if (assigneeId) {
    const assignee = await getUser(services, assigneeId).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return undefined;
      throw error;
    });
    if (!assignee?.active || !roleHas(assignee.role, 'cases.manage')) {
      throw new AppError(
        'ASSIGNEE_INVALID',
        'Cases can only be assigned to an active NRM case manager or supervisor',
      );
    }
  }
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    await updateCaseRow(
      trx,
      row.id,
      { assigned_to: assigneeId, ...(assigneeId && row.stage === 'received' ? { stage: 'screening' } : {}) },
      now,
      {
        expectedVersion: row.version,
        audit: { ctx, action: 'case.assigned', details: { from: row.assigned_to, to: assigneeId } },
      },
    );
    await services.events.emit(
      { services, db: trx, audit: ctx, actorId: ctx.actor?.userId ?? null, now },
      'case.assigned',
      { caseId: row.id, assigneeId },
    );
  });
}

/** The case manager's decision after the duplicate check: this person, or a new one. */
export async function settlePerson(
  services: Services,
  ctx: AuditContext,
  row: CaseRow,
  decision: { personId: string } | { confirmNew: true },
) {
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    if ('personId' in decision) {
      if (!(await personExists(trx, decision.personId))) throw notFound('Person');
      await updateCaseRow(
        trx,
        row.id,
        { person_id: decision.personId, duplicate_check: 'linked_existing' },
        now,
        {
          expectedVersion: row.version,
          audit: {
            ctx,
            action: 'case.person_linked',
            details: { fromPersonId: row.person_id, toPersonId: decision.personId },
          },
        },
      );
    } else {
      await updateCaseRow(trx, row.id, { duplicate_check: 'new_person_confirmed' }, now, {
        expectedVersion: row.version,
        audit: { ctx, action: 'case.duplicate_check_confirmed', details: { personId: row.person_id } },
      });
    }
  });
}

/*
 * What other features need of a case row, for their own rules: they reach it through
 * features/cases/index.ts, never the repository.
 */

/** A case row by id, or undefined (no access check: the caller applies `caseAccess`). */
export function findCase(db: Services['db'] | Transaction<DB>, id: string) {
  return findCaseRow(db, id);
}

/** Everything `caseAccess` needs about one case. */
export function caseAccessFacts(
  db: Services['db'] | Transaction<DB>,
  row: { id: string; created_by: string | null; person_id: string; duplicate_check: string },
) {
  return loadAccessFacts(db, row);
}

/**
 * The one writer of a case row (`updateCaseRow`): bumps the version (412 on `expectedVersion`
 * mismatch) and, with `opts.audit`, records the case-change audit event in the same transaction.
 */
export function writeCaseRow(
  db: Services['db'] | Transaction<DB>,
  id: string,
  patch: CasePatch,
  now: Date,
  opts: CaseWriteOptions,
): Promise<number | undefined> {
  return updateCaseRow(db, id, patch, now, opts);
}
