import type {
  Organisation,
  OrganisationCreate,
  OrganisationListQuery,
  OrganisationPage,
  OrganisationUpdate,
} from '@opennrm/domain';
import { AppError, notFound } from '../../lib/app-error.js';
import { decodeCursor, pageFrom } from '../../lib/sql.js';
import type { Services } from '../../services.js';
import { type AuditContext, recordAudit } from '../audit/index.js';
import { revokeSessionsOfOrganisation } from '../auth/index.js';
import {
  countOrganisations,
  findOrganisationById,
  findOrganisationByName,
  insertOrganisation,
  listOrganisations,
  type OrganisationWithCount,
  updateOrganisation,
} from './organisations.repository.js';

export function presentOrganisation(row: OrganisationWithCount): Organisation {
  return {
    id: row.id,
    name: row.name,
    nameAr: row.name_ar,
    kind: row.kind,
    countryCode: row.country_code,
    active: row.active,
    userCount: Number(row.user_count ?? 0),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function listOrganisationPage(
  services: Services,
  q: OrganisationListQuery,
): Promise<OrganisationPage> {
  const [rows, total] = await Promise.all([
    listOrganisations(services.db, q, decodeCursor(q.cursor)),
    countOrganisations(services.db, q),
  ]);
  const page = pageFrom(rows, q.limit, (r) => r.name.toLowerCase());
  return { items: page.items.map(presentOrganisation), nextCursor: page.nextCursor, total };
}

export async function getOrganisation(services: Services, id: string): Promise<Organisation> {
  const row = await findOrganisationById(services.db, id);
  if (!row) throw notFound('Organisation');
  return presentOrganisation(row);
}

/** An organisation, or undefined when there is none with this id (for checks in other features). */
export async function findOrganisation(services: Services, id: string): Promise<Organisation | undefined> {
  const row = await findOrganisationById(services.db, id);
  return row ? presentOrganisation(row) : undefined;
}

async function assertNameFree(services: Services, name: string, exceptId?: string) {
  const existing = await findOrganisationByName(services.db, name);
  if (existing && existing.id !== exceptId) {
    throw new AppError('ORGANISATION_NAME_TAKEN', 'Another organisation has this name', { field: 'name' });
  }
}

export async function createOrganisation(
  services: Services,
  ctx: AuditContext,
  input: OrganisationCreate,
): Promise<Organisation> {
  await assertNameFree(services, input.name);
  const now = services.now();
  const id = await services.db.transaction().execute(async (trx) => {
    const { id } = await insertOrganisation(trx, {
      name: input.name,
      name_ar: input.nameAr ?? null,
      kind: input.kind,
      country_code: input.countryCode ?? null,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(
      trx,
      ctx,
      {
        action: 'organisation.created',
        targetType: 'organisation',
        targetId: id,
        details: { kind: input.kind },
      },
      now,
    );
    return id;
  });
  return getOrganisation(services, id);
}

/** Deactivating an organisation ends its users' sessions; nobody may deactivate their own. */
export async function editOrganisation(
  services: Services,
  ctx: AuditContext,
  id: string,
  patch: OrganisationUpdate,
): Promise<Organisation> {
  const current = await findOrganisationById(services.db, id);
  if (!current) throw notFound('Organisation');
  if (patch.name !== undefined) await assertNameFree(services, patch.name, id);
  if (patch.active === false && ctx.actor?.organisationId === id) {
    throw new AppError('SELF_LOCKOUT', 'You cannot deactivate your own organisation');
  }
  const countryCode = patch.countryCode === undefined ? current.country_code : patch.countryCode;
  if (current.kind === 'embassy' && !countryCode) {
    throw new AppError('VALIDATION_FAILED', 'An embassy must have a country', {
      issues: [
        {
          location: 'body',
          path: ['countryCode'],
          code: 'custom',
          message: 'An embassy must have a country',
        },
      ],
    });
  }
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    await updateOrganisation(trx, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.nameAr !== undefined ? { name_ar: patch.nameAr } : {}),
      ...(patch.countryCode !== undefined ? { country_code: patch.countryCode } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
      updated_at: now,
    });
    if (patch.active === false && current.active) await revokeSessionsOfOrganisation(trx, id);
    await recordAudit(
      trx,
      ctx,
      {
        action: 'organisation.updated',
        targetType: 'organisation',
        targetId: id,
        details: {
          fields: Object.keys(patch),
          ...(patch.active !== undefined ? { active: patch.active } : {}),
        },
      },
      now,
    );
  });
  return getOrganisation(services, id);
}
