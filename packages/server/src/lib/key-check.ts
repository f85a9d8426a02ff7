import fs from 'node:fs';
import { type Config, ConfigError } from '../config.js';
import type { Database } from '../db/create-db.js';
import type { FieldCrypto } from './field-crypto.js';
import { type FileKeyring, newFileKey, unwrapFileKey, wrapFileKey, wrappedKeyId } from './file-keys.js';
import { ENCRYPTED_COLUMNS } from './key-rotation.js';
import { loadFieldCrypto, loadFileKeyring } from './keys.js';
import {
  findKeyCheck,
  insertKeyCheck,
  type KeyCheckRow,
  someDocumentVersionKey,
  someUploadKey,
  someValueOf,
  updateKeyCheck,
} from './keys.repository.js';

/**
 * The keys a starting server uses, checked against the database (issue 16): a missing key file
 * is created only while the database holds no encrypted data, and a key file that does not
 * decrypt the database's known ciphertexts (table `key_check`) stops the start, naming the
 * problem, before anything is written under the wrong key.
 */
const KNOWN_TEXT = 'opennrm key check v1';
const FILE_CONTEXT = 'key-check';

export interface StartKeys {
  crypto: FieldCrypto;
  keyring: FileKeyring;
  /** A new key file was written (fresh installation): tell the operator to back it up. */
  created: boolean;
}

/** Where the field keys come from, as the operator named it. */
function fieldSource(config: Config) {
  return config.keys.encryptionKeys
    ? { name: 'ENCRYPTION_KEYS', what: 'the keys in ENCRYPTION_KEYS do', restore: 'the right keys' }
    : {
        name: 'KEY_FILE',
        what: `the key file ${config.keys.keyFile} does`,
        restore: 'the right key file',
      };
}

function fileSource(config: Config) {
  return config.keys.fileMasterKeys
    ? { name: 'FILE_MASTER_KEYS', what: 'the keys in FILE_MASTER_KEYS do', restore: 'the right keys' }
    : {
        name: 'KEY_FILE',
        what: `the key file ${config.keys.keyFile} does`,
        restore: 'the right key file',
      };
}

const keyIdOf = (ciphertext: string) => ciphertext.split(':')[1] ?? '?';

/** Some encrypted value the database holds (the key check first), or undefined when it holds none. */
async function someCiphertext(db: Database): Promise<string | undefined> {
  const check = await findKeyCheck(db);
  if (check) return check.field_check;
  for (const encrypted of ENCRYPTED_COLUMNS) {
    const value = await someValueOf(db, encrypted);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** Some wrapped document file key and the context it was wrapped for. */
async function someWrappedFileKey(db: Database): Promise<{ wrapped: string; context: string } | undefined> {
  const version = await someDocumentVersionKey(db);
  if (version) {
    return { wrapped: version.wrapped_key, context: `upload:${version.storage_prefix.split('/')[1] ?? ''}` };
  }
  const upload = await someUploadKey(db);
  return upload ? { wrapped: upload.wrapped_key, context: `upload:${upload.id}` } : undefined;
}

function decrypts(crypto: FieldCrypto, ciphertext: string, expected?: string): boolean {
  try {
    const text = crypto.decrypt(ciphertext);
    return expected === undefined || text === expected;
  } catch {
    return false;
  }
}

function unwraps(keyring: FileKeyring, wrapped: string, context: string): boolean {
  try {
    unwrapFileKey(wrapped, keyring, context);
    return true;
  } catch {
    return false;
  }
}

function wrongFieldKey(config: Config, ciphertext: string): ConfigError {
  const s = fieldSource(config);
  return new ConfigError([
    `${s.name}: ${s.what} not decrypt this database's data (key id ${keyIdOf(ciphertext)}): restore ${s.restore}`,
  ]);
}

function wrongFileKey(config: Config, wrapped: string): ConfigError {
  const s = fileSource(config);
  let id = '?';
  try {
    id = wrappedKeyId(wrapped);
  } catch {
    // not a wrapped key: the message says '?'
  }
  return new ConfigError([
    `${s.name}: ${s.what} not unwrap this database's document keys (master key id ${id}): restore ${s.restore}`,
  ]);
}

/**
 * Compares the keys with the database's key check, writing the check at first start (after
 * checking the keys against the data already there, for a database older than the check), and
 * moving it to the current keys after a rotation.
 */
export async function checkKeys(
  db: Database,
  config: Config,
  crypto: FieldCrypto,
  keyring: FileKeyring,
): Promise<void> {
  const row = await findKeyCheck(db);
  if (!row) {
    const sample = await someCiphertext(db);
    if (sample && !decrypts(crypto, sample)) throw wrongFieldKey(config, sample);
    const file = await someWrappedFileKey(db);
    if (file && !unwraps(keyring, file.wrapped, file.context)) throw wrongFileKey(config, file.wrapped);
    await insertKeyCheck(db, {
      field_check: crypto.encrypt(KNOWN_TEXT),
      blind_index_check: crypto.blindIndex(KNOWN_TEXT),
      file_check: wrapFileKey(newFileKey(), keyring, FILE_CONTEXT),
    });
    // Another instance starting at the same moment may have written its own: check that one.
    const written = await findKeyCheck(db);
    if (!written) throw new Error('The key check was not written');
    return checkRow(db, config, crypto, keyring, written);
  }
  return checkRow(db, config, crypto, keyring, row);
}

async function checkRow(
  db: Database,
  config: Config,
  crypto: FieldCrypto,
  keyring: FileKeyring,
  row: KeyCheckRow,
): Promise<void> {
  if (!decrypts(crypto, row.field_check, KNOWN_TEXT)) throw wrongFieldKey(config, row.field_check);
  if (crypto.blindIndex(KNOWN_TEXT) !== row.blind_index_check) {
    const name = config.keys.encryptionKeys ? 'BLIND_INDEX_KEY' : 'KEY_FILE';
    const what = config.keys.encryptionKeys
      ? 'BLIND_INDEX_KEY is not'
      : `the blind-index key in ${config.keys.keyFile} is not`;
    throw new ConfigError([
      `${name}: ${what} this database's (searches by document number would find nothing): restore the right key`,
    ]);
  }
  if (!unwraps(keyring, row.file_check, FILE_CONTEXT)) throw wrongFileKey(config, row.file_check);
  // After a new key was put first, the check moves to it, so the old key can be removed later.
  const updates: { field_check?: string; file_check?: string } = {};
  if (crypto.isStale(row.field_check)) updates.field_check = crypto.encrypt(KNOWN_TEXT);
  if (wrappedKeyId(row.file_check) !== keyring.currentKeyId) {
    updates.file_check = wrapFileKey(newFileKey(), keyring, FILE_CONTEXT);
  }
  if (updates.field_check || updates.file_check) {
    await updateKeyCheck(db, updates);
  }
}

/**
 * The keys for a starting server. Without ENCRYPTION_KEYS and without a key file, a new key
 * file is written only outside production and only while the database holds no encrypted
 * data; otherwise the start stops, naming the key id to restore. Then the keys are checked
 * against the database (`checkKeys`).
 */
export async function openKeys(config: Config, db: Database): Promise<StartKeys> {
  let created = false;
  if (!config.keys.encryptionKeys && !fs.existsSync(config.keys.keyFile)) {
    const held = config.env === 'production' ? undefined : await someCiphertext(db);
    if (held) {
      throw new ConfigError([
        `KEY_FILE: ${config.keys.keyFile} does not exist, but this database holds data encrypted with key id ${keyIdOf(held)}: restore that key file (or set ENCRYPTION_KEYS); no new key was made`,
      ]);
    }
    created = loadFieldCrypto(config, { create: true }).created;
  }
  const { crypto } = loadFieldCrypto(config);
  const { keyring } = loadFileKeyring(config);
  await checkKeys(db, config, crypto, keyring);
  return { crypto, keyring, created };
}
