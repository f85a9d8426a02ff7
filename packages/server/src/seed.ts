import type { OrganisationKind, Role } from '@opennrm/domain';
import { recordAudit } from './features/audit/index.js';
import { seedDefaultQuestionnaire } from './features/screening/index.js';
import { seedDefaultSops } from './features/sops/index.js';
import { hashPassword } from './lib/passwords.js';
import {
  hasOrganisations,
  hasUsers,
  insertSeedOrganisation,
  insertSeedUser,
  listOrganisationNames,
} from './seed.repository.js';
import type { Services } from './services.js';

interface SeedOrganisation {
  key: string;
  name: string;
  nameAr: string;
  kind: OrganisationKind;
  countryCode?: string;
}

/** The default set mirrors DOMAIN.md's actors; an installation renames or extends it. */
export const DEFAULT_ORGANISATIONS: readonly SeedOrganisation[] = [
  {
    key: 'nrm',
    name: 'NRM Team, Expat Protection Centre',
    nameAr: 'فريق الآلية الوطنية للإحالة، مركز حماية الوافدين',
    kind: 'coordinator',
  },
  { key: 'hotline', name: '995 Hotline', nameAr: 'الخط الساخن 995', kind: 'hotline' },
  {
    key: 'inspection',
    name: 'Labour Inspection Directorate',
    nameAr: 'إدارة التفتيش العمالي',
    kind: 'labour_inspection',
  },
  { key: 'grievances', name: 'Grievances Department', nameAr: 'إدارة التظلمات', kind: 'grievances' },
  {
    key: 'nihr',
    name: 'National Institution for Human Rights',
    nameAr: 'المؤسسة الوطنية لحقوق الإنسان',
    kind: 'human_rights_institution',
  },
  {
    key: 'shelter',
    name: 'Expat Protection Centre Shelter',
    nameAr: 'دار الإيواء التابعة لمركز حماية الوافدين',
    kind: 'shelter',
  },
  { key: 'police', name: 'Police Directorate', nameAr: 'مديرية الشرطة', kind: 'police' },
  { key: 'prosecution', name: 'Public Prosecution', nameAr: 'النيابة العامة', kind: 'prosecution_justice' },
  { key: 'health', name: 'Public Health Centres', nameAr: 'المراكز الصحية العامة', kind: 'health' },
  {
    key: 'embassy-ph',
    name: 'Embassy of the Philippines',
    nameAr: 'سفارة الفلبين',
    kind: 'embassy',
    countryCode: 'PH',
  },
  { key: 'embassy-in', name: 'Embassy of India', nameAr: 'سفارة الهند', kind: 'embassy', countryCode: 'IN' },
  {
    key: 'iom',
    name: 'International Organization for Migration',
    nameAr: 'المنظمة الدولية للهجرة',
    kind: 'international_organisation',
  },
  {
    key: 'airport',
    name: 'Airport First Responders',
    nameAr: 'المستجيبون الأوائل في المطار',
    kind: 'first_responder',
  },
];

/** Shared by every demo account; printed by `npm start`. Never use a demo seed in production. */
export const DEMO_PASSWORD = 'OpenNRM-demo-2026';
export const DEMO_TOTP_SECRET = 'NRMDEMOTOTPSECRETFORTESTSONLYABC';

export const DEMO_USERS: readonly { username: string; displayName: string; role: Role; org: string }[] = [
  { username: 'admin', displayName: 'Amal Haddad', role: 'administrator', org: 'nrm' },
  { username: 'supervisor', displayName: 'Yousif Karimi', role: 'nrm_supervisor', org: 'nrm' },
  { username: 'casemanager', displayName: 'Maryam Saleh', role: 'nrm_case_manager', org: 'nrm' },
  { username: 'focalpoint', displayName: 'Hassan Ali', role: 'agency_focal_point', org: 'inspection' },
  { username: 'officer', displayName: 'Noor Ahmed', role: 'agency_officer', org: 'police' },
  { username: 'shelter', displayName: 'Fatima Nasser', role: 'shelter_staff', org: 'shelter' },
  { username: 'hotline', displayName: 'Omar Jaber', role: 'hotline_operator', org: 'hotline' },
  { username: 'embassy', displayName: 'Maria Santos', role: 'embassy_officer', org: 'embassy-ph' },
  { username: 'analyst', displayName: 'Layla Mansour', role: 'analyst', org: 'nrm' },
  { username: 'auditor', displayName: 'Khalid Rahman', role: 'auditor', org: 'nrm' },
];

export interface SeedResult {
  organisationsCreated: number;
  demoUsersCreated: number;
}

/** Idempotent: creates what is missing, so it runs on every start and changes nothing the second time. */
export async function seed(services: Services, opts: { demo: boolean }): Promise<SeedResult> {
  const { db } = services;
  const now = services.now();
  const result: SeedResult = { organisationsCreated: 0, demoUsersCreated: 0 };
  await seedDefaultQuestionnaire(db, now);
  await seedDefaultSops(db, now);
  const orgIds = new Map<string, string>();

  if (!(await hasOrganisations(db))) {
    await db.transaction().execute(async (trx) => {
      for (const o of DEFAULT_ORGANISATIONS) {
        const id = await insertSeedOrganisation(trx, {
          name: o.name,
          name_ar: o.nameAr,
          kind: o.kind,
          country_code: o.countryCode ?? null,
          created_at: now,
          updated_at: now,
        });
        orgIds.set(o.key, id);
        await recordAudit(
          trx,
          {},
          {
            action: 'organisation.created',
            targetType: 'organisation',
            targetId: id,
            details: { kind: o.kind, seed: true },
          },
          now,
        );
      }
    });
    result.organisationsCreated = DEFAULT_ORGANISATIONS.length;
  }

  if (!opts.demo) return result;
  if (await hasUsers(db)) return result;
  if (orgIds.size === 0) {
    const rows = await listOrganisationNames(db);
    for (const o of DEFAULT_ORGANISATIONS) {
      const row = rows.find((r) => r.name === o.name);
      if (row) orgIds.set(o.key, row.id);
    }
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    for (const u of DEMO_USERS) {
      const organisationId = orgIds.get(u.org);
      if (!organisationId) continue;
      const id = await insertSeedUser(trx, {
        username: u.username,
        display_name: u.displayName,
        role: u.role,
        organisation_id: organisationId,
        password_hash: passwordHash,
        totp_secret: services.crypto.encrypt(DEMO_TOTP_SECRET),
        password_changed_at: now,
        created_at: now,
        updated_at: now,
      });
      await recordAudit(
        trx,
        {},
        {
          action: 'user.created',
          targetType: 'user',
          targetId: id,
          details: { role: u.role, organisationId, seed: true },
        },
        now,
      );
      result.demoUsersCreated++;
    }
  });
  return result;
}
