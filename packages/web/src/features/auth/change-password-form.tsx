import { checkPasswordShape, type LoginResponse } from '@opennrm/domain';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { authApi } from '../../api/auth';
import { ErrorSummary } from '../../components/error-summary';
import { PasswordField } from '../../components/fields';
import { apiErrorToFieldErrors, type FieldError, useFormErrors } from '../../components/form-errors';

const FIELDS = ['currentPassword', 'newPassword', 'confirmPassword'] as const;
const FIELD_IDS = {
  '': 'current-password',
  currentPassword: 'current-password',
  newPassword: 'new-password',
  confirmPassword: 'confirm-password',
};
const CODE_FIELDS = {
  PASSWORD_INCORRECT: 'currentPassword',
  PASSWORD_TOO_SHORT: 'newPassword',
  PASSWORD_TOO_LONG: 'newPassword',
  PASSWORD_TOO_COMMON: 'newPassword',
  PASSWORD_CONTAINS_USERNAME: 'newPassword',
  PASSWORD_REUSED: 'newPassword',
};

interface Props {
  username?: string;
  onChanged: (step: LoginResponse) => void | Promise<void>;
  submitLabel: string;
  /** Lets the page prefix its title with "Error:" while the form shows problems. */
  onErrorsChange?: (hasErrors: boolean) => void;
}

export function ChangePasswordForm({ username, onChanged, submitLabel, onErrorsChange }: Props) {
  const { t } = useTranslation();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmPassword, setConfirmPassword] = useState('');
  const form = useFormErrors();

  function show(problems: FieldError[]): void {
    form.show(problems);
    onErrorsChange?.(problems.length > 0);
  }

  const change = useMutation({
    mutationFn: () => authApi.changePassword(currentPassword, newPassword),
    onSuccess: async (step) => {
      setCurrentPassword('');
      setNewPassword('');
      setConfirmPassword('');
      show([]);
      await onChanged(step);
    },
    onError: (error) =>
      show(apiErrorToFieldErrors(t, error, { form: 'password', fields: FIELDS, codeFields: CODE_FIELDS })),
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const problems: FieldError[] = [];
    if (!currentPassword) {
      problems.push({
        field: 'currentPassword',
        message: t('forms.password.errors.currentPassword.required'),
      });
    }
    const shape = newPassword ? checkPasswordShape(newPassword, username) : undefined;
    if (!newPassword) {
      problems.push({ field: 'newPassword', message: t('forms.password.errors.newPassword.required') });
    } else if (shape) {
      problems.push({ field: 'newPassword', message: t(`errors.${shape}`) });
    }
    if (newPassword && confirmPassword !== newPassword) {
      problems.push({
        field: 'confirmPassword',
        message: t('forms.password.errors.confirmPassword.mismatch'),
      });
    }
    if (problems.length > 0) {
      show(problems);
      return;
    }
    form.clear();
    change.mutate();
  }

  return (
    <>
      <ErrorSummary errors={form.errors} fieldIds={FIELD_IDS} summaryRef={form.summaryRef} />
      <form onSubmit={submit} noValidate>
        {/* Lets password managers file the new password under the right account. */}
        {username ? (
          <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
        ) : null}
        <PasswordField
          id="current-password"
          label={t('password.current')}
          value={currentPassword}
          onValueChange={setCurrentPassword}
          error={form.errorFor('currentPassword')}
          autoComplete="current-password"
        />
        <PasswordField
          id="new-password"
          label={t('password.new')}
          hint={t('password.newHint')}
          value={newPassword}
          onValueChange={setNewPassword}
          error={form.errorFor('newPassword')}
          autoComplete="new-password"
        />
        <PasswordField
          id="confirm-password"
          label={t('password.confirm')}
          value={confirmPassword}
          onValueChange={setConfirmPassword}
          error={form.errorFor('confirmPassword')}
          autoComplete="new-password"
        />
        <button type="submit" className="button" disabled={change.isPending}>
          {submitLabel}
        </button>
      </form>
    </>
  );
}
