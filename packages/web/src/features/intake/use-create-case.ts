import type { Case } from '@opennrm/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { CASES_KEY, type CaseCreateBody, caseKey, casesApi, newIdempotencyKey } from '../../api/cases';
import { isApiError } from '../../api/client';

/**
 * Creates a case with an `Idempotency-Key`: one key per submission, kept when the answer
 * was lost (network failure, server error) so pressing again cannot make a second case,
 * and renewed once the server has answered "no" or the case was created.
 */
export function useCreateCase(onCreated: (created: Case) => void) {
  const queryClient = useQueryClient();
  const key = useRef<string | null>(null);
  return useMutation({
    mutationFn: (body: CaseCreateBody) => {
      key.current ??= newIdempotencyKey();
      return casesApi.create(body, key.current);
    },
    onSuccess: (result) => {
      key.current = null;
      queryClient.setQueryData(caseKey(result.data.id), result);
      void queryClient.invalidateQueries({ queryKey: [CASES_KEY, 'list'] });
      void queryClient.invalidateQueries({ queryKey: [CASES_KEY, 'count'] });
      onCreated(result.data);
    },
    onError: (error) => {
      if (isApiError(error) && error.status >= 400 && error.status < 500) key.current = null;
    },
  });
}
