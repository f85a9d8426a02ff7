import type { Me } from '@opennrm/domain';
import { hasPermission } from '../../lib/permissions';
import { notificationsPages } from '../notifications';

/**
 * Page modules, loaded on first use; `preloadPages` fetches them ahead once signed in. A
 * feature's index is itself loaded on demand (its components stay out of the first download),
 * except notifications', which the shell uses anyway (the bell).
 */
export const pages = {
  profile: () => import('../profile').then((m) => m.profilePages.profile()),
  profileMfa: () => import('../profile').then((m) => m.profilePages.profileMfa()),
  organisations: () => import('../organisations').then((m) => m.organisationsPages.organisations()),
  organisationNew: () => import('../organisations').then((m) => m.organisationsPages.organisationNew()),
  organisationEdit: () => import('../organisations').then((m) => m.organisationsPages.organisationEdit()),
  users: () => import('../users').then((m) => m.usersPages.users()),
  userNew: () => import('../users').then((m) => m.usersPages.userNew()),
  userEdit: () => import('../users').then((m) => m.usersPages.userEdit()),
  audit: () => import('../audit').then((m) => m.auditPages.audit()),
  sops: () => import('../sops').then((m) => m.sopsPages.sops()),
  sop: () => import('../sops').then((m) => m.sopsPages.sop()),
  sopCompare: () => import('../sops').then((m) => m.sopsPages.sopCompare()),
  sopEdit: () => import('../sops').then((m) => m.sopsPages.sopEdit()),
  calendar: () => import('../sops').then((m) => m.sopsPages.calendar()),
  cases: () => import('../cases').then((m) => m.casesPages.cases()),
  case: () => import('../cases').then((m) => m.casesPages.case()),
  intake: () => import('../intake').then((m) => m.intakePages.intake()),
  walkIn: () => import('../intake').then((m) => m.intakePages.walkIn()),
  walkInCase: () => import('../intake').then((m) => m.intakePages.walkInCase()),
  hotline: () => import('../intake').then((m) => m.intakePages.hotline()),
  referral: () => import('../intake').then((m) => m.intakePages.referral()),
  inbox: () => import('../referrals').then((m) => m.referralsPages.inbox()),
  notifications: () => notificationsPages.notifications(),
  tasks: () => import('../tasks').then((m) => m.tasksPages.tasks()),
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
