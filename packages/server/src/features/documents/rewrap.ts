import type { Database } from '../../db/create-db.js';
import { type FileKeyring, isWrapStale, rewrapFileKey } from '../../lib/stream-crypto.js';

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
  for (const v of versions) {
    if (!isWrapStale(v.wrapped_key, keyring)) continue;
    const wrapped = rewrapFileKey(v.wrapped_key, keyring, `upload:${uploadIdOf(v.storage_prefix)}`);
    const done = await db
      .updateTable('document_versions')
      .set({ wrapped_key: wrapped })
      .where('document_id', '=', v.document_id)
      .where('version', '=', v.version)
      .where('wrapped_key', '=', v.wrapped_key)
      .executeTakeFirst();
    count += Number(done.numUpdatedRows);
  }
  const uploads = await db
    .selectFrom('uploads')
    .select(['id', 'wrapped_key'])
    .where('state', '=', 'open')
    .execute();
  for (const u of uploads) {
    if (!isWrapStale(u.wrapped_key, keyring)) continue;
    const done = await db
      .updateTable('uploads')
      .set({ wrapped_key: rewrapFileKey(u.wrapped_key, keyring, `upload:${u.id}`) })
      .where('id', '=', u.id)
      .where('wrapped_key', '=', u.wrapped_key)
      .executeTakeFirst();
    count += Number(done.numUpdatedRows);
  }
  return count;
}
