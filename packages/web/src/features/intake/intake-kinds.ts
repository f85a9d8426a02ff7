import type { IntakeKind, Me } from '@opennrm/domain';
import { hasPermission } from '../shell/sections';

/** Where each intake form lives. */
export const INTAKE_PATHS: Record<IntakeKind, string> = {
  walk_in: '/intake/walk-in',
  hotline: '/intake/hotline',
  first_responder: '/intake/referral',
};

/**
 * The intake forms this user may use, as the server decides: the NRM team all three, the
 * hotline logs calls, partner agencies refer people in.
 */
export function intakeKindsFor(me: Me | null): IntakeKind[] {
  if (!me || !hasPermission(me, 'cases.create')) return [];
  switch (me.role) {
    case 'nrm_supervisor':
    case 'nrm_case_manager':
      return ['walk_in', 'hotline', 'first_responder'];
    case 'hotline_operator':
      return ['hotline'];
    case 'agency_focal_point':
    case 'agency_officer':
      return ['first_responder'];
    default:
      return [];
  }
}
