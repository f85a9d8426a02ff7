import type { SessionStage } from '@opennrm/domain';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

export function insertSession(
  db: Db,
  row: {
    token_hash: string;
    user_id: string;
    stage: SessionStage;
    csrf_token: string;
    expires_at: Date;
    now: Date;
  },
) {
  return db
    .insertInto('sessions')
    .values({
      token_hash: row.token_hash,
      user_id: row.user_id,
      stage: row.stage,
      csrf_token: row.csrf_token,
      expires_at: row.expires_at,
      created_at: row.now,
      last_seen_at: row.now,
    })
    .returning(['id'])
    .executeTakeFirstOrThrow();
}

/** The session with its user and organisation, by token hash. Validity is judged by the caller. */
export function findSessionByTokenHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .select([
      's.id as sessionId',
      's.stage',
      's.csrf_token as csrfToken',
      's.created_at as createdAt',
      's.last_seen_at as lastSeenAt',
      's.expires_at as expiresAt',
      'u.id as userId',
      'u.username',
      'u.display_name as displayName',
      'u.role',
      'u.locale',
      'u.active as userActive',
      'u.totp_secret as totpSecret',
      'u.must_change_password as mustChangePassword',
      'o.id as organisationId',
      'o.name as organisationName',
      'o.name_ar as organisationNameAr',
      'o.kind as organisationKind',
      'o.country_code as organisationCountry',
      'o.active as organisationActive',
    ])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export type SessionWithUser = NonNullable<Awaited<ReturnType<typeof findSessionByTokenHash>>>;

export async function touchSession(db: Db, sessionId: string, now: Date) {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', sessionId).execute();
}

export async function deleteSession(db: Db, sessionId: string) {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Ends every session of a user, except one when given (the one changing its own password). */
export async function deleteUserSessions(db: Db, userId: string, exceptSessionId?: string) {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptSessionId) q = q.where('id', '<>', exceptSessionId);
  await q.execute();
}

export async function deleteOrganisationSessions(db: Db, organisationId: string) {
  await db
    .deleteFrom('sessions')
    .where('user_id', 'in', db.selectFrom('users').select('id').where('organisation_id', '=', organisationId))
    .execute();
}

export async function deleteExpiredSessions(db: Db, now: Date, idleMs: number) {
  await db
    .deleteFrom('sessions')
    .where((eb) =>
      eb.or([eb('expires_at', '<', now), eb('last_seen_at', '<', new Date(now.getTime() - idleMs))]),
    )
    .execute();
}
