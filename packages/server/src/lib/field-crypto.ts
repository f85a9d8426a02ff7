import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Application-level encryption of sensitive fields (identity-document numbers, phone
 * numbers, narratives): AES-256-GCM with a random 96-bit nonce per value, so the database,
 * its backups and its logs only ever hold ciphertext.
 *
 * Keys form a keyring: the first key encrypts, every key decrypts, so a new key can be
 * introduced and old values re-encrypted at leisure (`npm run cli -- rotate-keys`).
 * Equality search uses a blind index: HMAC-SHA-256 of the normalised value under a key
 * derived from the *index* key, which is fixed per installation and never rotates with
 * the encryption keys (rotating it means recomputing every index).
 */
export interface FieldKey {
  id: string;
  key: Buffer;
}

export interface FieldCrypto {
  encrypt(plaintext: string): string;
  decrypt(ciphertext: string): string;
  /** Hex HMAC of an already normalised value; same input, same output. */
  blindIndex(normalised: string): string;
  /** Whether a ciphertext was made with an older key (rotation needed). */
  isStale(ciphertext: string): boolean;
  currentKeyId: string;
}

const PREFIX = 'v1';

export function createFieldCrypto(keys: FieldKey[], indexKey: Buffer): FieldCrypto {
  const primary = keys[0];
  if (!primary) throw new Error('At least one encryption key is required');
  for (const k of keys) {
    if (k.key.length !== 32) throw new Error(`Encryption key ${k.id} must be 32 bytes`);
  }
  const byId = new Map(keys.map((k) => [k.id, k.key]));
  const hmacKey = Buffer.from(hkdfSync('sha256', indexKey, Buffer.alloc(0), 'opennrm blind index v1', 32));

  return {
    currentKeyId: primary.id,
    encrypt(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', primary.key, iv);
      cipher.setAAD(Buffer.from(`${PREFIX}:${primary.id}`));
      const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [
        PREFIX,
        primary.id,
        iv.toString('base64url'),
        ct.toString('base64url'),
        tag.toString('base64url'),
      ].join(':');
    },
    decrypt(ciphertext) {
      const [prefix, keyId, iv, ct, tag] = ciphertext.split(':');
      if (prefix !== PREFIX || !keyId || iv === undefined || ct === undefined || tag === undefined) {
        throw new Error('Not an OpenNRM ciphertext');
      }
      const key = byId.get(keyId);
      if (!key)
        throw new Error(`Unknown encryption key id ${keyId}: add it to ENCRYPTION_KEYS to read old data`);
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(`${PREFIX}:${keyId}`));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      // Small values: the whole plaintext is authenticated by final() before it is returned.
      return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    },
    blindIndex(normalised) {
      return createHmac('sha256', hmacKey).update(normalised, 'utf8').digest('hex');
    },
    isStale(ciphertext) {
      return ciphertext.split(':')[1] !== primary.id;
    },
  };
}

/** Parses `ENCRYPTION_KEYS`: comma-separated `id:base64key` entries, newest (encrypting) first. */
export function parseKeyring(spec: string): FieldKey[] {
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const [id, b64] = entry.split(':');
      if (!id || !b64 || !/^[A-Za-z0-9_-]{1,32}$/.test(id)) {
        throw new Error('each ENCRYPTION_KEYS entry must be id:base64key');
      }
      return { id, key: Buffer.from(b64, 'base64') };
    });
}

export function newKeyMaterial(): string {
  return randomBytes(32).toString('base64');
}
