import { type CaseAccessFacts, caseAccess, REFERRAL_ACTIVE_STATUSES } from './case-access.js';
import { type Actor, can } from './policy.js';

/** Who a task belongs to, as the access rule sees it. */
export interface TaskOwnershipFacts {
  /** The organisation that owns the task (an SOP owner kind resolved, or named by hand). */
  ownerOrganisationId: string | null;
  /** The user the task was given to, if any. */
  assigneeId: string | null;
}

export type TaskAccess =
  | { read: false }
  | {
      read: true;
      /** Complete, reopen, note on it. */
      write: true;
      /** Cancel or reassign it (the NRM). */
      manage: boolean;
    };

/**
 * Which tasks an actor may reach at all, before the case's facts: `all` (the NRM: every task
 * of a case it may open), `owned` (an organisation: the tasks it owns on cases it holds through
 * an active referral), `none`. The server's SQL filter for task lists and counts follows it.
 */
export type TaskScope = 'all' | 'owned' | 'none';

const NO_CASE_FACTS: CaseAccessFacts = {
  createdBy: null,
  personNationality: null,
  embassyConsentGiven: false,
  referrals: [],
};

export function taskScope(actor: Actor): TaskScope {
  if (!actor.active) return 'none';
  // Whoever may open a case without any relation to it is the NRM: every task is theirs to see.
  if (caseAccess(actor, NO_CASE_FACTS).read) return 'all';
  return can(actor, 'tasks.work') ? 'owned' : 'none';
}

/** The organisation holds the case through a referral that is still active. */
export function holdsActiveReferral(
  referrals: readonly { organisationId: string; status: string }[],
  organisationId: string,
): boolean {
  return referrals.some(
    (r) =>
      r.organisationId === organisationId &&
      (REFERRAL_ACTIVE_STATUSES as readonly string[]).includes(r.status),
  );
}

/**
 * Task access (issue 9, hole 7) = access to the case + ownership. The NRM reaches every task of
 * a case it may open, and alone cancels or reassigns. An organisation's user reaches a task
 * only when they may open the case, the task is their organisation's (or given to them), and
 * their organisation holds an active referral on the case: an organisation owns tasks only
 * through such a referral, so a task recorded for it before (or after) that referral is out of
 * its reach, and a revoked or declined referral ends access to its tasks at once.
 */
export function taskAccess(actor: Actor, caseFacts: CaseAccessFacts, task: TaskOwnershipFacts): TaskAccess {
  const scope = taskScope(actor);
  if (scope === 'none') return { read: false };
  const access = caseAccess(actor, caseFacts);
  if (!access.read) return { read: false };
  if (scope === 'all') return { read: true, write: true, manage: true };
  const mine = task.ownerOrganisationId === actor.organisationId || task.assigneeId === actor.userId;
  if (!mine || !holdsActiveReferral(caseFacts.referrals, actor.organisationId)) return { read: false };
  return { read: true, write: true, manage: false };
}

/**
 * The organisation an SOP task owned by an organisation kind goes to: the organisation its own
 * referral went to, else one of that kind the case is referred to, while that referral is
 * active. None otherwise: the task stays with the NRM. There is no "only organisation of that
 * kind" owner: an organisation without an active referral never owns a task on the case.
 */
export function taskOwnerOrganisation(
  ownerKind: string,
  referrals: readonly { id: string; organisationId: string; kind: string; status: string }[],
  taskReferralId: string | null,
): { organisationId: string; referralId: string | null } | null {
  const active = referrals.filter((r) => (REFERRAL_ACTIVE_STATUSES as readonly string[]).includes(r.status));
  const own = taskReferralId ? active.find((r) => r.id === taskReferralId) : undefined;
  if (own) return { organisationId: own.organisationId, referralId: own.id };
  const byKind = active.find((r) => r.kind === ownerKind);
  return byKind ? { organisationId: byKind.organisationId, referralId: null } : null;
}
