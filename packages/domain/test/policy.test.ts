import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Actor, can, mfaRequired, PERMISSIONS, permissionsOf } from '../src/policy.js';
import { ORGANISATION_KINDS, organisationKindsForRole, ROLES, roleFitsOrganisation } from '../src/roles.js';

const actor = (role: Actor['role'], active = true): Actor => ({
  userId: 'u',
  role,
  organisationId: 'o',
  organisationKind: organisationKindsForRole(role)[0]!,
  active,
});

describe('policy', () => {
  it('lets only administrators manage organisations and users', () => {
    for (const role of ROLES) {
      expect(can(actor(role), 'users.manage'), role).toBe(role === 'administrator');
      expect(can(actor(role), 'organisations.manage'), role).toBe(role === 'administrator');
      expect(can(actor(role), 'users.read'), role).toBe(role === 'administrator');
    }
  });

  it('lets only auditors read the audit trail; administrators cannot audit themselves', () => {
    expect(ROLES.filter((r) => can(actor(r), 'audit.read'))).toEqual(['auditor']);
  });

  it('lets every staff role manage its own profile', () => {
    for (const role of ROLES) expect(can(actor(role), 'profile.manage_own')).toBe(true);
  });

  it('denies everything to a missing or deactivated actor', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ROLES), fc.constantFrom(...PERMISSIONS), (role, permission) => {
        expect(can(actor(role, false), permission)).toBe(false);
        expect(can(undefined, permission)).toBe(false);
      }),
    );
  });

  it('decides a permission from the role alone: the same role always gets the same answer', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ROLES),
        fc.constantFrom(...PERMISSIONS),
        fc.uuid(),
        fc.uuid(),
        (role, permission, userId, organisationId) => {
          const a = { ...actor(role), userId, organisationId };
          expect(can(a, permission)).toBe(permissionsOf(role).includes(permission));
        },
      ),
    );
  });

  it('requires a second factor for administrators and supervisors', () => {
    expect(ROLES.filter(mfaRequired)).toEqual(['administrator', 'nrm_supervisor']);
  });
});

describe('roles and organisations', () => {
  it('places every role in at least one kind of organisation', () => {
    for (const role of ROLES) expect(organisationKindsForRole(role).length).toBeGreaterThan(0);
  });

  it('keeps NRM-wide roles in the coordinator and embassy officers in embassies', () => {
    for (const role of [
      'administrator',
      'nrm_supervisor',
      'nrm_case_manager',
      'analyst',
      'auditor',
    ] as const) {
      expect(organisationKindsForRole(role)).toEqual(['coordinator']);
    }
    expect(ORGANISATION_KINDS.filter((k) => roleFitsOrganisation('embassy_officer', k))).toEqual(['embassy']);
    expect(roleFitsOrganisation('agency_officer', 'coordinator')).toBe(false);
    expect(roleFitsOrganisation('agency_officer', 'embassy')).toBe(false);
  });
});
