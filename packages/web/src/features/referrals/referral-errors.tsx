import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { INBOX_KEY, REFERRALS_KEY } from '../../api/referrals';
import { errorMessage } from '../../components/form-errors';
import { Notice } from '../../components/notice';

/** Someone else moved the referral first: the version sent was stale, or the step no longer applies. */
export function isStaleReferralError(error: unknown): boolean {
  return (
    isApiError(error, 'PRECONDITION_FAILED') ||
    isApiError(error, 'PRECONDITION_REQUIRED') ||
    isApiError(error, 'REFERRAL_TRANSITION_INVALID') ||
    isApiError(error, 'CONFLICT')
  );
}

/**
 * Why a change to a referral failed. After a 409 or 412 says that it changed meanwhile and
 * offers to reload it; what the user typed stays in the form.
 */
export function ReferralChangeFailed({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);
  const reload = () => {
    void queryClient.invalidateQueries({ queryKey: [REFERRALS_KEY] });
    void queryClient.invalidateQueries({ queryKey: [INBOX_KEY] });
  };
  return (
    <div ref={ref} tabIndex={-1} className="focus-target">
      {isStaleReferralError(error) ? (
        <Notice tone="error" title={t('referrals.staleTitle')}>
          <p>{t('referrals.staleBody')}</p>
          <button type="button" className="button button--secondary" onClick={reload}>
            {t('referrals.reload')}
          </button>
        </Notice>
      ) : (
        <Notice tone="error" title={errorMessage(t, error)} />
      )}
    </div>
  );
}
