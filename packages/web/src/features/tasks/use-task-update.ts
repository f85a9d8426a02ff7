import type { TaskDto, TaskUpdate } from '@opennrm/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CASES_KEY, caseKey } from '../../api/cases';
import { caseTasksKey, isStale, TASKS_KEY, tasksApi, workflowKey } from '../../api/workflow';

/**
 * Completes, cancels or reopens a task (If-Match: its version). The case's workflow follows,
 * since what blocks its stage and its closure may have changed; a stale version reloads the list.
 */
export function useTaskUpdate(task: TaskDto, onDone?: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TaskUpdate) => tasksApi.update(task, body),
    onSuccess: (result) => {
      queryClient.setQueryData<{ items: TaskDto[] }>(caseTasksKey(task.caseId), (list) =>
        list ? { items: list.items.map((item) => (item.id === task.id ? result.data : item)) } : list,
      );
      void queryClient.invalidateQueries({ queryKey: [TASKS_KEY] });
      void queryClient.invalidateQueries({ queryKey: workflowKey(task.caseId) });
      // A task done may move the case to its next stage, and with it the case's ETag.
      void queryClient.invalidateQueries({ queryKey: caseKey(task.caseId) });
      void queryClient.invalidateQueries({ queryKey: [CASES_KEY, 'timeline', task.caseId] });
      void queryClient.invalidateQueries({ queryKey: ['procedure-map'] });
      onDone?.();
    },
    onError: (error) => {
      if (isStale(error)) void queryClient.invalidateQueries({ queryKey: [TASKS_KEY] });
    },
  });
}
