import { useTranslation } from 'react-i18next';

export const WALK_IN_STEPS = ['person', 'case', 'screening', 'consents'] as const;
export type WalkInStep = (typeof WALK_IN_STEPS)[number];

/** Where the interviewer is in the walk-in interview: "Step 2 of 4: Case details". */
export function IntakeSteps({ current }: { current: WalkInStep }) {
  const { t } = useTranslation();
  const index = WALK_IN_STEPS.indexOf(current);
  return (
    <nav className="progress-steps" aria-label={t('walkIn.progress')}>
      <p className="caption">{t('walkIn.stepOf', { n: index + 1, total: WALK_IN_STEPS.length })}</p>
      <ol className="progress-steps__list">
        {WALK_IN_STEPS.map((step, i) => (
          <li
            key={step}
            className={
              i < index
                ? 'progress-steps__item progress-steps__item--done'
                : i === index
                  ? 'progress-steps__item progress-steps__item--current'
                  : 'progress-steps__item'
            }
            aria-current={i === index ? 'step' : undefined}
          >
            <span className="progress-steps__number" aria-hidden="true">
              {i + 1}
            </span>
            {t(`walkIn.steps.${step}`)}
            {i < index ? <span className="visually-hidden"> {t('walkIn.stepDone')}</span> : null}
          </li>
        ))}
      </ol>
    </nav>
  );
}
