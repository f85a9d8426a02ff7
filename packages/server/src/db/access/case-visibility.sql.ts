import {
  type Actor,
  type CaseSection,
  CREATOR_SECTION_LOST_ON_LINK,
  caseAccessGrants,
  REFERRAL_ACTIVE_STATUSES,
} from '@opennrm/domain';
import { type RawBuilder, type SqlBool, sql } from 'kysely';

/**
 * The SQL form of `caseAccess` in packages/domain: the same grants (`caseAccessGrants`)
 * turned into a row filter. Lists, searches, filters and counts use it; single reads use
 * `caseAccess` on the same facts, and test/case-filter-access.test.ts checks that the two
 * agree for every demo user, case and section. Expects the cases table aliased as `c`.
 */

/** Cases the actor may see at all (any section). */
export function caseVisibility(actor: Actor): RawBuilder<SqlBool> {
  return grantedFilter(actor, undefined);
}

/**
 * Cases on which the actor's access includes `section`. A filter on that section's data
 * (a person's name or nationality, the screening's category or risk) must be ANDed with
 * this, so it cannot match what the caller may not see.
 */
export function caseSectionVisible(actor: Actor, section: CaseSection): RawBuilder<SqlBool> {
  return grantedFilter(actor, section);
}

function grantedFilter(actor: Actor, section: CaseSection | undefined): RawBuilder<SqlBool> {
  const grants = caseAccessGrants(actor);
  if (grants.all) return sql<SqlBool>`true`;
  const parts: RawBuilder<SqlBool>[] = [];
  const creatorOpens = section ? grants.creator.includes(section) : grants.creator.length > 0;
  if (creatorOpens) {
    // A link to an existing person takes that section from the creator; with nothing else left, the case too.
    const lostOnLink = section
      ? section === CREATOR_SECTION_LOST_ON_LINK
      : grants.creator.every((s) => s === CREATOR_SECTION_LOST_ON_LINK);
    parts.push(
      lostOnLink
        ? sql<SqlBool>`(c.created_by = ${actor.userId} AND c.duplicate_check <> 'linked_existing')`
        : sql<SqlBool>`c.created_by = ${actor.userId}`,
    );
  }
  if (grants.referral) parts.push(referredTo(actor, section));
  const nationals = grants.embassyNationals;
  if (nationals && (!section || nationals.sections.includes(section))) {
    parts.push(sql<SqlBool>`(EXISTS (SELECT 1 FROM persons ep WHERE ep.id = c.person_id AND ep.nationality = ${nationals.country})
        AND (SELECT cs.status FROM consents cs WHERE cs.case_id = c.id AND cs.purpose = 'embassy_contact'
             AND cs.organisation_id IS NULL ORDER BY cs.recorded_at DESC, cs.id DESC LIMIT 1) = 'given')`);
  }
  if (parts.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`(${sql.join(parts, sql` OR `)})`;
}

/** An active referral of the case to the actor's organisation shares `section` (or anything). */
function referredTo(actor: Actor, section: CaseSection | undefined): RawBuilder<SqlBool> {
  const shares = section
    ? sql<SqlBool>`${section} = ANY(r.shared_sections)`
    : sql<SqlBool>`cardinality(r.shared_sections) > 0`;
  return sql<SqlBool>`EXISTS (
        SELECT 1 FROM referrals r
        WHERE r.case_id = c.id AND r.organisation_id = ${actor.organisationId}
          AND r.status IN (${sql.join([...REFERRAL_ACTIVE_STATUSES])})
          AND ${shares})`;
}
