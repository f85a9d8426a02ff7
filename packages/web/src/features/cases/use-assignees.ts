import { roleHas } from '@opennrm/domain';
import { useQuery } from '@tanstack/react-query';
import { useSession } from '../../api/auth';
import { CASES_KEY, casesApi } from '../../api/cases';

export interface Assignee {
  id: string;
  displayName: string;
}

/**
 * The NRM staff who hold cases, read from the case list: the API has no list of case
 * managers open to supervisors yet. The signed-in NRM user is always included.
 */
export function useKnownAssignees(enabled = true) {
  const { me } = useSession();
  const query = useQuery({
    queryKey: [CASES_KEY, 'assignees'],
    queryFn: ({ signal }) => casesApi.list({ view: 'all', limit: 100 }, signal),
    staleTime: 5 * 60_000,
    enabled,
  });
  const byId = new Map<string, Assignee>();
  const isNrm = !!me && roleHas(me.role, 'cases.manage');
  if (me && isNrm) byId.set(me.id, { id: me.id, displayName: me.displayName });
  for (const item of query.data?.items ?? []) {
    if (item.assignedTo) byId.set(item.assignedTo.id, item.assignedTo);
  }
  const assignees = [...byId.values()].sort((a, b) => a.displayName.localeCompare(b.displayName));
  return { assignees, isPending: enabled && query.isPending };
}
