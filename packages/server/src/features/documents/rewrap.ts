import type { Database } from '../../db/create-db.js';
import { type FileKeyring, rewrapAll } from '../../lib/file-keys.js';

/** The upload a stored version came from: its key is bound to it (`uploads/<id>[/clean]`). */
const uploadIdOf = (prefix: string) => prefix.split('/')[1] ?? '';

/**
 * Re-wraps every file key still under an older master key with the current one: document
 * versions and uploads in progress. Only the small wrapped keys change; the file contents stay
 * as they are. Each row is updated only if it still holds the key read (safe to run twice, or
 * while the server runs). Returns how many keys were re-wrapped.
 */
export async function rewrapDocumentKeys(db: Database, keyring: FileKeyring): Promise<number> {
  let count = 0;
  const versions = await db
    .selectFrom('document_versions')
    .select(['document_id', 'version', 'storage_prefix', 'wrapped_key'])
    .execute();
  const byId = new Map(versions.map((v) => [`${v.document_id}/${v.version}`, v]));
  const versionRows = versions.map((v) => ({
    id: `${v.document_id}/${v.version}`,
    wrappedKey: v.wrapped_key,
    uploadId: uploadIdOf(v.storage_prefix),
  }));
  for await (const r of rewrapAll(versionRows, keyring, (row) => `upload:${row.uploadId}`)) {
    const v = byId.get(r.id)!;
    const done = await db
      .updateTable('document_versions')
      .set({ wrapped_key: r.wrappedKey })
      .where('document_id', '=', v.document_id)
      .where('version', '=', v.version)
      .where('wrapped_key', '=', r.previous)
      .executeTakeFirst();
    count += Number(done.numUpdatedRows);
  }
  const uploads = await db
    .selectFrom('uploads')
    .select(['id', 'wrapped_key'])
    .where('state', '=', 'open')
    .execute();
  const uploadRows = uploads.map((u) => ({ id: u.id, wrappedKey: u.wrapped_key }));
  for await (const r of rewrapAll(uploadRows, keyring, (row) => `upload:${row.id}`)) {
    const done = await db
      .updateTable('uploads')
      .set({ wrapped_key: r.wrappedKey })
      .where('id', '=', r.id)
      .where('wrapped_key', '=', r.previous)
      .executeTakeFirst();
    count += Number(done.numUpdatedRows);
  }
  return count;
}
