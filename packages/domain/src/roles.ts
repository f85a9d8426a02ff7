import { z } from 'zod';

/** Kinds of organisation that take part in a National Referral Mechanism (DOMAIN.md, "Actors"). */
export const OrganisationKind = z.enum([
  'coordinator',
  'hotline',
  'labour_inspection',
  'grievances',
  'human_rights_institution',
  'shelter',
  'police',
  'prosecution_justice',
  'health',
  'embassy',
  'international_organisation',
  'first_responder',
]);
export type OrganisationKind = z.infer<typeof OrganisationKind>;
export const ORGANISATION_KINDS = OrganisationKind.options;

export const Role = z.enum([
  'administrator',
  'nrm_supervisor',
  'nrm_case_manager',
  'agency_focal_point',
  'agency_officer',
  'shelter_staff',
  'hotline_operator',
  'embassy_officer',
  'analyst',
  'auditor',
]);
export type Role = z.infer<typeof Role>;
export const ROLES = Role.options;

/**
 * Which organisation kinds a role may belong to. A role held in the wrong kind of
 * organisation would widen need-to-know (an embassy officer at the coordinator would
 * otherwise see every case), so the pairing is checked whenever a user is saved.
 */
/** The agencies the NRM refers to: their focal points and officers work cases referred to them. */
const AGENCY_KINDS: readonly OrganisationKind[] = [
  'labour_inspection',
  'grievances',
  'human_rights_institution',
  'shelter',
  'police',
  'prosecution_justice',
  'health',
  'international_organisation',
  'first_responder',
];

const ROLE_ORGANISATION_KINDS: Record<Role, readonly OrganisationKind[]> = {
  administrator: ['coordinator'],
  nrm_supervisor: ['coordinator'],
  nrm_case_manager: ['coordinator'],
  agency_focal_point: AGENCY_KINDS,
  agency_officer: AGENCY_KINDS,
  shelter_staff: ['shelter'],
  hotline_operator: ['hotline', 'coordinator'],
  embassy_officer: ['embassy'],
  analyst: ['coordinator'],
  auditor: ['coordinator'],
};

export function organisationKindsForRole(role: Role): readonly OrganisationKind[] {
  return ROLE_ORGANISATION_KINDS[role];
}

export function roleFitsOrganisation(role: Role, kind: OrganisationKind): boolean {
  return ROLE_ORGANISATION_KINDS[role].includes(kind);
}
