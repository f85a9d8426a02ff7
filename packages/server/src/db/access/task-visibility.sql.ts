import { type Actor, REFERRAL_ACTIVE_STATUSES, taskScope } from '@opennrm/domain';
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { caseVisibility } from './case-visibility.sql.js';

/**
 * The SQL form of `taskAccess` in packages/domain: task access = access to the case + ownership.
 * Task lists, "my tasks", "my organisation's tasks" and their counts use it; a single task's
 * read or change uses `taskAccess` on the same facts. Expects the tasks table aliased as `t`
 * and its case as `c`.
 */
export function taskVisibility(actor: Actor): RawBuilder<SqlBool> {
  switch (taskScope(actor)) {
    case 'all':
      return caseVisibility(actor);
    case 'owned':
      return sql<SqlBool>`(${caseVisibility(actor)}
        AND (t.owner_organisation_id = ${actor.organisationId} OR t.assignee_id = ${actor.userId})
        AND EXISTS (
          SELECT 1 FROM referrals tr
          WHERE tr.case_id = t.case_id AND tr.organisation_id = ${actor.organisationId}
            AND tr.status IN (${sql.join([...REFERRAL_ACTIVE_STATUSES])})))`;
    default:
      return sql<SqlBool>`false`;
  }
}
