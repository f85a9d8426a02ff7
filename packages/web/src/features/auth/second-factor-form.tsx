import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applySessionStep, authApi, useSignOut } from '../../api/auth';
import { ErrorSummary } from '../../components/error-summary';
import { TextField } from '../../components/fields';
import { apiErrorToFieldErrors, useFormErrors } from '../../components/form-errors';
import { usePageTitle } from '../../components/page-title';

const FIELD_IDS = { '': 'mfa-code', code: 'mfa-code' };
const TOTP = /^\d{6}$/;
const RECOVERY = /^[a-z0-9]{5}-?[a-z0-9]{5}$/i;

/** The second step of sign-in: a code from the authenticator app, or a recovery code. */
export function SecondFactorForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const signOut = useSignOut();
  const [code, setCode] = useState('');
  const [useRecovery, setUseRecovery] = useState(false);
  const form = useFormErrors();
  usePageTitle(t('mfa.title'), form.errors.length > 0);

  useEffect(() => {
    document.getElementById('mfa-code')?.focus();
  }, []);

  const verify = useMutation({
    mutationFn: (value: string) => authApi.mfa(value),
    onSuccess: (step) => applySessionStep(queryClient, step),
    onError: (error) =>
      form.show(
        apiErrorToFieldErrors(t, error, {
          form: 'mfa',
          fields: ['code'],
          codeFields: { AUTH_MFA_INVALID: 'code' },
        }),
      ),
  });

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const value = useRecovery ? code.trim().toLowerCase() : code.replace(/\s+/g, '');
    if (!value) {
      form.show([
        {
          field: 'code',
          message: t(
            useRecovery ? 'forms.mfa.errors.code.recoveryRequired' : 'forms.mfa.errors.code.required',
          ),
        },
      ]);
      return;
    }
    if (!(useRecovery ? RECOVERY : TOTP).test(value)) {
      form.show([
        {
          field: 'code',
          message: t(useRecovery ? 'forms.mfa.errors.code.recoveryFormat' : 'forms.mfa.errors.code.format'),
        },
      ]);
      return;
    }
    form.clear();
    verify.mutate(value);
  }

  function toggleRecovery(): void {
    setUseRecovery((value) => !value);
    setCode('');
    form.clear();
    requestAnimationFrame(() => document.getElementById('mfa-code')?.focus());
  }

  return (
    <>
      <ErrorSummary errors={form.errors} fieldIds={FIELD_IDS} summaryRef={form.summaryRef} />
      <h1 className="heading-l">{t('mfa.title')}</h1>
      <form onSubmit={submit} noValidate>
        <TextField
          id="mfa-code"
          key={useRecovery ? 'recovery' : 'totp'}
          label={t(useRecovery ? 'mfa.recoveryLabel' : 'mfa.codeLabel')}
          hint={t(useRecovery ? 'mfa.recoveryHint' : 'mfa.codeHint')}
          value={code}
          onValueChange={setCode}
          error={form.errorFor('code')}
          autoComplete={useRecovery ? 'off' : 'one-time-code'}
          inputMode={useRecovery ? 'text' : 'numeric'}
          autoCapitalize="none"
          spellCheck={false}
          dir="ltr"
          width="short"
        />
        <div className="button-group">
          <button type="submit" className="button" disabled={verify.isPending}>
            {t('mfa.submit')}
          </button>
          <button type="button" className="button button--link" onClick={toggleRecovery}>
            {t(useRecovery ? 'mfa.useApp' : 'mfa.useRecovery')}
          </button>
        </div>
      </form>
      <p>
        <button type="button" className="button button--link" onClick={() => void signOut()}>
          {t('mfa.startAgain')}
        </button>
      </p>
    </>
  );
}
