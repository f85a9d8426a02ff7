import type {
  AssignableUsers,
  BlockerDto,
  CaseWorkflow,
  FollowUpRecord,
  SopDocument,
  TaskCreate,
  TaskDto,
  TaskUpdate,
  WorkflowActionRequest,
} from '@opennrm/domain';
import { type QueryClient, useQuery } from '@tanstack/react-query';
import { CASES_KEY, caseKey } from './cases';
import { api, isApiError, type RequestOptions, requestVersioned, type Versioned } from './client';

export const TASKS_KEY = 'tasks';
export const REFERRALS_KEY = 'referrals';
export const SOPS_KEY = 'sops';

const enc = encodeURIComponent;
const ifMatch = (etag: string | null): RequestOptions => ({ headers: etag ? { 'if-match': etag } : {} });

/** The `If-Match` value for a workflow or a task: their ETag is their version. */
export const versionEtag = (item: { version: number }): string => `"v${item.version}"`;

export type TaskCreateBody = Omit<TaskCreate, 'mandatory'> & { mandatory?: boolean };

export const workflowApi = {
  get: (caseId: string, signal?: AbortSignal) =>
    requestVersioned<CaseWorkflow>('GET', `/cases/${enc(caseId)}/workflow`, undefined, { signal }),
  start: (caseId: string) =>
    requestVersioned<CaseWorkflow>('POST', `/cases/${enc(caseId)}/workflow/start`, {}),
  act: (caseId: string, etag: string | null, body: WorkflowActionRequest) =>
    requestVersioned<CaseWorkflow>('POST', `/cases/${enc(caseId)}/workflow/actions`, body, ifMatch(etag)),
  changeSopVersion: (caseId: string, etag: string | null, body: { version: number; reason: string }) =>
    requestVersioned<CaseWorkflow>('POST', `/cases/${enc(caseId)}/workflow/sop-version`, body, ifMatch(etag)),
  recordFollowUp: (caseId: string, index: number, etag: string | null, body: FollowUpRecord) =>
    requestVersioned<CaseWorkflow>('POST', `/cases/${enc(caseId)}/follow-ups/${index}`, body, ifMatch(etag)),
};

export const tasksApi = {
  ofCase: (caseId: string, signal?: AbortSignal) =>
    api.get<{ items: TaskDto[] }>(`/cases/${enc(caseId)}/tasks`, signal),
  create: (caseId: string, body: TaskCreateBody) => api.post<TaskDto>(`/cases/${enc(caseId)}/tasks`, body),
  update: (task: Pick<TaskDto, 'id' | 'version'>, body: TaskUpdate) =>
    requestVersioned<TaskDto>('PATCH', `/tasks/${enc(task.id)}`, body, ifMatch(versionEtag(task))),
};

/** Under its own root, so that a change elsewhere (a referral) can refresh every workflow at once. */
export const WORKFLOW_KEY = 'workflow';
export const workflowKey = (caseId: string) => [WORKFLOW_KEY, caseId] as const;
export const caseTasksKey = (caseId: string) => [TASKS_KEY, 'case', caseId] as const;

/** A case's SOP workflow with its ETag (NRM staff; agencies see their tasks and referrals instead). */
export function useWorkflow(caseId: string, enabled = true) {
  return useQuery<Versioned<CaseWorkflow>>({
    queryKey: workflowKey(caseId),
    queryFn: ({ signal }) => workflowApi.get(caseId, signal),
    enabled,
  });
}

export function useCaseTasks(caseId: string, enabled = true) {
  return useQuery({
    queryKey: caseTasksKey(caseId),
    queryFn: ({ signal }) => tasksApi.ofCase(caseId, signal),
    enabled,
  });
}

/** One published SOP version: immutable, so read once. */
export function useSopDocument(sopId: string | undefined, version: number | undefined, enabled = true) {
  return useQuery({
    queryKey: [SOPS_KEY, 'version', sopId, version],
    queryFn: ({ signal }) => api.get<SopDocument>(`/sops/${enc(sopId ?? '')}/versions/${version}`, signal),
    staleTime: Number.POSITIVE_INFINITY,
    enabled: enabled && sopId !== undefined && version !== undefined,
  });
}

/** Active NRM staff a case (or a task) can be given to; supervisors only (`cases.assign`). */
export function useAssignableUsers(enabled = true) {
  return useQuery({
    queryKey: ['users', 'assignable'],
    queryFn: ({ signal }) => api.get<AssignableUsers>('/users/assignable', signal),
    staleTime: 5 * 60_000,
    enabled,
  });
}

/** Keeps the changed workflow and refreshes what it drives: the case, its tasks, referrals, lists. */
export function storeWorkflow(queryClient: QueryClient, result: Versioned<CaseWorkflow>): void {
  const caseId = result.data.caseId;
  queryClient.setQueryData(workflowKey(caseId), result);
  refreshAfterWorkflowChange(queryClient, caseId);
}

export function refreshAfterWorkflowChange(queryClient: QueryClient, caseId: string): void {
  void queryClient.invalidateQueries({ queryKey: caseKey(caseId) });
  void queryClient.invalidateQueries({ queryKey: [CASES_KEY, 'list'] });
  void queryClient.invalidateQueries({ queryKey: [CASES_KEY, 'count'] });
  void queryClient.invalidateQueries({ queryKey: [CASES_KEY, 'timeline', caseId] });
  void queryClient.invalidateQueries({ queryKey: [TASKS_KEY] });
  void queryClient.invalidateQueries({ queryKey: [REFERRALS_KEY] });
  void queryClient.invalidateQueries({ queryKey: ['procedure-map'] });
}

/** The blockers a refused action came back with (409 CASE_CLOSE_BLOCKED or ACTION_BLOCKED). */
export function refusalBlockers(error: unknown): BlockerDto[] | null {
  if (!isApiError(error, 'CASE_CLOSE_BLOCKED') && !isApiError(error, 'ACTION_BLOCKED')) return null;
  const details = error.details as { blockers?: unknown } | null | undefined;
  if (!details || !Array.isArray(details.blockers)) return [];
  return details.blockers.filter(
    (b): b is BlockerDto => typeof b === 'object' && b !== null && typeof (b as BlockerDto).code === 'string',
  );
}

/** Someone else changed the record first (412), or the ETag was missing (428). */
export const isStale = (error: unknown): boolean =>
  isApiError(error, 'PRECONDITION_FAILED') || isApiError(error, 'PRECONDITION_REQUIRED');
