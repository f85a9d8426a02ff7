import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { FieldCrypto } from './field-crypto.js';
import { type EncryptedColumn, replaceValue, valuesNotUnder } from './keys.repository.js';

/** Every application-encrypted column, with the key that identifies its rows. */
export const ENCRYPTED_COLUMNS = [
  { table: 'users', key: 'id', column: 'totp_secret' },
  { table: 'users', key: 'id', column: 'totp_pending_secret' },
  { table: 'persons', key: 'id', column: 'phone_enc' },
  { table: 'identity_documents', key: 'id', column: 'number_enc' },
  { table: 'cases', key: 'id', column: 'narrative_enc' },
  { table: 'screenings', key: 'case_id', column: 'answers_enc' },
  { table: 'screenings', key: 'case_id', column: 'override_reason_enc' },
  { table: 'tasks', key: 'id', column: 'note_enc' },
  { table: 'referrals', key: 'id', column: 'message_enc' },
  { table: 'referrals', key: 'id', column: 'reason_enc' },
  { table: 'referrals', key: 'id', column: 'outcome_enc' },
  { table: 'referrals', key: 'id', column: 'consent_override_reason_enc' },
  { table: 'referrals', key: 'id', column: 'onward_message_enc' },
  // Tables keyed by two columns: the row's physical id narrows the update, the old value guards it.
  { table: 'follow_up_contacts', key: 'ctid', column: 'situation_enc' },
  { table: 'documents', key: 'id', column: 'title_enc' },
  { table: 'documents', key: 'id', column: 'delete_reason_enc' },
  { table: 'document_versions', key: 'ctid', column: 'file_name_enc' },
  { table: 'uploads', key: 'id', column: 'metadata_enc' },
  { table: 'uploads', key: 'id', column: 'file_name_enc' },
  // The known ciphertext checked at start (key-check.ts) moves to the new key with the data.
  { table: 'key_check', key: 'id', column: 'field_check' },
] as const satisfies readonly EncryptedColumn[];

export interface RotationProgress {
  table: string;
  column: string;
  rewritten: number;
}

/**
 * Re-encrypts every value that an older key encrypted under the current (first) key, in
 * batches, each batch in its own transaction. Safe to interrupt and run again; the blind
 * indexes do not change, because they use the separate index key.
 */
export async function rotateEncryptedFields(
  db: Kysely<DB>,
  crypto: FieldCrypto,
  onProgress: (p: RotationProgress) => void = () => {},
  batchSize = 500,
): Promise<number> {
  const currentPrefix = `v1:${crypto.currentKeyId}:`;
  let total = 0;
  for (const encrypted of ENCRYPTED_COLUMNS) {
    const { table, column } = encrypted;
    let rewritten = 0;
    for (;;) {
      const rows = await valuesNotUnder(db, encrypted, currentPrefix, batchSize);
      if (rows.length === 0) break;
      await db.transaction().execute(async (trx) => {
        for (const row of rows) {
          await replaceValue(trx, encrypted, row.k, row.v, crypto.encrypt(crypto.decrypt(row.v)));
        }
      });
      rewritten += rows.length;
      onProgress({ table, column, rewritten });
    }
    total += rewritten;
  }
  return total;
}
