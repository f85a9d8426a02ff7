import type { Case } from '@opennrm/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CASES_KEY, casesApi, PERSONS_KEY, personsApi } from '../../api/cases';
import { errorMessage } from '../../components/form-errors';
import { SkeletonRows } from '../../components/loading';
import { Notice } from '../../components/notice';
import { ChangeFailed, storeCase } from './case-mutations';
import { DuplicateCandidates } from './duplicate-candidates';

/**
 * A case logged without a duplicate check (hotline call, referral): the case manager sees
 * existing records that may be the same person, and links one or confirms a new person.
 */
export function DuplicateCheck({ found, etag }: { found: Case; etag: string | null }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const personId = found.person?.id ?? '';
  const candidates = useQuery({
    queryKey: [PERSONS_KEY, 'duplicatesOf', personId],
    queryFn: ({ signal }) => personsApi.duplicatesOf(personId, signal),
    enabled: personId !== '',
  });
  const settle = useMutation({
    mutationFn: (body: { personId: string } | { confirmNew: true }) =>
      casesApi.settlePerson(found.id, etag, body),
    onSuccess: (result) => {
      storeCase(queryClient, result);
      void queryClient.invalidateQueries({ queryKey: [CASES_KEY, 'screening', found.id] });
    },
  });
  const list = candidates.data?.candidates ?? [];
  return (
    <section
      className="duplicate-check"
      aria-labelledby="duplicate-check-title"
      id="duplicate-check"
      tabIndex={-1}
    >
      <h2 className="heading-m" id="duplicate-check-title">
        {t('duplicateCheck.title')}
      </h2>
      <p>{t('duplicateCheck.intro')}</p>
      {settle.isError ? <ChangeFailed error={settle.error} caseId={found.id} /> : null}
      {candidates.isPending ? (
        <SkeletonRows rows={2} />
      ) : candidates.isError ? (
        <Notice tone="error" title={errorMessage(t, candidates.error)} />
      ) : list.length === 0 ? (
        <>
          <p>{t('duplicateCheck.none')}</p>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => settle.mutate({ confirmNew: true })}
            disabled={settle.isPending}
          >
            {t('duplicateCheck.confirmNew')}
          </button>
        </>
      ) : (
        <>
          <p className="matches__status">{t('duplicates.found', { count: list.length })}</p>
          <DuplicateCandidates
            candidates={list}
            busy={settle.isPending}
            onUse={(candidate) => settle.mutate({ personId: candidate.personId })}
            onNew={() => settle.mutate({ confirmNew: true })}
          />
        </>
      )}
    </section>
  );
}
