import type { Case } from '@opennrm/domain';
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { CASES_KEY, caseKey } from '../../api/cases';
import { isApiError, type Versioned } from '../../api/client';
import { errorMessage } from '../../components/form-errors';
import { Notice } from '../../components/notice';

/** Keeps the changed case (and its new ETag) and refreshes lists and the timeline. */
export function storeCase(queryClient: QueryClient, result: Versioned<Case>): void {
  queryClient.setQueryData(caseKey(result.data.id), result);
  void queryClient.invalidateQueries({ queryKey: [CASES_KEY, 'list'] });
  void queryClient.invalidateQueries({ queryKey: [CASES_KEY, 'count'] });
  void queryClient.invalidateQueries({ queryKey: [CASES_KEY, 'timeline', result.data.id] });
}

/**
 * Why a change failed. When someone else changed the case first (412), says so and offers
 * to reload it; the form keeps what the user typed, to apply again after reloading.
 */
export function ChangeFailed({ error, caseId }: { error: unknown; caseId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const ref = useRef<HTMLDivElement>(null);
  // Brought into view: the button pressed may be far below, at the end of a long form.
  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);
  const stale = isApiError(error, 'PRECONDITION_FAILED') || isApiError(error, 'PRECONDITION_REQUIRED');
  return (
    <div ref={ref} tabIndex={-1} className="focus-target">
      {stale ? (
        <Notice tone="error" title={t('casePage.staleTitle')}>
          <p>{t('casePage.staleBody')}</p>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void queryClient.invalidateQueries({ queryKey: caseKey(caseId) })}
          >
            {t('casePage.reload')}
          </button>
        </Notice>
      ) : (
        <Notice tone="error" title={errorMessage(t, error)} />
      )}
    </div>
  );
}

/** Only the fields that differ from what was loaded, so a save never undoes someone else's change. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: T): Partial<T> {
  const changed: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changed[key] = after[key];
  }
  return changed;
}
