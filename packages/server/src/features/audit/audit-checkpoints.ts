import { createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { type AuditCheckpoint, AuditCheckpointExport } from '@opennrm/domain';
import type { Kysely } from 'kysely';
import { type Config, ConfigError } from '../../config.js';
import type { DB } from '../../db/schema.js';
import { type AuditSigningKey, addAuditSigningKey, readAuditSigningKey } from '../../lib/keys.js';
import { allCheckpoints, type CheckpointRow, latestCheckpoint } from './audit.repository.js';

/** The exact bytes a checkpoint's signature covers. */
export function checkpointMessage(cp: Pick<AuditCheckpoint, 'size' | 'headHash' | 'signedAt'>): Buffer {
  return Buffer.from(`opennrm-audit-checkpoint/v1\n${cp.size}\n${cp.headHash}\n${cp.signedAt}`, 'utf8');
}

export function signCheckpoint(
  key: AuditSigningKey,
  cp: Pick<AuditCheckpoint, 'size' | 'headHash' | 'signedAt'>,
): AuditCheckpoint {
  const signature = sign(null, checkpointMessage(cp), key.privateKey).toString('base64');
  return { ...cp, keyId: key.id, signature };
}

export function checkpointSignatureValid(cp: AuditCheckpoint, publicKey: KeyObject): boolean {
  try {
    return verify(null, checkpointMessage(cp), publicKey, Buffer.from(cp.signature, 'base64'));
  } catch {
    return false;
  }
}

export function fromCheckpointRow(row: CheckpointRow): AuditCheckpoint {
  return {
    size: String(row.size),
    headHash: row.head_hash,
    signedAt: row.signed_at.toISOString(),
    keyId: row.key_id,
    signature: row.signature,
  };
}

export function publicKeyBase64(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'der' }).toString('base64');
}

/** Every checkpoint, with the public key that signed them: what a partner keeps as a witness. */
export async function exportCheckpoints(
  db: Kysely<DB>,
  key: AuditSigningKey | undefined,
): Promise<AuditCheckpointExport> {
  const rows = await allCheckpoints(db);
  return {
    format: 'opennrm-audit-checkpoints/v1',
    keys: key ? [{ id: key.id, publicKey: publicKeyBase64(key.publicKey) }] : [],
    checkpoints: rows.map(fromCheckpointRow),
  };
}

/** A witness file's checkpoints, each with the public key (from the same file) that signed it. */
export function parseWitness(text: string): { checkpoints: AuditCheckpoint[]; keys: Map<string, KeyObject> } {
  const parsed = AuditCheckpointExport.parse(JSON.parse(text));
  const keys = new Map<string, KeyObject>();
  for (const k of parsed.keys) {
    keys.set(k.id, createPublicKey({ key: Buffer.from(k.publicKey, 'base64'), format: 'der', type: 'spki' }));
  }
  return { checkpoints: parsed.checkpoints, keys };
}

/**
 * The key the sequencer signs checkpoints with: AUDIT_SIGNING_KEY or the key file's. A key
 * file without one gets one, but only while the database holds no checkpoint: if checkpoints
 * signed by some key exist, that key must be configured (a new key would silently make every
 * earlier checkpoint unverifiable). Start-up stops with the key id to restore.
 */
export async function loadAuditSigner(
  config: Config,
  db: Kysely<DB>,
): Promise<{ key: AuditSigningKey; created: boolean }> {
  const configured = readAuditSigningKey(config);
  const latest = await latestCheckpoint(db);
  if (configured) {
    if (latest && latest.key_id !== configured.id) {
      throw new ConfigError([
        `AUDIT_SIGNING_KEY / KEY_FILE: the audit checkpoints in the database are signed by key ${latest.key_id}, but the configured key is ${configured.id}; configure the key that signed them`,
      ]);
    }
    return { key: configured, created: false };
  }
  if (latest) {
    throw new ConfigError([
      `AUDIT_SIGNING_KEY / KEY_FILE: no audit signing key is configured, but the database holds checkpoints signed by key ${latest.key_id}; restore that key (a new one is not created when checkpoints exist)`,
    ]);
  }
  return { key: addAuditSigningKey(config), created: true };
}
