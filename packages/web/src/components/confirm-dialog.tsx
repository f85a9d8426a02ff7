import { useMutation } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './dialog';
import { FormActions } from './form-actions';
import { errorMessage } from './form-errors';
import { Notice } from './notice';

interface Props {
  open: boolean;
  onClose: () => void;
  title: string;
  /** What will happen, in plain words. */
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<unknown>;
  onDone?: () => void;
  danger?: boolean;
}

/** Asks before a sensitive action, says what will happen, and shows why it failed if it does. */
export function ConfirmDialog({
  open,
  onClose,
  title,
  children,
  confirmLabel,
  onConfirm,
  onDone,
  danger,
}: Props) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<unknown>(null);
  const mutation = useMutation({
    mutationFn: onConfirm,
    onSuccess: () => {
      setFailure(null);
      onClose();
      onDone?.();
    },
    onError: setFailure,
  });

  function close(): void {
    setFailure(null);
    onClose();
  }

  return (
    <Dialog open={open} onClose={close} title={title} focusTitle>
      {failure ? <Notice tone="error" title={errorMessage(t, failure)} /> : null}
      <div className="dialog__body">{children}</div>
      <FormActions
        submit={confirmLabel}
        submitClass={danger ? 'button button--warning' : 'button'}
        pending={mutation.isPending}
        onCancel={close}
        onConfirm={() => mutation.mutate()}
      />
    </Dialog>
  );
}
