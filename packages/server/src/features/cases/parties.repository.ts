import type { PartyKind, PartyRole } from '@opennrm/domain';
import { type Insertable, type Kysely, sql, type Transaction } from 'kysely';
import type { DB, PartiesTable } from '../../db/schema.js';
import { likePattern } from '../../lib/sql.js';

type Db = Kysely<DB> | Transaction<DB>;

/** Parties with the number of cases each is linked to. */
const partyWithCount = (db: Db) =>
  db
    .selectFrom('parties as p')
    .selectAll('p')
    .select((eb) =>
      eb
        .selectFrom('case_parties as cp')
        .select(sql<string>`count(DISTINCT cp.case_id)`.as('n'))
        .whereRef('cp.party_id', '=', 'p.id')
        .as('case_count'),
    );

export type PartyRow = Awaited<ReturnType<typeof findPartyRows>>[number];

/** The register by name (Latin, case-insensitive, or Arabic). */
export function searchPartyRows(db: Db, q: string, limit: number) {
  return partyWithCount(db)
    .where((eb) =>
      eb.or([eb(eb.fn('lower', ['p.name']), 'like', likePattern(q)), eb('p.name_ar', 'like', `%${q}%`)]),
    )
    .orderBy('p.name')
    .limit(limit)
    .execute();
}

export function findPartyRows(db: Db, ids: string[]) {
  return partyWithCount(db).where('p.id', 'in', ids).execute();
}

export async function partyExists(db: Db, id: string): Promise<boolean> {
  return !!(await db.selectFrom('parties').select('id').where('id', '=', id).executeTakeFirst());
}

/**
 * The register record with this registration number (compared without surrounding spaces or
 * case) and kind: the oldest, when earlier duplicates exist.
 */
export async function findPartyIdByRegistration(
  db: Db,
  kind: PartyKind,
  registrationNumber: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('parties')
    .select('id')
    .where('kind', '=', kind)
    .where(sql<string>`lower(trim(registration_number))`, '=', registrationNumber.trim().toLowerCase())
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

export async function insertParty(db: Db, values: Insertable<PartiesTable>): Promise<string> {
  const { id } = await db.insertInto('parties').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

export function listCasePartyLinks(db: Db, caseId: string) {
  return db
    .selectFrom('case_parties')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .execute();
}

/** Links a party to a case in a role; undefined when it is linked in that role already. */
export async function insertCasePartyLink(
  db: Db,
  link: { caseId: string; partyId: string; role: PartyRole; now: Date },
): Promise<string | undefined> {
  const row = await db
    .insertInto('case_parties')
    .values({ case_id: link.caseId, party_id: link.partyId, role: link.role, created_at: link.now })
    .onConflict((oc) => oc.columns(['case_id', 'party_id', 'role']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/** Unlinks a party from the case; answers what was unlinked, or undefined. */
export function deleteCasePartyLink(db: Db, caseId: string, linkId: string) {
  return db
    .deleteFrom('case_parties')
    .where('id', '=', linkId)
    .where('case_id', '=', caseId)
    .returning(['party_id', 'role'])
    .executeTakeFirst();
}
