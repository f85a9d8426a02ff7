import { type Permission, rolesWith, type UserListQuery } from '@opennrm/domain';
import { type Insertable, type Kysely, type SqlBool, sql, type Transaction, type Updateable } from 'kysely';
import type { DB, UsersTable } from '../../db/schema.js';
import { likePattern } from '../../lib/sql.js';

type Db = Kysely<DB> | Transaction<DB>;

export function findUserByUsername(db: Db, username: string) {
  return db
    .selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .selectAll('u')
    .select(['o.active as organisation_active', 'o.kind as organisation_kind'])
    .where('u.username', '=', username.toLowerCase())
    .executeTakeFirst();
}

export function findUserById(db: Db, id: string) {
  return db
    .selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .selectAll('u')
    .select(['o.name as organisation_name', 'o.active as organisation_active', 'o.kind as organisation_kind'])
    .where('u.id', '=', id)
    .executeTakeFirst();
}

export type UserWithOrganisation = NonNullable<Awaited<ReturnType<typeof findUserById>>>;

export function listUsers(db: Db, q: UserListQuery, afterUsername: string | undefined) {
  let query = db
    .selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .selectAll('u')
    .select(['o.name as organisation_name', 'o.active as organisation_active', 'o.kind as organisation_kind'])
    .where(userFilter(q))
    .orderBy('u.username')
    .limit(q.limit + 1);
  if (afterUsername) query = query.where('u.username', '>', afterUsername);
  return query.execute();
}

export async function countUsers(db: Db, q: UserListQuery): Promise<number> {
  const row = await db
    .selectFrom('users as u')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where(userFilter(q))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function userFilter(q: UserListQuery) {
  const parts = [sql`true`];
  if (q.q) {
    const like = likePattern(q.q);
    parts.push(sql`(u.username LIKE ${like} OR lower(u.display_name) LIKE ${like})`);
  }
  if (q.role) parts.push(sql`u.role = ${q.role}`);
  if (q.organisationId) parts.push(sql`u.organisation_id = ${q.organisationId}`);
  if (q.active !== undefined) parts.push(sql`u.active = ${q.active}`);
  return sql<SqlBool>`${sql.join(parts, sql` AND `)}`;
}

export async function insertUser(db: Db, values: Insertable<UsersTable>): Promise<string> {
  const { id } = await db.insertInto('users').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateUser(db: Db, id: string, patch: Updateable<UsersTable>): Promise<void> {
  await db.updateTable('users').set(patch).where('id', '=', id).execute();
}

/** The active users whose role holds a permission, by display name: names and roles only. */
export function listActiveUsersWith(db: Db, permission: Permission) {
  return db
    .selectFrom('users')
    .select(['id', 'display_name', 'role'])
    .where('active', '=', true)
    .where('role', 'in', rolesWith(permission))
    .orderBy('display_name')
    .execute();
}
