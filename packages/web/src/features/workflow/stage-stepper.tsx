import { type CaseWorkflow, localize } from '@opennrm/domain';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/format';

const MARKS = { done: '✓', current: '●', upcoming: '', skipped: '↷' } as const;

/**
 * The case's stages in the SOP's order: done, current, upcoming or skipped, each said in
 * words (the marks and colours only repeat them), with the dates the case entered and left.
 */
export function StageStepper({ workflow }: { workflow: CaseWorkflow }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  return (
    <ol className="stepper" aria-label={t('workflow.stepperLabel')}>
      {workflow.stages.map((stage, index) => {
        const date = stage.status === 'current' ? stage.enteredAt : stage.leftAt;
        const status =
          date && stage.status !== 'upcoming'
            ? t(`workflow.stageStatusOn.${stage.status}`, { date: format.date(date) })
            : t(`workflow.stageStatus.${stage.status}`);
        return (
          <li
            key={stage.id}
            className={`stepper__step stepper__step--${stage.status}`}
            aria-current={stage.status === 'current' ? 'step' : undefined}
          >
            <span className="stepper__mark" aria-hidden="true">
              {MARKS[stage.status] || index + 1}
            </span>
            <span className="stepper__text">
              <span className="stepper__title" title={localize(stage.title, i18n.language)}>
                {t(`workflow.stageNames.${stage.id}`)}
              </span>
              <span className="stepper__status">{status}</span>
              {stage.status === 'skipped' && stage.skipReason ? (
                <span className="stepper__reason">
                  {t('workflow.skipReasonLabel')} <bdi dir="auto">{stage.skipReason}</bdi>
                </span>
              ) : null}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
