import type {
  Consent,
  ConsentCreate,
  ConsentMethod,
  ConsentPurpose,
  ConsentStatus,
  OrganisationKind,
  Party,
  PartyInput,
  PartyKind,
  PartyRole,
} from '@opennrm/domain';
import { sql } from 'kysely';
import { AppError, notFound } from '../../lib/app-error.js';
import { likePattern } from '../../lib/sql.js';
import type { Services } from '../../services.js';
import { type AuditContext, recordAudit } from '../audit/audit.service.js';
import type { CaseRow } from './cases.repository.js';

/** Consent history of a case, newest first; the newest record per purpose and recipient is current. */
export async function listConsents(services: Services, caseId: string): Promise<Consent[]> {
  const rows = await services.db
    .selectFrom('consents as c')
    .leftJoin('organisations as o', 'o.id', 'c.organisation_id')
    .leftJoin('users as u', 'u.id', 'c.recorded_by')
    .selectAll('c')
    .select(['o.name as organisation_name', 'u.display_name as recorder_name'])
    .where('c.case_id', '=', caseId)
    .orderBy('c.recorded_at', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
  const seen = new Set<string>();
  return rows.map((r) => {
    const key = `${r.purpose}|${r.organisation_id ?? ''}|${r.organisation_kind ?? ''}`;
    const current = !seen.has(key);
    seen.add(key);
    return {
      id: r.id,
      purpose: r.purpose as ConsentPurpose,
      organisation: r.organisation_id ? { id: r.organisation_id, name: r.organisation_name ?? '' } : null,
      organisationKind: r.organisation_kind as OrganisationKind | null,
      status: r.status as ConsentStatus,
      method: r.method as ConsentMethod,
      givenBy: r.given_by as 'person' | 'guardian',
      guardianName: r.guardian_name,
      recordedBy: r.recorded_by ? { id: r.recorded_by, displayName: r.recorder_name ?? '' } : null,
      recordedAt: r.recorded_at.toISOString(),
      current,
    };
  });
}

function ageOn(dateOfBirth: string | null, estimatedBirthYear: number | null, on: Date): number | null {
  if (dateOfBirth) {
    const dob = new Date(`${dateOfBirth}T00:00:00Z`);
    let age = on.getUTCFullYear() - dob.getUTCFullYear();
    const beforeBirthday =
      on.getUTCMonth() < dob.getUTCMonth() ||
      (on.getUTCMonth() === dob.getUTCMonth() && on.getUTCDate() < dob.getUTCDate());
    if (beforeBirthday) age--;
    return age;
  }
  return estimatedBirthYear ? on.getUTCFullYear() - estimatedBirthYear : null;
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
  const person = await services.db
    .selectFrom('persons')
    .select(['date_of_birth', 'estimated_birth_year', 'vulnerabilities'])
    .where('id', '=', row.person_id)
    .executeTakeFirstOrThrow();
  const now = services.now();
  const age = ageOn(person.date_of_birth, person.estimated_birth_year, now);
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
    const org = await services.db
      .selectFrom('organisations')
      .select('id')
      .where('id', '=', input.organisationId)
      .executeTakeFirst();
    if (!org) {
      throw new AppError('REFERENCE_INVALID', 'The organisation does not exist', { field: 'organisationId' });
    }
  }
  await services.db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('consents')
      .values({
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
      })
      .returning('id')
      .executeTakeFirstOrThrow();
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

function presentParty(r: {
  id: string;
  kind: string;
  name: string;
  name_ar: string | null;
  country: string | null;
  registration_number: string | null;
  case_count: number | string | null;
}): Party {
  return {
    id: r.id,
    kind: r.kind as PartyKind,
    name: r.name,
    nameAr: r.name_ar,
    country: r.country,
    registrationNumber: r.registration_number,
    caseCount: Number(r.case_count ?? 0),
  };
}

const partyWithCount = (services: Services) =>
  services.db
    .selectFrom('parties as p')
    .selectAll('p')
    .select((eb) =>
      eb
        .selectFrom('case_parties as cp')
        .select(sql<string>`count(DISTINCT cp.case_id)`.as('n'))
        .whereRef('cp.party_id', '=', 'p.id')
        .as('case_count'),
    );

/** The shared register: the same employer across many cases is one record, and its case count shows it. */
export async function searchParties(services: Services, q: string, limit: number): Promise<Party[]> {
  const rows = await partyWithCount(services)
    .where((eb) =>
      eb.or([eb(eb.fn('lower', ['p.name']), 'like', likePattern(q)), eb('p.name_ar', 'like', `%${q}%`)]),
    )
    .orderBy('p.name')
    .limit(limit)
    .execute();
  return rows.map(presentParty);
}

export async function listCaseParties(services: Services, caseId: string) {
  const links = await services.db
    .selectFrom('case_parties')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .execute();
  if (links.length === 0) return [];
  const parties = await partyWithCount(services)
    .where(
      'p.id',
      'in',
      links.map((l) => l.party_id),
    )
    .execute();
  return links.map((l) => ({
    id: l.id,
    role: l.role as PartyRole,
    party: presentParty(parties.find((p) => p.id === l.party_id)!),
  }));
}

export async function linkParty(
  services: Services,
  ctx: AuditContext,
  row: CaseRow,
  input: { partyId?: string | undefined; party?: PartyInput | undefined; role: PartyRole },
) {
  const now = services.now();
  return services.db.transaction().execute(async (trx) => {
    let partyId = input.partyId;
    if (partyId) {
      if (!(await trx.selectFrom('parties').select('id').where('id', '=', partyId).executeTakeFirst()))
        throw notFound('Party');
    } else {
      const p = input.party!;
      partyId = (
        await trx
          .insertInto('parties')
          .values({
            kind: p.kind,
            name: p.name,
            name_ar: p.nameAr ?? null,
            country: p.country ?? null,
            registration_number: p.registrationNumber ?? null,
            created_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    }
    const link = await trx
      .insertInto('case_parties')
      .values({ case_id: row.id, party_id: partyId, role: input.role, created_at: now })
      .onConflict((oc) => oc.columns(['case_id', 'party_id', 'role']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!link) throw new AppError('CONFLICT', 'This party is already linked to the case in this role');
    await recordAudit(
      trx,
      ctx,
      {
        action: 'party.linked',
        targetType: 'case',
        targetId: row.id,
        details: { partyId, role: input.role },
      },
      now,
    );
    return link.id;
  });
}

export async function unlinkParty(services: Services, ctx: AuditContext, row: CaseRow, linkId: string) {
  await services.db.transaction().execute(async (trx) => {
    const deleted = await trx
      .deleteFrom('case_parties')
      .where('id', '=', linkId)
      .where('case_id', '=', row.id)
      .returning(['party_id', 'role'])
      .executeTakeFirst();
    if (!deleted) throw notFound('Party link');
    await recordAudit(
      trx,
      ctx,
      {
        action: 'party.unlinked',
        targetType: 'case',
        targetId: row.id,
        details: { partyId: deleted.party_id, role: deleted.role },
      },
      services.now(),
    );
  });
}
