import { describe, expect, it } from 'vitest';
import type { CaseAccessFacts } from '../src/case-access.js';
import type { Actor } from '../src/policy.js';
import { organisationKindsForRole, ROLES } from '../src/roles.js';
import { taskAccess, taskOwnerOrganisation, taskScope } from '../src/task-access.js';

const actor = (role: Actor['role'], organisationId = 'org-a'): Actor => ({
  userId: 'u1',
  role,
  organisationId,
  organisationKind: organisationKindsForRole(role)[0]!,
  active: true,
});

const facts = (status: string | null, organisationId = 'org-a'): CaseAccessFacts => ({
  createdBy: null,
  personNationality: null,
  embassyConsentGiven: false,
  referrals: status ? [{ organisationId, sharedSections: ['person'], status }] : [],
});

const owned = { ownerOrganisationId: 'org-a', assigneeId: null };

describe('task access = case access + ownership', () => {
  it('gives the NRM every task of a case, with cancel and reassign', () => {
    expect(taskAccess(actor('nrm_case_manager', 'nrm'), facts(null), owned)).toEqual({
      read: true,
      write: true,
      manage: true,
    });
  });

  it('gives an organisation its own tasks while it holds an active referral, never cancel or reassign', () => {
    expect(taskAccess(actor('agency_officer'), facts('accepted'), owned)).toEqual({
      read: true,
      write: true,
      manage: false,
    });
    // Another organisation's task on the same case stays out of reach.
    expect(
      taskAccess(actor('agency_officer'), facts('accepted'), {
        ownerOrganisationId: 'org-b',
        assigneeId: null,
      }),
    ).toEqual({ read: false });
  });

  it('gives nothing on a case not referred to the organisation, even a task recorded as its own', () => {
    expect(taskAccess(actor('agency_officer'), facts(null), owned)).toEqual({ read: false });
    expect(taskAccess(actor('agency_officer'), facts('accepted', 'org-b'), owned)).toEqual({ read: false });
  });

  it('ends with the referral: revoked or declined', () => {
    for (const status of ['revoked', 'declined'])
      expect(taskAccess(actor('shelter_staff'), facts(status), owned), status).toEqual({ read: false });
  });

  it('does not open a case by itself: creator access without a referral owns no task', () => {
    const mine: CaseAccessFacts = { ...facts(null), createdBy: 'u1' };
    expect(
      taskAccess(actor('agency_officer'), mine, { ownerOrganisationId: null, assigneeId: 'u1' }),
    ).toEqual({
      read: false,
    });
  });

  it('gives roles without task work no tasks', () => {
    for (const role of ROLES) {
      const scope = taskScope(actor(role));
      if (['nrm_supervisor', 'nrm_case_manager'].includes(role)) expect(scope, role).toBe('all');
      else if (['agency_focal_point', 'agency_officer', 'shelter_staff', 'embassy_officer'].includes(role))
        expect(scope, role).toBe('owned');
      else expect(scope, role).toBe('none');
    }
  });
});

describe('task owner organisation', () => {
  const referrals = [
    { id: 'r1', organisationId: 'shelter-1', kind: 'shelter', status: 'revoked' },
    { id: 'r2', organisationId: 'shelter-2', kind: 'shelter', status: 'accepted' },
  ];
  it('is the organisation of an active referral, never an unreferred organisation of the kind', () => {
    expect(taskOwnerOrganisation('shelter', referrals, 'r2')).toEqual({
      organisationId: 'shelter-2',
      referralId: 'r2',
    });
    expect(taskOwnerOrganisation('shelter', referrals, 'r1')).toEqual({
      organisationId: 'shelter-2',
      referralId: null,
    });
    expect(taskOwnerOrganisation('international_organisation', referrals, null)).toBeNull();
    expect(taskOwnerOrganisation('shelter', [referrals[0]!], 'r1')).toBeNull();
  });
});
