import type { Insertable, Kysely, Transaction } from 'kysely';
import type { DB } from './db/schema.js';

/** The SQL of the start-up seed (seed.ts). */

type Db = Kysely<DB> | Transaction<DB>;

export async function hasOrganisations(db: Db): Promise<boolean> {
  return !!(await db.selectFrom('organisations').select('id').limit(1).executeTakeFirst());
}

export async function hasUsers(db: Db): Promise<boolean> {
  return !!(await db.selectFrom('users').select('id').limit(1).executeTakeFirst());
}

export function listOrganisationNames(db: Db) {
  return db.selectFrom('organisations').select(['id', 'name']).execute();
}

export async function insertSeedOrganisation(
  db: Db,
  values: Insertable<DB['organisations']>,
): Promise<string> {
  const { id } = await db
    .insertInto('organisations')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function insertSeedUser(db: Db, values: Insertable<DB['users']>): Promise<string> {
  const { id } = await db.insertInto('users').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}
