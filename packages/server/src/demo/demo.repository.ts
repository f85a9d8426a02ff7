import type { ConsentPurpose, OrganisationKind } from '@opennrm/domain';
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';

/** The SQL of the demo workflows (demo-workflows.ts): who acts, which cases, which agencies. */

type Db = Kysely<DB> | Transaction<DB>;

/** The active users, with their organisation's kind and country (the demo's actors). */
export function listActorUsers(db: Db) {
  return db
    .selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .select(['u.id', 'u.username', 'u.role', 'u.organisation_id', 'o.kind', 'o.country_code'])
    .where('u.active', '=', true)
    .execute();
}

/** Screened cases without a workflow, newest first. */
export function screenedCasesWithoutWorkflow(db: Db, limit: number) {
  return db
    .selectFrom('cases as c')
    .leftJoin('case_workflows as w', 'w.case_id', 'c.id')
    .select(['c.id', 'c.received_at', 'c.assigned_to'])
    .where('c.category', 'is not', null)
    .where('w.case_id', 'is', null)
    .orderBy('c.received_at', 'desc')
    .limit(limit)
    .execute();
}

/** The active embassy of the nationality of the case's person. */
export async function embassyOfCasePerson(db: Db, caseId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('cases as c')
    .innerJoin('persons as p', 'p.id', 'c.person_id')
    .innerJoin('organisations as o', 'o.country_code', 'p.nationality')
    .select('o.id')
    .where('c.id', '=', caseId)
    .where('o.kind', '=', 'embassy')
    .where('o.active', '=', true)
    .executeTakeFirst();
  return row?.id;
}

/** Some active organisation of the kind. */
export async function organisationOfKind(db: Db, kind: OrganisationKind): Promise<string | undefined> {
  const row = await db
    .selectFrom('organisations')
    .select('id')
    .where('kind', '=', kind)
    .where('active', '=', true)
    .executeTakeFirst();
  return row?.id;
}

/** The consent already recorded for the purpose (and organisation kind), if any. */
export function findConsentAnswer(
  db: Db,
  caseId: string,
  purpose: ConsentPurpose,
  organisationKind: OrganisationKind | null,
) {
  let query = db
    .selectFrom('consents')
    .select('status')
    .where('case_id', '=', caseId)
    .where('purpose', '=', purpose);
  if (organisationKind) query = query.where('organisation_kind', '=', organisationKind);
  return query.executeTakeFirst();
}

export async function insertConsent(db: Db, values: Insertable<DB['consents']>): Promise<void> {
  await db.insertInto('consents').values(values).execute();
}

/** The case's referrals with their recipient's kind. */
export function referralsOfCase(db: Db, caseId: string) {
  return db
    .selectFrom('referrals as r')
    .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
    .select(['r.id', 'r.status', 'r.organisation_id', 'o.kind'])
    .where('r.case_id', '=', caseId)
    .execute();
}
