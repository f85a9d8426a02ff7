/** Shared by `http.bench.ts` and the server process it starts (`http-server.ts`). */
import { createHash } from 'node:crypto';
import { loadConfig } from '../src/config.js';
import { createFieldCrypto, type FieldCrypto } from '../src/lib/field-crypto.js';
import { type AuditSigningKey, auditSigningKeyFrom } from '../src/lib/keys.js';

/**
 * Fixed, public field keys: benchmark data only. Fixed so a database seeded by an earlier run
 * (BENCH_DATABASE_URL) can be read again by the next one without reseeding.
 */
export function benchCrypto(): FieldCrypto {
  const key = (label: string) => createHash('sha256').update(`opennrm-http-bench:${label}`).digest();
  return createFieldCrypto([{ id: 'bench', key: key('field') }], key('index'));
}

/** A fixed, public audit checkpoint key (Ed25519 from a fixed seed), for the same reason. */
export function benchAuditKey(): AuditSigningKey {
  const seed = createHash('sha256').update('opennrm-http-bench:audit').digest();
  // PKCS#8 DER of an Ed25519 private key: this prefix, then the 32-byte seed (RFC 8410).
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  return auditSigningKeyFrom(pkcs8.toString('base64'));
}

/** Limits that would turn load into 429s are lifted; everything else is the default configuration. */
export function benchConfig(env: Record<string, string> = {}) {
  return loadConfig({
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000000',
    LOGIN_MAX_FAILURES_PER_USER: '1000000',
    LOGIN_MAX_FAILURES_PER_IP: '1000000',
    ...env,
  });
}
