import type {
  Actor,
  CaseCategory,
  CaseSection,
  CaseStage,
  OrganisationKind,
  ReferralPurpose,
  ReferralStatus,
  RiskLevel,
} from '@opennrm/domain';
import type { Database } from '../src/db/create-db.js';
import { insertCaseRow, nextCaseReference } from '../src/features/cases/cases.repository.js';
import { insertPerson } from '../src/features/persons/index.js';
import { insertReferral } from '../src/features/referrals/referrals.repository.js';
import { insertTask } from '../src/features/tasks/tasks.repository.js';
import type { FieldCrypto } from '../src/lib/field-crypto.js';
import { DEMO_USERS } from '../src/seed.js';
import { createServices } from '../src/services.js';
import type { TestContext } from './harness.js';

/**
 * The data-factory tier: builds persons, cases, referrals and tasks straight in the database,
 * through the repositories, for tests that are about what the server does with data (lists,
 * visibility, sweeps, reports) and not about the API that creates it. A case costs a few
 * inserts instead of a dozen HTTP requests. Tests of a use case go through the API instead.
 */
export interface Factory {
  /** The demo users as the policy sees them (role, organisation, its kind and country). */
  actors(): Promise<Map<string, Actor>>;
  organisationId(name: string): Promise<string>;
  organisationOfKind(kind: OrganisationKind, country?: string): Promise<string>;
  userId(username: string): Promise<string>;
  person(values?: { nameLatin?: string; nationality?: string | null }): Promise<string>;
  case(values?: NewCase): Promise<{ id: string; reference: string; personId: string }>;
  referral(caseId: string, organisationId: string, values?: NewReferral): Promise<string>;
  task(caseId: string, values?: NewTask): Promise<string>;
}

export interface NewCase {
  personId?: string;
  nationality?: string | null;
  createdBy?: string | null;
  createdByOrganisationId?: string | null;
  assignedTo?: string | null;
  stage?: CaseStage;
  category?: CaseCategory | null;
  risk?: RiskLevel;
  receivedAt?: Date;
}

export interface NewReferral {
  status?: ReferralStatus;
  purpose?: ReferralPurpose;
  sharedSections?: CaseSection[];
  createdBy?: string;
}

export interface NewTask {
  title?: string;
  ownerOrganisationId?: string | null;
  ownerKind?: OrganisationKind | null;
  dueAt?: Date | null;
  status?: 'open' | 'done' | 'cancelled';
  referralId?: string | null;
}

type Ctx = Pick<TestContext, 'db' | 'config' | 'crypto' | 'clock'>;

export function factory(ctx: Ctx): Factory {
  const db: Database = ctx.db;
  const crypto: FieldCrypto = ctx.crypto;
  const services = createServices({ config: ctx.config, db, now: ctx.clock.now, crypto });
  let serial = 0;

  const f: Factory = {
    async actors() {
      const rows = await db
        .selectFrom('users as u')
        .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
        .select(['u.id', 'u.username', 'u.role', 'u.organisation_id', 'o.kind', 'o.country_code'])
        .where(
          'u.username',
          'in',
          DEMO_USERS.map((u) => u.username),
        )
        .execute();
      return new Map(
        rows.map((r) => [
          r.username,
          {
            userId: r.id,
            role: r.role,
            organisationId: r.organisation_id,
            organisationKind: r.kind,
            organisationCountry: r.country_code,
            active: true,
          } satisfies Actor,
        ]),
      );
    },
    async organisationId(name) {
      return (
        await db.selectFrom('organisations').select('id').where('name', '=', name).executeTakeFirstOrThrow()
      ).id;
    },
    async organisationOfKind(kind, country) {
      let q = db.selectFrom('organisations').select('id').where('kind', '=', kind);
      if (country) q = q.where('country_code', '=', country);
      return (await q.orderBy('name').executeTakeFirstOrThrow()).id;
    },
    async userId(username) {
      return (
        await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()
      ).id;
    },
    async person(values = {}) {
      serial++;
      return insertPerson(
        services,
        db,
        {
          nameLatin: values.nameLatin ?? `Factory Person ${serial}`,
          nationality: values.nationality ?? 'ET',
        },
        null,
      );
    },
    async case(values = {}) {
      const personId = values.personId ?? (await f.person({ nationality: values.nationality ?? 'ET' }));
      const now = ctx.clock.now();
      return db.transaction().execute(async (trx) => {
        const reference = await nextCaseReference(trx, now.getUTCFullYear());
        const id = await insertCaseRow(trx, {
          reference,
          person_id: personId,
          intake_kind: 'walk_in',
          channel: 'walk_in',
          received_at: values.receivedAt ?? now,
          stage: values.stage ?? 'screening',
          category: values.category ?? null,
          risk: values.risk ?? 'medium',
          assigned_to: values.assignedTo ?? null,
          created_by: values.createdBy ?? null,
          created_by_organisation_id: values.createdByOrganisationId ?? null,
          created_at: now,
          updated_at: now,
        });
        return { id, reference, personId };
      });
    },
    async referral(caseId, organisationId, values = {}) {
      const createdBy = values.createdBy ?? (await f.userId('casemanager'));
      const id = await insertReferral(
        db,
        {
          caseId,
          organisationId,
          sharedSections: values.sharedSections ?? ['narrative'],
          purpose: values.purpose ?? 'other',
          messageEnc: null,
          consentOverrideReasonEnc: null,
          createdBy,
        },
        ctx.clock.now(),
      );
      if (values.status && values.status !== 'sent')
        await db.updateTable('referrals').set({ status: values.status }).where('id', '=', id).execute();
      return id;
    },
    async task(caseId, values = {}) {
      serial++;
      return insertTask(db, {
        case_id: caseId,
        key: `factory-${serial}`,
        title: JSON.stringify({
          en: values.title ?? `Factory task ${serial}`,
          ar: values.title ?? `مهمة ${serial}`,
        }),
        owner_organisation_id: values.ownerOrganisationId ?? null,
        owner_kind: values.ownerKind ?? null,
        due_at: values.dueAt ?? null,
        status: values.status ?? 'open',
        referral_id: values.referralId ?? null,
      });
    },
  };
  return f;
}
