import type { Me, Permission } from '@opennrm/domain';

/** Whether the signed-in user's role holds a permission (none before sign-in). */
export function hasPermission(me: Me | null, permission: Permission): boolean {
  return me?.permissions.includes(permission) ?? false;
}
