import { checkPasswordShape, type User } from '@opennrm/domain';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi } from '../../api/admin';
import { Dialog } from '../../components/dialog';
import { PasswordField } from '../../components/fields';
import { FormActions } from '../../components/form-actions';
import { apiErrorToFieldErrors } from '../../components/form-errors';
import { usePasswordDialog } from '../../components/use-password-dialog';

interface Props {
  user: User;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}

/** Sets a temporary password that the user must replace at their next sign-in. */
export function ResetPasswordDialog({ user, open, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const {
    password,
    setPassword,
    form,
    mutation: reset,
    close,
  } = usePasswordDialog({
    send: (password) => adminApi.resetPassword(user.id, password),
    onDone,
    onClose,
    toErrors: (error) =>
      apiErrorToFieldErrors(t, error, { form: 'user', fields: ['password'] }).map((problem) => ({
        ...problem,
        field: 'password',
      })),
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const shape = password ? checkPasswordShape(password, user.username) : undefined;
    if (!password || shape) {
      form.show([
        { field: 'password', message: t(shape ? `errors.${shape}` : 'forms.user.errors.password.required') },
      ]);
      return;
    }
    reset.mutate();
  }

  return (
    <Dialog open={open} onClose={close} title={t('users.resetPasswordTitle', { name: user.displayName })}>
      <p>{t('users.resetPasswordBody')}</p>
      <form onSubmit={submit} noValidate>
        <PasswordField
          id="reset-password"
          label={t('users.resetPasswordField')}
          hint={t('users.resetPasswordHint')}
          value={password}
          onValueChange={setPassword}
          error={form.errorFor('password')}
          autoComplete="new-password"
        />
        <FormActions
          submit={t('users.resetPassword')}
          submitClass="button button--warning"
          pending={reset.isPending}
          onCancel={close}
        />
      </form>
    </Dialog>
  );
}
