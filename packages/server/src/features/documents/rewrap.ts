import type { Database } from '../../db/create-db.js';
import { type FileKeyring, rewrapAll } from '../../lib/file-keys.js';
import { listVersionKeys, replaceVersionKey } from './documents.repository.js';
import { uploadIdOf } from './files.js';
import { listOpenUploadKeys, replaceUploadKey } from './uploads.repository.js';

/**
 * Re-wraps every file key still under an older master key with the current one: document
 * versions and uploads in progress. Only the small wrapped keys change; the file contents stay
 * as they are. Each row is updated only if it still holds the key read (safe to run twice, or
 * while the server runs). Returns how many keys were re-wrapped.
 */
export async function rewrapDocumentKeys(db: Database, keyring: FileKeyring): Promise<number> {
  let count = 0;
  const versions = await listVersionKeys(db);
  const byId = new Map(versions.map((v) => [`${v.document_id}/${v.version}`, v]));
  const versionRows = versions.map((v) => ({
    id: `${v.document_id}/${v.version}`,
    wrappedKey: v.wrapped_key,
    uploadId: uploadIdOf(v.storage_prefix),
  }));
  for await (const r of rewrapAll(versionRows, keyring, (row) => `upload:${row.uploadId}`)) {
    const v = byId.get(r.id)!;
    count += await replaceVersionKey(db, v.document_id, v.version, r.wrappedKey, r.previous);
  }
  const uploads = await listOpenUploadKeys(db);
  const uploadRows = uploads.map((u) => ({ id: u.id, wrappedKey: u.wrapped_key }));
  for await (const r of rewrapAll(uploadRows, keyring, (row) => `upload:${row.id}`)) {
    count += await replaceUploadKey(db, r.id, r.wrappedKey, r.previous);
  }
  return count;
}
