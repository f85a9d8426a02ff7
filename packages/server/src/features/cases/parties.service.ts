import type { Actor, Party, PartyInput, PartyRole } from '@opennrm/domain';
import type { AuditContext } from '../../lib/act-context.js';
import { AppError, notFound } from '../../lib/app-error.js';
import type { Services } from '../../services.js';
import { recordAudit } from '../audit/index.js';
import { type CaseRow, readCaseSection, writableCase } from './cases.service.js';
import {
  deleteCasePartyLink,
  findPartyIdByRegistration,
  findPartyRows,
  insertCasePartyLink,
  insertParty,
  listCasePartyLinks,
  type PartyRow,
  partyExists,
  searchPartyRows,
} from './parties.repository.js';

function presentParty(r: PartyRow): Party {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    nameAr: r.name_ar,
    country: r.country,
    registrationNumber: r.registration_number,
    caseCount: Number(r.case_count ?? 0),
  };
}

/** The shared register: the same employer across many cases is one record, and its case count shows it. */
export async function searchParties(services: Services, q: string, limit: number): Promise<Party[]> {
  const rows = await searchPartyRows(services.db, q, limit);
  return rows.map(presentParty);
}

export async function listCaseParties(services: Services, caseId: string) {
  const links = await listCasePartyLinks(services.db, caseId);
  if (links.length === 0) return [];
  const parties = await findPartyRows(
    services.db,
    links.map((l) => l.party_id),
  );
  return links.map((l) => ({
    id: l.id,
    role: l.role,
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
      if (!(await partyExists(trx, partyId))) throw notFound('Party');
    } else {
      const p = input.party!;
      // The same registration number is the same party: the register keeps one record.
      const registered = p.registrationNumber?.trim()
        ? await findPartyIdByRegistration(trx, p.kind, p.registrationNumber)
        : undefined;
      partyId =
        registered ??
        (await insertParty(trx, {
          kind: p.kind,
          name: p.name,
          name_ar: p.nameAr ?? null,
          country: p.country ?? null,
          registration_number: p.registrationNumber ?? null,
          created_at: now,
        }));
    }
    const linkId = await insertCasePartyLink(trx, { caseId: row.id, partyId, role: input.role, now });
    if (!linkId) throw new AppError('CONFLICT', 'This party is already linked to the case in this role');
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
    return linkId;
  });
}

export async function unlinkParty(services: Services, ctx: AuditContext, row: CaseRow, linkId: string) {
  await services.db.transaction().execute(async (trx) => {
    const deleted = await deleteCasePartyLink(trx, row.id, linkId);
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

/** GET /api/cases/:id/parties: the parties section, opened with need-to-know. */
export async function caseParties(services: Services, ctx: AuditContext, actor: Actor, caseId: string) {
  await readCaseSection(services, ctx, actor, caseId, 'parties');
  return listCaseParties(services, caseId);
}

/** POST /api/cases/:id/parties: links a party and answers the case's parties. */
export async function addCaseParty(
  services: Services,
  ctx: AuditContext,
  actor: Actor,
  caseId: string,
  input: { partyId?: string | undefined; party?: PartyInput | undefined; role: PartyRole },
) {
  const { row } = await writableCase(services, ctx, actor, caseId);
  await linkParty(services, ctx, row, input);
  return listCaseParties(services, row.id);
}

/** DELETE /api/cases/:id/parties/:linkId. */
export async function removeCaseParty(
  services: Services,
  ctx: AuditContext,
  actor: Actor,
  caseId: string,
  linkId: string,
) {
  const { row } = await writableCase(services, ctx, actor, caseId);
  await unlinkParty(services, ctx, row, linkId);
}
