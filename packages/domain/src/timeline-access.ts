import { auditDetailsForReader, type CaseAccess } from './case-access.js';
import type { CaseSection } from './contracts/cases.js';
import type { Actor } from './policy.js';

/** One entry of a case's timeline (an audit event on the case), with what decides who sees it. */
export interface TimelineEntryFacts {
  action: string;
  actorUserId: string | null;
  details: Record<string, unknown>;
  /** The organisation the entry's referral went to, when the entry is about a referral. */
  referralOrganisationId?: string | null;
  /** The organisations the entry's document is shared with now, when it is about a document. */
  documentSharedWith?: readonly string[] | null;
}

/** Entries about a section's content need that section, as reading the section itself does. */
const SECTION_OF_ACTION: readonly [string, CaseSection][] = [
  ['consent.', 'consents'],
  ['party.', 'parties'],
  ['screening.', 'screening'],
  ['person.', 'person'],
];

/** Details only the NRM reads: a document's fingerprint, whom it is shared with, what an export held. */
const NRM_ONLY_DETAILS: ReadonlySet<string> = new Set(['sha256', 'sharedWith', 'documents']);

/** A document may be seen: by the NRM; by an organisation it is shared with, on a case referred to it. */
export function seesDocument(access: CaseAccess, actor: Actor, sharedWith: readonly string[]): boolean {
  if (!access.read) return false;
  if (access.reason === 'nrm') return true;
  return access.reason === 'referral' && sharedWith.includes(actor.organisationId);
}

/**
 * The details of a timeline entry as this reader may see them, or null when the entry is not
 * theirs to see (issue 9, hole 8). The NRM sees every entry; anyone else, on a case they may
 * open: the referrals to their own organisation, the documents shared with it (without their
 * SHA-256 or whom else they are shared with), their own exports, and the entries about the
 * sections they may read. Case content is dropped for everyone (`auditDetailsForReader`).
 */
export function timelineEntryDetails(
  actor: Actor,
  access: CaseAccess,
  entry: TimelineEntryFacts,
): Record<string, unknown> | null {
  if (!access.read) return null;
  const details = auditDetailsForReader(entry.details);
  if (access.reason === 'nrm') return details;
  const section = SECTION_OF_ACTION.find(([prefix]) => entry.action.startsWith(prefix))?.[1];
  if (section && !access.sections.includes(section)) return null;
  if (entry.action.startsWith('referral.')) {
    if (!entry.referralOrganisationId || entry.referralOrganisationId !== actor.organisationId) return null;
  }
  if (entry.action.startsWith('document.') || entry.action.startsWith('upload.')) {
    if (!entry.documentSharedWith || !seesDocument(access, actor, entry.documentSharedWith)) return null;
  }
  if (entry.action.startsWith('task.') || entry.action.startsWith('dossier.')) {
    // Tasks and exports are the NRM's and each requester's own.
    if (entry.actorUserId !== actor.userId) return null;
  }
  return Object.fromEntries(Object.entries(details).filter(([k]) => !NRM_ONLY_DETAILS.has(k)));
}
