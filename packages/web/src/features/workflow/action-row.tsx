import type { BlockerDto, CaseWorkflow } from '@opennrm/domain';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { BlockerList } from './blockers';

interface Props {
  caseId: string;
  workflow: CaseWorkflow;
  label: string;
  allowed: boolean;
  blockers: readonly BlockerDto[];
  onClick: () => void;
  pending?: boolean;
  secondary?: boolean;
  danger?: boolean;
  /** Id of a list elsewhere on the page that already says what blocks this action. */
  describedBy?: string;
}

/**
 * An action button. A blocked action stays in the tab order (aria-disabled), so a screen
 * reader user hears why it cannot be done; the reasons are written beside it.
 */
export function ActionRow({
  caseId,
  workflow,
  label,
  allowed,
  blockers,
  onClick,
  pending = false,
  secondary = false,
  danger = false,
  describedBy,
}: Props) {
  const { t } = useTranslation();
  const whyId = useId();
  const tone = danger ? 'button button--warning' : secondary ? 'button button--secondary' : 'button';
  const shown = blockers.length > 0 && !allowed;
  return (
    <div className="wf-action">
      <button
        type="button"
        className={allowed ? tone : `${tone} button--blocked`}
        aria-disabled={!allowed || pending ? true : undefined}
        aria-describedby={!allowed ? (shown ? whyId : describedBy) : undefined}
        onClick={() => {
          if (allowed && !pending) onClick();
        }}
      >
        {label}
      </button>
      {shown ? (
        <div className="wf-action__why" id={whyId}>
          <p className="wf-action__why-title">{t('workflow.whyNot')}</p>
          <BlockerList caseId={caseId} workflow={workflow} blockers={blockers} />
        </div>
      ) : null}
    </div>
  );
}
