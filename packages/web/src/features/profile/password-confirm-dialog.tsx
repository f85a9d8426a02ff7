import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/dialog';
import { PasswordField } from '../../components/fields';
import { FormActions } from '../../components/form-actions';
import { apiErrorToFieldErrors } from '../../components/form-errors';
import { usePasswordDialog } from '../../components/use-password-dialog';

interface Props<T> {
  open: boolean;
  onClose: () => void;
  title: string;
  body: string;
  confirmLabel: string;
  danger?: boolean;
  action: (currentPassword: string) => Promise<T>;
  onDone: (result: T) => void;
}

/** A sensitive change to one's own account, confirmed by typing the current password again. */
export function PasswordConfirmDialog<T>({
  open,
  onClose,
  title,
  body,
  confirmLabel,
  danger,
  action,
  onDone,
}: Props<T>) {
  const { t } = useTranslation();
  const { password, setPassword, form, mutation, close } = usePasswordDialog({
    send: action,
    onDone,
    onClose,
    toErrors: (error) =>
      apiErrorToFieldErrors(t, error, {
        form: 'password',
        fields: ['currentPassword'],
        codeFields: { PASSWORD_INCORRECT: 'currentPassword', MFA_REQUIRED_FOR_ROLE: '' },
      }).map((problem) => ({ ...problem, field: problem.field || 'currentPassword' })),
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (!password) {
      form.show([{ field: 'currentPassword', message: t('forms.password.errors.currentPassword.required') }]);
      return;
    }
    mutation.mutate();
  }

  return (
    <Dialog open={open} onClose={close} title={title}>
      <p>{body}</p>
      <form onSubmit={submit} noValidate>
        <PasswordField
          id="confirm-current-password"
          label={t('password.current')}
          value={password}
          onValueChange={setPassword}
          error={form.errorFor('currentPassword')}
          autoComplete="current-password"
        />
        <FormActions
          submit={confirmLabel}
          submitClass={danger ? 'button button--warning' : 'button'}
          pending={mutation.isPending}
          onCancel={close}
        />
      </form>
    </Dialog>
  );
}
