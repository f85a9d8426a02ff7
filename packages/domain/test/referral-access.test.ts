import { describe, expect, it } from 'vitest';
import type { Actor } from '../src/policy.js';
import { embassyReferralTarget, referralAccess } from '../src/referral-access.js';
import { organisationKindsForRole, ROLES } from '../src/roles.js';
import { DEFAULT_SOPS } from '../src/sop/default-sops.js';
import { explainEmbassyBlockers, referralFulfils, sopReferralById } from '../src/sop/evaluate.js';

const actor = (role: Actor['role'], organisationId = 'org'): Actor => ({
  userId: 'u',
  role,
  organisationId,
  organisationKind: organisationKindsForRole(role)[0]!,
  active: true,
});

describe('embassy referrals', () => {
  it('go to the embassy of nationality, or to another only when the person named it', () => {
    const base = { personNationality: 'PH', embassyCountry: 'PH', namedConsent: 'none' } as const;
    expect(embassyReferralTarget(base)).toEqual({ allowed: true, basis: 'nationality' });
    expect(embassyReferralTarget({ ...base, embassyCountry: 'IN' }).allowed).toBe(false);
    expect(embassyReferralTarget({ ...base, embassyCountry: 'IN', namedConsent: 'refused' }).allowed).toBe(
      false,
    );
    expect(embassyReferralTarget({ ...base, embassyCountry: 'IN', namedConsent: 'given' })).toEqual({
      allowed: true,
      basis: 'named_consent',
    });
    // An unknown nationality matches no embassy.
    expect(embassyReferralTarget({ ...base, personNationality: null }).allowed).toBe(false);
  });

  it("do not fulfil the SOP's embassy-of-nationality step from another embassy, and say when none exists", () => {
    const sop = DEFAULT_SOPS.find((s) =>
      s.stages.some((st) => st.referrals.some((r) => r.id === 'embassy')),
    )!;
    const step = sopReferralById(sop, 'embassy')!;
    const sent = { organisationKind: 'embassy', purpose: step.purpose } as const;
    expect(referralFulfils(step, sent)).toBe(true);
    expect(referralFulfils(step, { ...sent, embassyOfNationality: true })).toBe(true);
    expect(referralFulfils(step, { ...sent, embassyOfNationality: false })).toBe(false);
    const missing = [{ code: 'REQUIRED_REFERRAL_MISSING' as const, ref: 'embassy' }];
    expect(explainEmbassyBlockers(sop, missing, { embassyOfNationalityExists: true })).toEqual(missing);
    expect(explainEmbassyBlockers(sop, missing, { embassyOfNationalityExists: false })).toEqual([
      { code: 'NO_EMBASSY_OF_NATIONALITY', ref: 'embassy' },
    ]);
  });
});

describe('referral access', () => {
  it('ends for the receiving organisation when the referral is revoked or declined', () => {
    const embassy = actor('embassy_officer');
    for (const status of ['sent', 'acknowledged', 'accepted', 'in_progress', 'completed']) {
      expect(referralAccess(embassy, { organisationId: 'org', status })).toMatchObject({
        read: true,
        view: 'full',
        respond: true,
      });
    }
    for (const status of ['revoked', 'declined']) {
      expect(referralAccess(embassy, { organisationId: 'org', status })).toEqual({
        read: true,
        view: 'ended',
        respond: false,
        requestOnward: false,
        revoke: false,
      });
    }
  });

  it('shows a referral to no other organisation and lets only the NRM revoke', () => {
    for (const role of ROLES) {
      const access = referralAccess(actor(role, 'other'), { organisationId: 'org', status: 'sent' });
      const nrm = role === 'nrm_supervisor' || role === 'nrm_case_manager';
      expect(access.read, role).toBe(nrm);
      if (access.read) expect(access.revoke).toBe(true);
    }
  });
});
