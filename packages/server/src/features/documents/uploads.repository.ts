import type { Insertable, Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

/** The SQL of uploads in progress; the rules are in uploads.service.ts. */

type Db = Kysely<DB> | Transaction<DB>;

export async function insertUpload(db: Db, values: Insertable<DB['uploads']>) {
  await db.insertInto('uploads').values(values).execute();
}

export function findUpload(db: Db, id: string) {
  return db.selectFrom('uploads').selectAll().where('id', '=', id).executeTakeFirst();
}

export type UploadRow = NonNullable<Awaited<ReturnType<typeof findUpload>>>;

/** Records that the chunks before `nextChunk` are stored, while the upload is open. */
export function markChunkReceived(db: Db, id: string, nextChunk: number, receivedBytes: number, now: Date) {
  return db
    .updateTable('uploads')
    .set({ next_chunk: nextChunk, received_bytes: receivedBytes, updated_at: now })
    .where('id', '=', id)
    .where('state', '=', 'open')
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function setUploadState(db: Db, ids: string[], state: 'aborted' | 'complete', now: Date) {
  if (ids.length === 0) return;
  await db.updateTable('uploads').set({ state, updated_at: now }).where('id', 'in', ids).execute();
}

/** The upload's state, its row locked until the transaction ends. */
export async function lockUploadState(trx: Transaction<DB>, id: string): Promise<string> {
  const row = await trx
    .selectFrom('uploads')
    .select('state')
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return row.state;
}

/** Open uploads past their expiry, locked (skipping those another instance holds). */
export function claimExpiredUploads(trx: Transaction<DB>, now: Date, limit: number) {
  return trx
    .selectFrom('uploads')
    .select(['id', 'next_chunk'])
    .where('state', '=', 'open')
    .where('expires_at', '<', now)
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

/** The wrapped file keys of uploads still open (for re-wrapping under a new master key). */
export function listOpenUploadKeys(db: Db) {
  return db.selectFrom('uploads').select(['id', 'wrapped_key']).where('state', '=', 'open').execute();
}

/** Replaces an upload's wrapped key if it still holds `previous`; answers how many rows changed. */
export async function replaceUploadKey(
  db: Db,
  id: string,
  wrappedKey: string,
  previous: string,
): Promise<number> {
  const done = await db
    .updateTable('uploads')
    .set({ wrapped_key: wrappedKey })
    .where('id', '=', id)
    .where('wrapped_key', '=', previous)
    .executeTakeFirst();
  return Number(done.numUpdatedRows);
}

/**
 * What an upload needs to know of the task a new document is linked to. It reads the tasks
 * table: to be answered by the tasks feature once it exposes such a read.
 */
export function findTaskLink(db: Db, id: string) {
  return db
    .selectFrom('tasks')
    .select(['case_id', 'owner_organisation_id', 'assignee_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}
