import type { BlockerDto, CaseWorkflow, WorkflowActionRequest } from '@opennrm/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { caseKey } from '../../api/cases';
import { isApiError, type Versioned } from '../../api/client';
import {
  isStale,
  refusalBlockers,
  storeWorkflow,
  versionEtag,
  workflowApi,
  workflowKey,
} from '../../api/workflow';

export type ChangeFeedback =
  | { kind: 'refused'; code: string; blockers: BlockerDto[] }
  | { kind: 'stale' }
  | { kind: 'error'; error: unknown }
  | null;

type Change = (etag: string | null) => Promise<Versioned<CaseWorkflow>>;

/**
 * One change to a case's workflow, sent with the ETag the page holds now. A refusal (409)
 * keeps its blockers to show; a stale ETag (412, 428) reloads the workflow and says so.
 */
export function useWorkflowChange(caseId: string, onDone?: (result: CaseWorkflow) => void) {
  const queryClient = useQueryClient();
  const [feedback, setFeedback] = useState<ChangeFeedback>(null);
  const currentEtag = (): string | null => {
    const held = queryClient.getQueryData<Versioned<CaseWorkflow>>(workflowKey(caseId));
    if (!held) return null;
    return held.etag ?? versionEtag(held.data);
  };
  const mutation = useMutation({
    mutationFn: (change: Change) => change(currentEtag()),
    onMutate: () => setFeedback(null),
    onSuccess: (result) => {
      storeWorkflow(queryClient, result);
      onDone?.(result.data);
    },
    onError: (error) => {
      const blockers = refusalBlockers(error);
      if (isStale(error)) {
        setFeedback({ kind: 'stale' });
        void queryClient.invalidateQueries({ queryKey: workflowKey(caseId) });
        void queryClient.invalidateQueries({ queryKey: caseKey(caseId) });
      } else if (blockers) {
        const code = isApiError(error) ? error.code : 'ACTION_BLOCKED';
        setFeedback({ kind: 'refused', code, blockers });
        // The page's list of what blocks may be out of date: the server just said otherwise.
        void queryClient.invalidateQueries({ queryKey: workflowKey(caseId) });
      } else {
        setFeedback({ kind: 'error', error });
      }
    },
  });
  return {
    act: (body: WorkflowActionRequest) => mutation.mutate((etag) => workflowApi.act(caseId, etag, body)),
    run: (change: Change) => mutation.mutate(change),
    pending: mutation.isPending,
    feedback,
    clear: () => setFeedback(null),
  };
}
