import type { TaskDto } from '@opennrm/domain';
import type { TFunction } from 'i18next';

/** Who owns a task: a person, else a role, and their organisation. */
export function ownerText(t: TFunction, owner: TaskDto['owner']): string {
  const parts = [
    owner.assigneeName ?? (owner.role ? t(`roles.${owner.role}`) : null),
    owner.organisationName,
  ].filter((part): part is string => Boolean(part));
  return parts.length > 0 ? parts.join(t('tasks.ownerSeparator')) : t('tasks.noOwner');
}
