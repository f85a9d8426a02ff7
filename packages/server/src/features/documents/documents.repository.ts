import type { Insertable, Kysely, Transaction, Updateable } from 'kysely';
import type { DB } from '../../db/schema.js';
import { notFound } from '../../lib/app-error.js';
import { staleVersion } from '../../lib/http-preconditions.js';

/** The SQL of stored documents and their versions; the rules are in documents.service.ts. */

type Db = Kysely<DB> | Transaction<DB>;

/** A case's documents (or one), newest first, with the name of whoever deleted them. */
export function findDocumentRows(db: Db, where: { caseId?: string; id?: string }) {
  let q = db
    .selectFrom('documents as d')
    .leftJoin('users as u', 'u.id', 'd.deleted_by')
    .selectAll('d')
    .select('u.display_name as deleted_by_name');
  if (where.caseId) q = q.where('d.case_id', '=', where.caseId);
  if (where.id) q = q.where('d.id', '=', where.id);
  return q.orderBy('d.created_at', 'desc').execute();
}

export type DocumentRow = Awaited<ReturnType<typeof findDocumentRows>>[number];

/** What an upload needs to know of the document it adds a version to. */
export function findDocumentSharing(db: Db, id: string) {
  return db
    .selectFrom('documents')
    .select(['id', 'shared_with', 'deleted_at', 'case_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The versions of these documents, newest first, with their uploaders' names. */
export function findVersionRows(db: Db, documentIds: string[]) {
  return db
    .selectFrom('document_versions as v')
    .leftJoin('users as u', 'u.id', 'v.uploaded_by')
    .selectAll('v')
    .select('u.display_name as uploaded_by_name')
    .where('v.document_id', 'in', documentIds)
    .orderBy('v.version', 'desc')
    .execute();
}

export function findVersion(db: Db, documentId: string, version: number) {
  return db
    .selectFrom('document_versions')
    .selectAll()
    .where('document_id', '=', documentId)
    .where('version', '=', version)
    .executeTakeFirst();
}

/** The columns a change of a document sets; its version, id and case are the writer's. */
export type DocumentPatch = Omit<
  Updateable<DB['documents']>,
  'id' | 'case_id' | 'version' | 'current_version' | 'created_at' | 'created_by' | 'updated_at'
>;

export interface DocumentWriteOptions {
  /** The version the change was decided on (If-Match): another is a 412. */
  expectedVersion?: number | undefined;
  /** A new version of the content was stored: `current_version` moves on by one. */
  addVersion?: boolean | undefined;
}

/**
 * The one writer of a document row: every change bumps `version` (the ETag), and with
 * `expectedVersion` only applies to that version (`WHERE version = $v`, else 412). Answers the
 * row's new `version` and `current_version`.
 */
export async function updateDocumentRow(
  db: Db,
  id: string,
  patch: DocumentPatch,
  now: Date,
  opts: DocumentWriteOptions = {},
): Promise<{ version: number; current_version: number }> {
  let query = db
    .updateTable('documents')
    .set((eb) => ({
      ...patch,
      ...(opts.addVersion ? { current_version: eb('current_version', '+', 1) } : {}),
      version: eb('version', '+', 1),
      updated_at: now,
    }))
    .where('id', '=', id);
  if (opts.expectedVersion !== undefined) query = query.where('version', '=', opts.expectedVersion);
  const row = await query.returning(['version', 'current_version']).executeTakeFirst();
  if (row) return row;
  const current = await db.selectFrom('documents').select('version').where('id', '=', id).executeTakeFirst();
  if (!current) throw notFound('Document');
  throw staleVersion(current.version);
}

/** A new document (its first version is added with `insertDocumentVersion`); answers its id. */
export async function insertDocument(db: Db, values: Insertable<DB['documents']>): Promise<string> {
  const row = await db.insertInto('documents').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function insertDocumentVersion(db: Db, values: Insertable<DB['document_versions']>) {
  await db.insertInto('document_versions').values(values).execute();
}

/** Every stored version's wrapped file key (for re-wrapping under a new master key). */
export function listVersionKeys(db: Db) {
  return db
    .selectFrom('document_versions')
    .select(['document_id', 'version', 'storage_prefix', 'wrapped_key'])
    .execute();
}

/** Replaces a version's wrapped key if it still holds `previous`; answers how many rows changed. */
export async function replaceVersionKey(
  db: Db,
  documentId: string,
  version: number,
  wrappedKey: string,
  previous: string,
): Promise<number> {
  const done = await db
    .updateTable('document_versions')
    .set({ wrapped_key: wrappedKey })
    .where('document_id', '=', documentId)
    .where('version', '=', version)
    .where('wrapped_key', '=', previous)
    .executeTakeFirst();
  return Number(done.numUpdatedRows);
}
