import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { FieldKey } from './field-crypto.js';

/**
 * The keys of stored files (see stream-crypto.ts for the content format): every file has its
 * own random 256-bit file key, kept only wrapped (AES-256-GCM) by a master key, so rotating
 * the master key rewraps 32-byte keys, not gigabytes of content. See docs/decisions/0008.
 */

/** A file key is 32 bytes; anything else is a programming error. */
export function checkFileKey(fileKey: Buffer) {
  if (fileKey.length !== 32) throw new Error('a file key must be 32 bytes');
}

/**
 * Master keys that wrap file keys: `currentKeyId` wraps, every key unwraps. From
 * FILE_MASTER_KEYS or the key file's `fileMasterKeys` (`loadFileKeyring` in keys.ts).
 */
export interface FileKeyring {
  readonly currentKeyId: string;
  readonly keys: ReadonlyMap<string, Buffer>;
}

/** A keyring from `id`/`key` pairs, the wrapping (newest) key first. */
export function createFileKeyring(keys: FieldKey[]): FileKeyring {
  const first = keys[0];
  if (!first) throw new Error('At least one file master key is required');
  const map = new Map<string, Buffer>();
  for (const k of keys) {
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(k.id)) throw new Error(`File master key id ${k.id} is not valid`);
    if (k.key.length !== 32) throw new Error(`File master key ${k.id} must be 32 bytes`);
    if (map.has(k.id)) throw new Error(`File master key id ${k.id} appears twice`);
    map.set(k.id, k.key);
  }
  return { currentKeyId: first.id, keys: map };
}

/** A fresh random 256-bit key for one file. */
export function newFileKey(): Buffer {
  return randomBytes(32);
}

const WRAP_PREFIX = 'fk1';

function wrapAad(keyId: string, context: string): Buffer {
  return Buffer.from(`opennrm file key v1\0${keyId}\0${context}`, 'utf8');
}

/**
 * Wraps a file key: `fk1:<master key id>:<iv>:<ciphertext>:<tag>` (base64url), AES-256-GCM
 * with AAD binding the purpose, the master key id and `context`. Pass the document's id as
 * `context` so a wrapped key moved to another document's row does not unwrap there.
 */
export function wrapFileKey(fileKey: Buffer, keyring: FileKeyring, context = ''): string {
  checkFileKey(fileKey);
  const keyId = keyring.currentKeyId;
  const master = keyring.keys.get(keyId);
  if (!master) throw new Error(`File master key ${keyId} is missing from the keyring`);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', master, iv, { authTagLength: 16 });
  cipher.setAAD(wrapAad(keyId, context));
  const ct = Buffer.concat([cipher.update(fileKey), cipher.final()]);
  return [WRAP_PREFIX, keyId, iv, ct, cipher.getAuthTag()]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join(':');
}

/** The master key id a wrapped key was made with. */
export function wrappedKeyId(wrapped: string): string {
  const [prefix, keyId] = wrapped.split(':');
  if (prefix !== WRAP_PREFIX || !keyId) throw new Error('Not an OpenNRM wrapped file key');
  return keyId;
}

export function unwrapFileKey(wrapped: string, keyring: FileKeyring, context = ''): Buffer {
  const parts = wrapped.split(':');
  const [prefix, keyId, iv, ct, tag] = parts;
  if (parts.length !== 5 || prefix !== WRAP_PREFIX || !keyId || !iv || !ct || !tag) {
    throw new Error('Not an OpenNRM wrapped file key');
  }
  const master = keyring.keys.get(keyId);
  if (!master) {
    throw new Error(`Unknown file master key id ${keyId}: add it to FILE_MASTER_KEYS or the key file`);
  }
  const decipher = createDecipheriv('aes-256-gcm', master, Buffer.from(iv, 'base64url'), {
    authTagLength: 16,
  });
  decipher.setAAD(wrapAad(keyId, context));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  let key: Buffer;
  try {
    key = Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]);
  } catch {
    throw new Error(`Wrapped file key does not unwrap under master key ${keyId} (damaged or wrong context)`);
  }
  if (key.length !== 32) throw new Error('Wrapped file key has the wrong length');
  return key;
}

/** Whether a wrapped key was made with an older master key (rewrap needed). */
export function isWrapStale(wrapped: string, keyring: FileKeyring): boolean {
  return wrappedKeyId(wrapped) !== keyring.currentKeyId;
}

/** The same file key, wrapped under the keyring's current master key. */
export function rewrapFileKey(wrapped: string, keyring: FileKeyring, context = ''): string {
  return wrapFileKey(unwrapFileKey(wrapped, keyring, context), keyring, context);
}

export interface WrappedKeyRow {
  id: string;
  wrappedKey: string;
}

export interface Rewrapped {
  id: string;
  /** The value read: update only `WHERE id = :id AND wrapped_key = :previous`. */
  previous: string;
  wrappedKey: string;
}

/**
 * For `files:rewrap`: yields a new wrapped key for every row still under an older master
 * key, and skips the current ones, so a second run yields nothing. The caller writes each
 * result (in batches, conditionally on `previous`). `contextOf` must answer the context the
 * key was wrapped with (e.g. `(row) => row.id` when keys are bound to their document id).
 */
export async function* rewrapAll<R extends WrappedKeyRow>(
  rows: AsyncIterable<R> | Iterable<R>,
  keyring: FileKeyring,
  contextOf: (row: R) => string = () => '',
): AsyncGenerator<Rewrapped> {
  for await (const row of rows) {
    if (!isWrapStale(row.wrappedKey, keyring)) continue;
    yield {
      id: row.id,
      previous: row.wrappedKey,
      wrappedKey: rewrapFileKey(row.wrappedKey, keyring, contextOf(row)),
    };
  }
}
