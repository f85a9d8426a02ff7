import {
  createHash,
  createPrivateKey,
  createPublicKey,
  hkdfSync,
  type KeyObject,
  randomBytes,
} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { type Config, ConfigError } from '../config.js';
import { createFieldCrypto, type FieldCrypto, newKeyMaterial, parseKeyring } from './field-crypto.js';
import { createFileKeyring, type FileKeyring } from './file-keys.js';

const KeyFile = z.object({
  blindIndexKey: z.string(),
  keys: z.array(z.object({ id: z.string(), key: z.string() })).min(1),
  /** Master keys wrapping stored files' keys, wrapping key first; absent in key files older than 0008. */
  fileMasterKeys: z
    .array(z.object({ id: z.string(), key: z.string() }))
    .min(1)
    .optional(),
  /** Ed25519 key signing audit checkpoints (PKCS#8 DER, base64); absent in key files older than 0009. */
  auditSigningKey: z.object({ id: z.string(), privateKey: z.string() }).optional(),
});
type KeyFile = z.infer<typeof KeyFile>;

function fromFile(file: KeyFile): FieldCrypto {
  return createFieldCrypto(
    file.keys.map((k) => ({ id: k.id, key: Buffer.from(k.key, 'base64') })),
    Buffer.from(file.blindIndexKey, 'base64'),
  );
}

export function readKeyFile(filePath: string): KeyFile {
  return KeyFile.parse(JSON.parse(fs.readFileSync(filePath, 'utf8')));
}

export function writeKeyFile(filePath: string, file: KeyFile) {
  fs.mkdirSync(path.dirname(filePath), { recursive: true });
  // A name of its own: two processes writing at once must not rename each other's half-written file.
  const tmp = `${filePath}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, filePath);
}

/** A new key id: unique, so a key made by mistake never shares its id with the right one. */
export function newKeyId(prefix: 'k' | 'f'): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

/** A new key file: field keys, blind-index key and file master keys, all random. */
function newKeyFile(): KeyFile {
  return {
    blindIndexKey: newKeyMaterial(),
    keys: [{ id: newKeyId('k'), key: newKeyMaterial() }],
    fileMasterKeys: [{ id: newKeyId('f'), key: newKeyMaterial() }],
  };
}

/**
 * Keys come from ENCRYPTION_KEYS + BLIND_INDEX_KEY, or from the key file. A missing key file
 * is created only with `create` (never in production): the server's start passes it after
 * checking that the database holds no encrypted data yet (`openKeys` in key-check.ts), so that
 * `npm start` works on a fresh clone; everywhere else a missing key is an error.
 */
export function loadFieldCrypto(
  config: Config,
  options: { create?: boolean } = {},
): { crypto: FieldCrypto; created: boolean } {
  const { encryptionKeys, blindIndexKey, keyFile } = config.keys;
  try {
    if (encryptionKeys) {
      if (!blindIndexKey) throw new ConfigError(['BLIND_INDEX_KEY: required when ENCRYPTION_KEYS is set']);
      return {
        crypto: createFieldCrypto(parseKeyring(encryptionKeys), Buffer.from(blindIndexKey, 'base64')),
        created: false,
      };
    }
    if (fs.existsSync(keyFile)) return { crypto: fromFile(readKeyFile(keyFile)), created: false };
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError([`ENCRYPTION_KEYS / KEY_FILE: ${(error as Error).message}`]);
  }
  if (config.env === 'production' || !options.create) {
    throw new ConfigError([
      `ENCRYPTION_KEYS or KEY_FILE: no encryption key configured and ${keyFile} does not exist`,
    ]);
  }
  const file = newKeyFile();
  writeKeyFile(keyFile, file);
  return { crypto: fromFile(file), created: true };
}

/** A throw-away keyring, for tests and benchmarks. */
export function ephemeralFieldCrypto(): FieldCrypto {
  return fromFile({ blindIndexKey: newKeyMaterial(), keys: [{ id: 'test', key: newKeyMaterial() }] });
}

function fileKeyringFrom(entries: { id: string; key: string }[]): FileKeyring {
  return createFileKeyring(entries.map((k) => ({ id: k.id, key: Buffer.from(k.key, 'base64') })));
}

/**
 * The first file master key of a key file written before stored files were encrypted
 * (docs/decisions/0008): derived from the file's blind-index key, so that every instance
 * upgrading at once arrives at the same key even if they race to write it down.
 */
export function derivedFileMasterKey(file: KeyFile): { id: string; key: string } {
  const ikm = Buffer.from(file.blindIndexKey, 'base64');
  const key = Buffer.from(hkdfSync('sha256', ikm, Buffer.alloc(0), 'opennrm file master key f0 v1', 32));
  return { id: 'f0', key: key.toString('base64') };
}

/**
 * Master keys for stored files come from FILE_MASTER_KEYS, or from the key file's
 * `fileMasterKeys`. A key file without that entry (written by an older version) gets one,
 * derived from its blind-index key. A missing key file is never created here (see
 * `loadFieldCrypto`). `created` says the key file gained a file master key: log it, the
 * file must be backed up again.
 */
export function loadFileKeyring(config: Config): { keyring: FileKeyring; created: boolean } {
  const { fileMasterKeys, encryptionKeys, keyFile } = config.keys;
  let file: KeyFile | undefined;
  try {
    if (fileMasterKeys) {
      let parsed: ReturnType<typeof parseKeyring>;
      try {
        parsed = parseKeyring(fileMasterKeys);
      } catch {
        throw new Error('each entry must be id:base64key');
      }
      return { keyring: createFileKeyring(parsed), created: false };
    }
    if (fs.existsSync(keyFile)) {
      file = readKeyFile(keyFile);
      if (file.fileMasterKeys) return { keyring: fileKeyringFrom(file.fileMasterKeys), created: false };
    }
  } catch (error) {
    throw new ConfigError([`FILE_MASTER_KEYS / KEY_FILE: ${(error as Error).message}`]);
  }
  if (file) {
    const upgraded: KeyFile = { ...file, fileMasterKeys: [derivedFileMasterKey(file)] };
    try {
      writeKeyFile(keyFile, upgraded);
    } catch (error) {
      throw new ConfigError([
        `KEY_FILE: cannot add fileMasterKeys to ${keyFile} (${(error as Error).message}); set FILE_MASTER_KEYS instead`,
      ]);
    }
    return { keyring: fileKeyringFrom(upgraded.fileMasterKeys!), created: true };
  }
  if (encryptionKeys) {
    throw new ConfigError([
      'FILE_MASTER_KEYS: required when ENCRYPTION_KEYS is set and there is no key file',
    ]);
  }
  throw new ConfigError([
    `FILE_MASTER_KEYS or KEY_FILE: no file master key configured and ${keyFile} does not exist`,
  ]);
}

/** Puts a new file master key first in the key file (it wraps from the next start); answers its id. */
export function addFileMasterKey(keyFile: string): string {
  const file = readKeyFile(keyFile);
  const id = `f${Date.now().toString(36)}`;
  const current = file.fileMasterKeys ?? [derivedFileMasterKey(file)];
  writeKeyFile(keyFile, { ...file, fileMasterKeys: [{ id, key: newKeyMaterial() }, ...current] });
  return id;
}

/** A throw-away file master keyring, for tests and benchmarks. */
export function ephemeralFileKeyring(): FileKeyring {
  return createFileKeyring([{ id: 'test', key: randomBytes(32) }]);
}

/** The Ed25519 key that signs audit checkpoints (docs/decisions/0009). */
export interface AuditSigningKey {
  /** The first 16 hex digits of SHA-256 over the public key (SPKI DER): names the key in checkpoints. */
  id: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** PKCS#8 DER of an Ed25519 private key is this prefix followed by the 32-byte seed (RFC 8410). */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export function auditKeyId(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

/** An audit signing key from its PKCS#8 DER in base64 (AUDIT_SIGNING_KEY, the key file). */
export function auditSigningKeyFrom(pkcs8Base64: string): AuditSigningKey {
  const privateKey = createPrivateKey({
    key: Buffer.from(pkcs8Base64, 'base64'),
    format: 'der',
    type: 'pkcs8',
  });
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new Error('the audit signing key must be an Ed25519 key');
  const publicKey = createPublicKey(privateKey);
  return { id: auditKeyId(publicKey), privateKey, publicKey };
}

function auditKeyFromSeed(seed: Buffer): string {
  return Buffer.concat([ED25519_PKCS8_PREFIX, seed]).toString('base64');
}

/**
 * The audit signing key a key file gets when it has none: derived from its blind-index key,
 * so that every instance upgrading at once arrives at the same key (as `derivedFileMasterKey`).
 */
export function derivedAuditSigningKey(file: KeyFile): { id: string; privateKey: string } {
  const ikm = Buffer.from(file.blindIndexKey, 'base64');
  const seed = Buffer.from(hkdfSync('sha256', ikm, Buffer.alloc(0), 'opennrm audit signing key v1', 32));
  const privateKey = auditKeyFromSeed(seed);
  return { id: auditSigningKeyFrom(privateKey).id, privateKey };
}

/** A new random audit signing key, as AUDIT_SIGNING_KEY takes it (PKCS#8 DER, base64). */
export function newAuditSigningKeyMaterial(): string {
  return auditKeyFromSeed(randomBytes(32));
}

/** A throw-away audit signing key, for tests and benchmarks. */
export function ephemeralAuditSigningKey(): AuditSigningKey {
  return auditSigningKeyFrom(newAuditSigningKeyMaterial());
}

/**
 * The configured audit signing key: AUDIT_SIGNING_KEY, or the key file's `auditSigningKey`.
 * Undefined when neither holds one; never creates one (see `addAuditSigningKey`).
 */
export function readAuditSigningKey(config: Config): AuditSigningKey | undefined {
  const { auditSigningKey, keyFile } = config.keys;
  try {
    if (auditSigningKey) return auditSigningKeyFrom(auditSigningKey);
    if (fs.existsSync(keyFile)) {
      const file = readKeyFile(keyFile);
      if (file.auditSigningKey) return auditSigningKeyFrom(file.auditSigningKey.privateKey);
    }
  } catch (error) {
    throw new ConfigError([`AUDIT_SIGNING_KEY / KEY_FILE: ${(error as Error).message}`]);
  }
  return undefined;
}

/**
 * Writes an audit signing key into the key file, derived from its blind-index key; the caller
 * has checked that no checkpoint in the database was signed by another key. Without a key file
 * (keys from the environment) the key must come from AUDIT_SIGNING_KEY.
 */
export function addAuditSigningKey(config: Config): AuditSigningKey {
  const { keyFile } = config.keys;
  if (!fs.existsSync(keyFile)) {
    throw new ConfigError([
      `AUDIT_SIGNING_KEY: required when there is no key file (${keyFile}); create one with: npm run cli -- audit:key-new`,
    ]);
  }
  const file = readKeyFile(keyFile);
  const entry = file.auditSigningKey ?? derivedAuditSigningKey(file);
  try {
    writeKeyFile(keyFile, { ...file, auditSigningKey: entry });
  } catch (error) {
    throw new ConfigError([
      `KEY_FILE: cannot add auditSigningKey to ${keyFile} (${(error as Error).message}); set AUDIT_SIGNING_KEY instead`,
    ]);
  }
  return auditSigningKeyFrom(entry.privateKey);
}
