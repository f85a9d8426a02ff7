import type { OrganisationListQuery } from '@opennrm/domain';
import { type Kysely, type SqlBool, sql, type Transaction } from 'kysely';
import type { DB, NewOrganisation, OrganisationPatch } from '../../db/schema.js';
import { likePattern } from '../../lib/sql.js';

type Db = Kysely<DB> | Transaction<DB>;

const withUserCount = (db: Db) =>
  db
    .selectFrom('organisations as o')
    .selectAll('o')
    .select((eb) =>
      eb
        .selectFrom('users as u')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('u.organisation_id', '=', 'o.id')
        .as('user_count'),
    );

export function findOrganisationById(db: Db, id: string) {
  return withUserCount(db).where('o.id', '=', id).executeTakeFirst();
}

export function findOrganisationByName(db: Db, name: string) {
  return db
    .selectFrom('organisations')
    .select('id')
    .where(sql`lower(name)`, '=', name.toLowerCase())
    .executeTakeFirst();
}

export type OrganisationWithCount = NonNullable<Awaited<ReturnType<typeof findOrganisationById>>>;

function organisationFilter(q: OrganisationListQuery) {
  const parts = [sql`true`];
  if (q.q) {
    const like = likePattern(q.q);
    parts.push(sql`(lower(o.name) LIKE ${like} OR lower(coalesce(o.name_ar, '')) LIKE ${like})`);
  }
  if (q.kind) parts.push(sql`o.kind = ${q.kind}`);
  if (q.active !== undefined) parts.push(sql`o.active = ${q.active}`);
  return sql<SqlBool>`${sql.join(parts, sql` AND `)}`;
}

/** Ordered by the case-insensitive name, which is unique, so it is also the keyset cursor. */
export function listOrganisations(db: Db, q: OrganisationListQuery, afterName: string | undefined) {
  let query = withUserCount(db)
    .where(organisationFilter(q))
    .orderBy(sql`lower(o.name)`)
    .limit(q.limit + 1);
  if (afterName) query = query.where(sql`lower(o.name)`, '>', afterName);
  return query.execute();
}

export async function countOrganisations(db: Db, q: OrganisationListQuery) {
  const row = await db
    .selectFrom('organisations as o')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where(organisationFilter(q))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function insertOrganisation(db: Db, values: NewOrganisation) {
  return db.insertInto('organisations').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function updateOrganisation(db: Db, id: string, patch: OrganisationPatch) {
  await db.updateTable('organisations').set(patch).where('id', '=', id).execute();
}
