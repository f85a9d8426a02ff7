import type { CaseWorkflow } from '@opennrm/domain';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Versioned } from '../../api/client';
import { RadioGroup } from '../../components/choice-fields';
import { Dialog } from '../../components/dialog';
import { TextAreaField } from '../../components/fields';
import { FormActions } from '../../components/form-actions';
import { ChangeFeedbackNotice } from './change-feedback';
import { useWorkflowChange } from './use-workflow-change';

export type Change = (etag: string | null) => Promise<Versioned<CaseWorkflow>>;

interface Props {
  open: boolean;
  onClose: () => void;
  caseId: string;
  workflow: CaseWorkflow;
  title: string;
  /** What will happen, in plain words. */
  children: ReactNode;
  confirmLabel: string;
  /** The reason or comment field; absent when the action takes none. */
  reason?: { label: string; hint?: string; required: boolean };
  /** A choice of stage (reopening). */
  stages?: { legend: string; options: { value: string; label: string }[] };
  danger?: boolean;
  change: (values: { reason: string; stage: string }) => Change;
  onDone?: (result: CaseWorkflow) => void;
}

/** A workflow action that needs a reason (or a confirmation): says what will happen, then does it. */
export function ActionDialog({
  open,
  onClose,
  caseId,
  workflow,
  title,
  children,
  confirmLabel,
  reason,
  stages,
  danger,
  change,
  onDone,
}: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [stage, setStage] = useState(stages?.options[0]?.value ?? '');
  const [missing, setMissing] = useState<'reason' | 'stage' | null>(null);
  const mutation = useWorkflowChange(caseId, (result) => {
    setText('');
    onClose();
    onDone?.(result);
  });

  function submit(): void {
    const gap = stages && !stage ? 'stage' : reason?.required && !text.trim() ? 'reason' : null;
    setMissing(gap);
    if (gap) return;
    mutation.run(change({ reason: text.trim(), stage }));
  }

  function close(): void {
    mutation.clear();
    setMissing(null);
    onClose();
  }

  return (
    <Dialog open={open} onClose={close} title={title}>
      <ChangeFeedbackNotice feedback={mutation.feedback} caseId={caseId} workflow={workflow} />
      <div className="dialog__body">
        {children}
        {stages ? (
          <RadioGroup
            id="action-stage"
            name="action-stage"
            legend={stages.legend}
            small
            value={stage}
            onValueChange={setStage}
            options={stages.options}
            error={missing === 'stage' ? t('workflow.chooseStage') : undefined}
          />
        ) : null}
        {reason ? (
          <TextAreaField
            id="action-reason"
            label={reason.label}
            hint={reason.hint}
            rows={3}
            value={text}
            onValueChange={setText}
            error={missing === 'reason' ? t('workflow.reasonRequired') : undefined}
          />
        ) : null}
      </div>
      <FormActions
        submit={confirmLabel}
        submitClass={danger ? 'button button--warning' : 'button'}
        pending={mutation.pending}
        onCancel={close}
        onConfirm={submit}
      />
    </Dialog>
  );
}
