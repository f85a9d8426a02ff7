import { canonicalJson } from '../../lib/canonical-json.js';
import { sha256Hex } from '../../lib/tokens.js';

export { canonicalJson };

/** The hash the first row chains from. */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditContent {
  id: string;
  occurredAt: string;
  actorUserId: string | null;
  actorUsername: string | null;
  actorOrganisationId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: string;
  requestId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

/**
 * `canonicalJson(content)` for the fixed shape of an audit row, without sorting its keys on
 * every row (verification hashes every row of the trail): the keys below are in sorted order.
 */
export function canonicalContent(c: AuditContent): string {
  const s = (v: string | null) => (v === null || v === undefined ? 'null' : JSON.stringify(v));
  return (
    `{"action":${s(c.action)},"actorOrganisationId":${s(c.actorOrganisationId)},` +
    `"actorUserId":${s(c.actorUserId)},"actorUsername":${s(c.actorUsername)},` +
    `"details":${canonicalJson(c.details)},"id":${s(c.id)},"ip":${s(c.ip)},` +
    `"occurredAt":${s(c.occurredAt)},"outcome":${s(c.outcome)},"requestId":${s(c.requestId)},` +
    `"targetId":${s(c.targetId)},"targetType":${s(c.targetType)}}`
  );
}

export function chainHash(prevHash: string, content: AuditContent): string {
  return sha256Hex(`${prevHash}\n${canonicalContent(content)}`);
}
