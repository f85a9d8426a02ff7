import type { Me, Permission } from '@opennrm/domain';

export type SectionKey =
  | 'cases'
  | 'tasks'
  | 'inbox'
  | 'intake'
  | 'organisations'
  | 'users'
  | 'sops'
  | 'audit'
  | 'profile';

export interface Section {
  key: SectionKey;
  path: string;
  permission: Permission;
}

/** The sections of the application, each shown to users whose role holds its permission. */
export const SECTIONS: readonly Section[] = [
  { key: 'cases', path: '/cases', permission: 'cases.list' },
  { key: 'tasks', path: '/tasks', permission: 'tasks.work' },
  { key: 'inbox', path: '/inbox', permission: 'referrals.respond' },
  { key: 'intake', path: '/intake', permission: 'cases.create' },
  { key: 'organisations', path: '/organisations', permission: 'organisations.read' },
  { key: 'users', path: '/users', permission: 'users.read' },
  { key: 'sops', path: '/sops', permission: 'sop.read' },
  { key: 'audit', path: '/audit', permission: 'audit.read' },
  { key: 'profile', path: '/profile', permission: 'profile.manage_own' },
];

export function sectionsFor(me: Me): Section[] {
  return SECTIONS.filter((section) => me.permissions.includes(section.permission));
}
