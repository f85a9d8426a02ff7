import { type Actor, type AuditAction, seesDocument, timelineEntryDetails } from '@opennrm/domain';
import type { AuditContext } from '../../lib/act-context.js';
import type { Services } from '../../services.js';
import { recordAudit } from '../audit/index.js';
import {
  caseAccessLogRows,
  caseTimelineRows,
  documentSharingOfCase,
  referralOrganisationsOfCase,
} from './case-timeline.repository.js';
import { readableCase, readCaseSection } from './cases.service.js';

/** Audit actions that are reads, kept out of the case timeline (they are in the access log). */
const READ_ACTIONS: readonly AuditAction[] = [
  'case.viewed',
  'case.listed',
  'person.viewed',
  'audit.viewed',
  'procedure_map.viewed',
];

/** Everything that happened to the case, in order, as the reader may see it. */
export async function caseTimeline(services: Services, ctx: AuditContext, actor: Actor, caseId: string) {
  const access = await readCaseSection(services, ctx, actor, caseId, 'timeline');
  // The referrals and documents the entries are about, as their own access rules see them.
  const [referrals, documents] = await Promise.all([
    referralOrganisationsOfCase(services.db, caseId),
    documentSharingOfCase(services.db, caseId),
  ]);
  const referralOrg = new Map(referrals.map((r) => [r.id, r.organisation_id]));
  const sharedWith = new Map(documents.map((d) => [d.id, d.shared_with]));
  // In the query already: other organisations' referrals and documents not shared are left out.
  const restrict =
    access.read && access.reason !== 'nrm'
      ? {
          referralIds: referrals.filter((r) => r.organisation_id === actor.organisationId).map((r) => r.id),
          documentIds: documents.filter((d) => seesDocument(access, actor, d.shared_with)).map((d) => d.id),
        }
      : undefined;
  const rows = await caseTimelineRows(services.db, caseId, READ_ACTIONS, restrict);
  const items = [];
  for (const r of rows) {
    const raw = r.details ?? {};
    const referralId = typeof raw.referralId === 'string' ? raw.referralId : null;
    const documentId = typeof raw.documentId === 'string' ? raw.documentId : null;
    // Who did what: case content stays in its section; what is not the reader's is left out.
    const details = timelineEntryDetails(actor, access, {
      action: r.action,
      actorUserId: r.actor_user_id,
      details: raw,
      referralOrganisationId: referralId ? (referralOrg.get(referralId) ?? null) : null,
      documentSharedWith: documentId ? (sharedWith.get(documentId) ?? null) : null,
    });
    if (!details) continue;
    items.push({
      id: String(r.id),
      at: r.occurred_at.toISOString(),
      action: r.action,
      actor: r.actor_username,
      details,
    });
  }
  return { items };
}

/** Who accessed the case (supervisors); reading it is audited too. */
export async function caseAccessLog(services: Services, ctx: AuditContext, actor: Actor, caseId: string) {
  await readableCase(services, ctx, actor, caseId);
  const rows = await caseAccessLogRows(services.db, caseId);
  await recordAudit(
    services.db,
    ctx,
    { action: 'audit.viewed', targetType: 'case', targetId: caseId, details: { accessLog: true } },
    services.now(),
  );
  return {
    items: rows.map((r) => ({
      at: r.occurred_at.toISOString(),
      actor: r.actor_username,
      action: r.action,
      outcome: r.outcome,
    })),
  };
}
