import type { IntakeKind } from './contracts/cases.js';
import type { OrganisationKind, Role } from './roles.js';

/**
 * Every permission the server checks. One list, so a reviewer can read in one screen
 * what each role may do; the server guard and the web navigation both read it.
 */
export const PERMISSIONS = [
  'organisations.read',
  'organisations.manage',
  'users.read',
  'users.manage',
  'audit.read',
  'profile.manage_own',
  'cases.create',
  'cases.list',
  'cases.assign',
  'cases.screen',
  'cases.manage',
  'cases.access_log',
  'persons.search',
  'screening.publish',
  'referrals.send',
  'referrals.send_without_consent',
  'referrals.send_before_screening',
  'referrals.respond',
  'tasks.work',
  'cases.approve_closure',
  'cases.change_sop',
  'sop.read',
  'sop.manage',
  'calendar.manage',
  'notifications.own',
  'documents.upload',
  'documents.delete',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ALL_STAFF: readonly Permission[] = ['profile.manage_own', 'notifications.own'];
/** The NRM team's case work; which cases each role may open is decided by `caseAccess`. */
const CASE_WORK: readonly Permission[] = [
  'cases.create',
  'cases.list',
  'cases.screen',
  'cases.manage',
  'persons.search',
  'referrals.send',
  'tasks.work',
  'sop.read',
  'documents.upload',
];
/** What an agency does with the cases referred to it (`caseAccess` decides which). */
const AGENCY_WORK: readonly Permission[] = [
  'cases.list',
  'referrals.respond',
  'tasks.work',
  'documents.upload',
];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  administrator: [
    ...ALL_STAFF,
    'organisations.read',
    'organisations.manage',
    'users.read',
    'users.manage',
    'screening.publish',
    'sop.read',
    'sop.manage',
    'calendar.manage',
  ],
  nrm_supervisor: [
    ...ALL_STAFF,
    'organisations.read',
    ...CASE_WORK,
    'cases.assign',
    'cases.access_log',
    'cases.approve_closure',
    'cases.change_sop',
    'referrals.send_without_consent',
    // An urgent case, before its screening chose the SOP: the police cannot wait (issue 12).
    'referrals.send_before_screening',
    'documents.delete',
  ],
  nrm_case_manager: [...ALL_STAFF, 'organisations.read', ...CASE_WORK],
  agency_focal_point: [...ALL_STAFF, 'cases.create', ...AGENCY_WORK],
  agency_officer: [...ALL_STAFF, 'cases.create', ...AGENCY_WORK],
  shelter_staff: [...ALL_STAFF, ...AGENCY_WORK],
  hotline_operator: [...ALL_STAFF, 'cases.create', 'cases.list'],
  embassy_officer: [...ALL_STAFF, ...AGENCY_WORK],
  analyst: [...ALL_STAFF],
  auditor: [...ALL_STAFF, 'audit.read'],
};

/** The acting user as the policy sees them: nothing else may influence a decision. */
export interface Actor {
  userId: string;
  role: Role;
  organisationId: string;
  organisationKind: OrganisationKind;
  /** ISO 3166 country of an embassy; null for other organisations. */
  organisationCountry?: string | null;
  active: boolean;
}

export function permissionsOf(role: Role): readonly Permission[] {
  return ROLE_PERMISSIONS[role];
}

export function can(actor: Actor | undefined, permission: Permission): boolean {
  if (!actor?.active) return false;
  return ROLE_PERMISSIONS[actor.role].includes(permission);
}

/** Whether a role holds a permission (for a user who is not the actor: an assignee, an audience). */
export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** The roles that hold a permission: who may be assigned a case, who is told of an escalation. */
export function rolesWith(permission: Permission): Role[] {
  return (Object.keys(ROLE_PERMISSIONS) as Role[]).filter((r) => roleHas(r, permission));
}

/** The NRM team (case managers and supervisors): they manage every case. */
export function isNrmTeam(actor: Actor | undefined): boolean {
  return can(actor, 'cases.manage');
}

/** Which intake forms each role may log: the hotline logs calls, partners refer in, the NRM does all. */
const INTAKE_KINDS: Partial<Record<Role, readonly IntakeKind[]>> = {
  nrm_supervisor: ['walk_in', 'hotline', 'first_responder'],
  nrm_case_manager: ['walk_in', 'hotline', 'first_responder'],
  hotline_operator: ['hotline'],
  agency_focal_point: ['first_responder'],
  agency_officer: ['first_responder'],
};

export function intakeKindsFor(actor: Actor | undefined): readonly IntakeKind[] {
  if (!can(actor, 'cases.create')) return [];
  return intakeKindsForRole(actor!.role);
}

/** The same for a role (the web app asks it about the signed-in user's role). */
export function intakeKindsForRole(role: Role): readonly IntakeKind[] {
  return roleHas(role, 'cases.create') ? (INTAKE_KINDS[role] ?? []) : [];
}

/**
 * Named groups of roles, so that no module outside the policy spells a role: who is told of
 * what, and which SOP owner roles mean what.
 */
export const ROLE_GROUPS = {
  /** Decide closures, approvals and escalations at the NRM. */
  supervisors: ['nrm_supervisor'],
  /** SOP tasks owned by this role go to the case's assigned case manager. */
  caseManagers: ['nrm_case_manager'],
  /** Work on their organisation's tasks and referrals. */
  organisationWorkers: ['agency_focal_point', 'agency_officer', 'shelter_staff', 'embassy_officer'],
  /** Lead their organisation: escalations reach them (shelters and embassies have no focal-point role). */
  organisationLeads: ['agency_focal_point', 'shelter_staff', 'embassy_officer'],
} as const satisfies Record<string, readonly Role[]>;

/** Whether a role (an SOP task's owner role, a user's role) belongs to a named group. */
export function inRoleGroup(role: string | null | undefined, group: keyof typeof ROLE_GROUPS): boolean {
  return !!role && (ROLE_GROUPS[group] as readonly string[]).includes(role);
}

/** Roles that approve, configure or oversee must use a second factor (issue #2, ASVS 2.2). */
const MFA_REQUIRED: readonly Role[] = ['administrator', 'nrm_supervisor'];

export function mfaRequired(role: Role): boolean {
  return MFA_REQUIRED.includes(role);
}
