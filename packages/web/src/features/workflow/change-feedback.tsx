import type { CaseWorkflow } from '@opennrm/domain';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../components/form-errors';
import { Notice } from '../../components/notice';
import { BlockerList } from './blockers';
import type { ChangeFeedback } from './use-workflow-change';

/**
 * Why a workflow change did not happen: the blockers the server answered with, or that
 * someone else changed the case first (it has been reloaded), or another problem.
 */
export function ChangeFeedbackNotice({
  feedback,
  caseId,
  workflow,
}: {
  feedback: ChangeFeedback;
  caseId: string;
  workflow: CaseWorkflow | null | undefined;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (feedback) ref.current?.focus();
  }, [feedback]);
  if (!feedback) return null;
  return (
    <div ref={ref} tabIndex={-1} className="focus-target">
      {feedback.kind === 'refused' ? (
        <Notice
          tone="error"
          title={t(feedback.code === 'CASE_CLOSE_BLOCKED' ? 'workflow.refusedClose' : 'workflow.refused')}
        >
          <BlockerList
            caseId={caseId}
            workflow={workflow}
            blockers={feedback.blockers}
            context={feedback.code === 'CASE_CLOSE_BLOCKED' ? 'close' : undefined}
          />
        </Notice>
      ) : feedback.kind === 'stale' ? (
        <Notice tone="error" title={t('workflow.staleTitle')}>
          <p>{t('workflow.staleBody')}</p>
        </Notice>
      ) : (
        <Notice tone="error" title={errorMessage(t, feedback.error)} />
      )}
    </div>
  );
}
