import { hkdfSync, randomBytes } from 'node:crypto';
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

/**
 * Keys come from ENCRYPTION_KEYS + BLIND_INDEX_KEY, or from the key file. Outside
 * production a missing key file is created, so `npm start` works on a fresh clone; in
 * production a missing key is a start-up error, never a silent new key.
 */
export function loadFieldCrypto(config: Config): { crypto: FieldCrypto; created: boolean } {
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
  if (config.env === 'production') {
    throw new ConfigError([
      `ENCRYPTION_KEYS or KEY_FILE: no encryption key configured and ${keyFile} does not exist`,
    ]);
  }
  const file: KeyFile = {
    blindIndexKey: newKeyMaterial(),
    keys: [{ id: 'k1', key: newKeyMaterial() }],
    fileMasterKeys: [{ id: 'f1', key: newKeyMaterial() }],
  };
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
 * derived from its blind-index key; outside production a missing key file is created, as
 * by `loadFieldCrypto`. `created` says the key file gained a file master key: log it, the
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
  if (config.env === 'production') {
    throw new ConfigError([
      `FILE_MASTER_KEYS or KEY_FILE: no file master key configured and ${keyFile} does not exist`,
    ]);
  }
  const created: KeyFile = {
    blindIndexKey: newKeyMaterial(),
    keys: [{ id: 'k1', key: newKeyMaterial() }],
    fileMasterKeys: [{ id: 'f1', key: newKeyMaterial() }],
  };
  writeKeyFile(keyFile, created);
  return { keyring: fileKeyringFrom(created.fileMasterKeys!), created: true };
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
