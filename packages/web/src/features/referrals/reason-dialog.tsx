import { useMutation } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { Dialog } from '../../components/dialog';
import { TextAreaField } from '../../components/fields';
import { FormActions } from '../../components/form-actions';
import { ReferralChangeFailed } from './referral-errors';

interface Props {
  open: boolean;
  onClose: () => void;
  title: string;
  /** What will happen, in plain words. */
  intro: ReactNode;
  label: string;
  hint?: string;
  /** Said next to the field when it is left empty. */
  requiredMessage: string;
  submitLabel: string;
  danger?: boolean;
  onSubmit: (text: string) => Promise<unknown>;
  onDone?: () => void;
}

/** A dialog asking for a written reason or report before a step that needs one. */
export function ReasonDialog({
  open,
  onClose,
  title,
  intro,
  label,
  hint,
  requiredMessage,
  submitLabel,
  danger,
  onSubmit,
  onDone,
}: Props) {
  const id = useId();
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const mutation = useMutation({
    mutationFn: onSubmit,
    onSuccess: () => {
      setText('');
      onClose();
      onDone?.();
    },
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (!text.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    mutation.mutate(text.trim());
  }

  function close(): void {
    mutation.reset();
    setMissing(false);
    onClose();
  }

  return (
    <Dialog open={open} onClose={close} title={title}>
      {mutation.isError ? <ReferralChangeFailed error={mutation.error} /> : null}
      <form onSubmit={submit} noValidate>
        <div className="dialog__body">
          <div className="referral-dialog__intro">{intro}</div>
          <TextAreaField
            id={`${id}-text`}
            label={label}
            hint={hint}
            value={text}
            onValueChange={setText}
            error={missing ? requiredMessage : undefined}
            maxLength={2000}
            rows={4}
          />
        </div>
        <FormActions
          submit={submitLabel}
          submitClass={danger ? 'button button--warning' : 'button'}
          pending={mutation.isPending}
          onCancel={close}
        />
      </form>
    </Dialog>
  );
}
