import { type IntakeKind, intakeKindsForRole, type Me } from '@opennrm/domain';
import { hasPermission } from './permissions';

/** Where each intake form lives. */
export const INTAKE_PATHS: Record<IntakeKind, string> = {
  walk_in: '/intake/walk-in',
  hotline: '/intake/hotline',
  first_responder: '/intake/referral',
};

/** The intake forms this user may use: the domain policy decides, as it does on the server. */
export function intakeKindsFor(me: Me | null): IntakeKind[] {
  if (!me || !hasPermission(me, 'cases.create')) return [];
  return [...intakeKindsForRole(me.role)];
}
