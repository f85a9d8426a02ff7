import type { Config } from './config.js';
import type { Database } from './db/create-db.js';
import type { FieldCrypto } from './lib/field-crypto.js';

/** What every feature service needs; passed in, never imported as a singleton. */
export interface Services {
  config: Config;
  db: Database;
  /** The clock, so tests can move time (session timeouts, lockouts, TOTP steps). */
  now: () => Date;
  /** Encrypts sensitive fields and computes their blind indexes. */
  crypto: FieldCrypto;
}
