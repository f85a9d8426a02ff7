import type { Actor, Consent, ConsentCreate } from '@opennrm/domain';
import type { AuditContext } from '../../lib/act-context.js';
import { AppError } from '../../lib/app-error.js';
import type { Services } from '../../services.js';
import { recordAudit } from '../audit/index.js';
import { findOrganisation } from '../organisations/index.js';
import { personAgeFacts, personAgeOn } from '../persons/index.js';
import { type CaseRow, readCaseSection, writableCase } from './cases.service.js';
import { insertConsent, listConsentRows } from './consents.repository.js';

/** Consent history of a case, newest first; the newest record per purpose and recipient is current. */
export async function listConsents(services: Services, caseId: string): Promise<Consent[]> {
  const rows = await listConsentRows(services.db, caseId);
  const seen = new Set<string>();
  return rows.map((r) => {
    const key = `${r.purpose}|${r.organisation_id ?? ''}|${r.organisation_kind ?? ''}`;
    const current = !seen.has(key);
    seen.add(key);
    return {
      id: r.id,
      purpose: r.purpose,
      organisation: r.organisation_id ? { id: r.organisation_id, name: r.organisation_name ?? '' } : null,
      organisationKind: r.organisation_kind,
      status: r.status,
      method: r.method,
      givenBy: r.given_by,
      guardianName: r.guardian_name,
      recordedBy: r.recorded_by ? { id: r.recorded_by, displayName: r.recorder_name ?? '' } : null,
      recordedAt: r.recorded_at.toISOString(),
      current,
    };
  });
}

/**
 * Records consent as given, refused or withdrawn. For a minor (by date of birth, estimated
 * age, or the "minor" vulnerability) consent must come from a guardian.
 */
export async function recordConsent(
  services: Services,
  ctx: AuditContext,
  row: CaseRow,
  input: ConsentCreate,
  userId: string,
) {
  const person = await personAgeFacts(services.db, row.person_id);
  const now = services.now();
  const age = personAgeOn(person, now);
  const minor = (age !== null && age < 18) || person.vulnerabilities.includes('minor');
  if (minor && input.givenBy !== 'guardian') {
    throw new AppError('VALIDATION_FAILED', 'For a child, consent is recorded from a guardian', {
      issues: [
        {
          location: 'body',
          path: ['givenBy'],
          code: 'guardian_required',
          message: 'A guardian must consent for a child',
        },
      ],
    });
  }
  if (input.organisationId) {
    if (!(await findOrganisation(services, input.organisationId))) {
      throw new AppError('REFERENCE_INVALID', 'The organisation does not exist', { field: 'organisationId' });
    }
  }
  await services.db.transaction().execute(async (trx) => {
    const id = await insertConsent(trx, {
      case_id: row.id,
      purpose: input.purpose,
      organisation_id: input.organisationId ?? null,
      organisation_kind: input.organisationKind ?? null,
      status: input.status,
      method: input.method,
      given_by: input.givenBy,
      guardian_name: input.guardianName ?? null,
      recorded_by: userId,
      recorded_at: now,
    });
    await recordAudit(
      trx,
      ctx,
      {
        action: 'consent.recorded',
        targetType: 'case',
        targetId: row.id,
        details: {
          consentId: id,
          purpose: input.purpose,
          status: input.status,
          method: input.method,
          givenBy: input.givenBy,
        },
      },
      now,
    );
    await services.events.emit({ services, db: trx, audit: ctx, actorId: userId, now }, 'consent.recorded', {
      caseId: row.id,
      consent: {
        purpose: input.purpose,
        organisationKind: input.organisationKind ?? null,
        status: input.status,
      },
    });
  });
}

/** GET /api/cases/:id/consents: the consents section, opened with need-to-know. */
export async function caseConsents(services: Services, ctx: AuditContext, actor: Actor, caseId: string) {
  await readCaseSection(services, ctx, actor, caseId, 'consents');
  return listConsents(services, caseId);
}

/** POST /api/cases/:id/consents: records a consent and answers the case's consents. */
export async function addConsent(
  services: Services,
  ctx: AuditContext,
  actor: Actor,
  caseId: string,
  input: ConsentCreate,
) {
  const { row } = await writableCase(services, ctx, actor, caseId);
  await recordConsent(services, ctx, row, input, actor.userId);
  return listConsents(services, row.id);
}
