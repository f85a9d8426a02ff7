import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applySessionStep, authApi, useSession } from '../../api/auth';
import { ErrorSummary } from '../../components/error-summary';
import { PasswordField, TextField } from '../../components/fields';
import { apiErrorToFieldErrors, type FieldError, useFormErrors } from '../../components/form-errors';
import { usePageTitle } from '../../components/page-title';
import { AuthLayout } from './auth-layout';
import { SecondFactorForm } from './second-factor-form';

const FIELD_IDS = { '': 'username', username: 'username', password: 'password' };

function PasswordStep() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const form = useFormErrors();
  usePageTitle(t('login.title'), form.errors.length > 0);

  const login = useMutation({
    mutationFn: () => authApi.login(username.trim(), password),
    onSuccess: (step) => applySessionStep(queryClient, step),
    onError: (error) =>
      form.show(apiErrorToFieldErrors(t, error, { form: 'login', fields: ['username', 'password'] })),
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const problems: FieldError[] = [];
    if (!username.trim())
      problems.push({ field: 'username', message: t('forms.login.errors.username.required') });
    if (!password) problems.push({ field: 'password', message: t('forms.login.errors.password.required') });
    if (problems.length > 0) {
      form.show(problems);
      return;
    }
    form.clear();
    login.mutate();
  }

  return (
    <>
      <ErrorSummary errors={form.errors} fieldIds={FIELD_IDS} summaryRef={form.summaryRef} />
      <h1 className="heading-l">{t('login.title')}</h1>
      <p>{t('login.intro')}</p>
      <form onSubmit={submit} noValidate>
        <TextField
          id="username"
          label={t('login.username')}
          value={username}
          onValueChange={setUsername}
          error={form.errorFor('username')}
          autoComplete="username"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          dir="ltr"
        />
        <PasswordField
          id="password"
          label={t('login.password')}
          value={password}
          onValueChange={setPassword}
          error={form.errorFor('password')}
          autoComplete="current-password"
        />
        <button type="submit" className="button" disabled={login.isPending}>
          {t('login.submit')}
        </button>
      </form>
    </>
  );
}

/** Sign-in: password first, then the second factor when the account has one. */
export function LoginPage() {
  const { stage } = useSession();
  return <AuthLayout>{stage === 'mfa_required' ? <SecondFactorForm /> : <PasswordStep />}</AuthLayout>;
}
