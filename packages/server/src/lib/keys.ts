import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { type Config, ConfigError } from '../config.js';
import { createFieldCrypto, type FieldCrypto, newKeyMaterial, parseKeyring } from './field-crypto.js';

const KeyFile = z.object({
  blindIndexKey: z.string(),
  keys: z.array(z.object({ id: z.string(), key: z.string() })).min(1),
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
  const tmp = `${filePath}.tmp`;
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
  const file: KeyFile = { blindIndexKey: newKeyMaterial(), keys: [{ id: 'k1', key: newKeyMaterial() }] };
  writeKeyFile(keyFile, file);
  return { crypto: fromFile(file), created: true };
}

/** A throw-away keyring, for tests and benchmarks. */
export function ephemeralFieldCrypto(): FieldCrypto {
  return fromFile({ blindIndexKey: newKeyMaterial(), keys: [{ id: 'test', key: newKeyMaterial() }] });
}
