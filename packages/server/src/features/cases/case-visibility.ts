import { type Actor, REFERRAL_ACTIVE_STATUSES } from '@opennrm/domain';
import { type RawBuilder, type SqlBool, sql } from 'kysely';

/**
 * The SQL form of `caseAccess` in packages/domain: which cases an actor may see at all.
 * Lists, searches and counts use this filter; single reads use `caseAccess` on the same
 * facts, and a test checks the two agree for every role and relation.
 * Expects the cases table aliased as `c`.
 */
export function caseVisibility(actor: Actor): RawBuilder<SqlBool> {
  if (!actor.active) return sql<SqlBool>`false`;
  switch (actor.role) {
    case 'nrm_supervisor':
    case 'nrm_case_manager':
      return sql<SqlBool>`true`;
    case 'hotline_operator':
      return sql<SqlBool>`c.created_by = ${actor.userId}`;
    case 'agency_focal_point':
    case 'agency_officer':
    case 'shelter_staff':
      return sql<SqlBool>`(c.created_by = ${actor.userId} OR ${referredTo(actor)})`;
    case 'embassy_officer': {
      if (!actor.organisationCountry) return referredTo(actor);
      return sql<SqlBool>`(${referredTo(actor)} OR (EXISTS (SELECT 1 FROM persons p WHERE p.id = c.person_id AND p.nationality = ${actor.organisationCountry})
        AND (SELECT cs.status FROM consents cs WHERE cs.case_id = c.id AND cs.purpose = 'embassy_contact'
             ORDER BY cs.recorded_at DESC, cs.id DESC LIMIT 1) = 'given'))`;
    }
    default:
      return sql<SqlBool>`false`;
  }
}

/** The case is referred to the actor's organisation, the referral is active and shares something. */
function referredTo(actor: Actor): RawBuilder<SqlBool> {
  return sql<SqlBool>`EXISTS (
        SELECT 1 FROM referrals r
        WHERE r.case_id = c.id AND r.organisation_id = ${actor.organisationId}
          AND r.status IN (${sql.join([...REFERRAL_ACTIVE_STATUSES])})
          AND cardinality(r.shared_sections) > 0)`;
}
