import type { Me } from '@opennrm/domain';
import { hasPermission } from './sections';

/** Page modules, loaded on first use; `preloadPages` fetches them ahead once signed in. */
export const pages = {
  profile: () => import('../profile/profile-page'),
  profileMfa: () => import('../profile/profile-mfa-page'),
  organisations: () => import('../organisations/organisations-page'),
  organisationNew: () => import('../organisations/organisation-new-page'),
  organisationEdit: () => import('../organisations/organisation-edit-page'),
  users: () => import('../users/users-page'),
  userNew: () => import('../users/user-new-page'),
  userEdit: () => import('../users/user-edit-page'),
  audit: () => import('../audit/audit-page'),
  sops: () => import('../sops/sop-list-page'),
  sop: () => import('../sops/sop-page'),
  sopCompare: () => import('../sops/sop-compare-page'),
  sopEdit: () => import('../sops/sop-edit-page'),
  calendar: () => import('../sops/calendar-page'),
  cases: () => import('../cases/case-list-page'),
  case: () => import('../cases/case-page'),
  intake: () => import('../intake/intake-start-page'),
  walkIn: () => import('../intake/walk-in-page'),
  walkInCase: () => import('../intake/walk-in-case-page'),
  hotline: () => import('../intake/hotline-page'),
  referral: () => import('../intake/referral-page'),
  inbox: () => import('../referrals/inbox-page'),
  notifications: () => import('../notifications/notifications-page'),
  tasks: () => import('../workflow/my-tasks-page'),
};

/** Fetches the code of the pages this user may open, so moving between them is instant. */
export function preloadPages(me: Me): void {
  const wanted: (keyof typeof pages)[] = ['profile', 'profileMfa'];
  if (hasPermission(me, 'organisations.read')) wanted.push('organisations', 'organisationEdit');
  if (hasPermission(me, 'organisations.manage')) wanted.push('organisationNew');
  if (hasPermission(me, 'users.read')) wanted.push('users', 'userEdit');
  if (hasPermission(me, 'users.manage')) wanted.push('userNew');
  if (hasPermission(me, 'audit.read')) wanted.push('audit');
  if (hasPermission(me, 'sop.read')) wanted.push('sops', 'sop');
  if (hasPermission(me, 'cases.list')) wanted.push('cases', 'case');
  if (hasPermission(me, 'cases.create')) wanted.push('intake', 'hotline', 'referral');
  if (hasPermission(me, 'cases.manage')) wanted.push('walkIn', 'walkInCase');
  if (hasPermission(me, 'referrals.respond')) wanted.push('inbox');
  if (hasPermission(me, 'notifications.own')) wanted.push('notifications');
  if (hasPermission(me, 'tasks.work')) wanted.push('tasks');
  for (const name of wanted) void pages[name]().catch(() => undefined);
}
