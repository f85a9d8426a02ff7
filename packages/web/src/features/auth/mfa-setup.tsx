import type { LoginResponse, TotpEnrolmentResponse } from '@opennrm/domain';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { authApi } from '../../api/auth';
import { isApiError } from '../../api/client';
import { sessionStore } from '../../api/session-store';
import { ErrorSummary } from '../../components/error-summary';
import { TextField } from '../../components/fields';
import { apiErrorToFieldErrors, errorMessage, useFormErrors } from '../../components/form-errors';
import { SkeletonRows } from '../../components/loading';
import { Notice } from '../../components/notice';
import { RecoveryCodes } from './recovery-codes';

const FIELD_IDS = { '': 'enrol-code', code: 'enrol-code' };

interface Props {
  /** Called once the user has confirmed they saved their recovery codes. */
  onDone: (step: LoginResponse) => void;
  onErrorsChange?: (hasErrors: boolean) => void;
}

function groupSecret(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret;
}

/** Set up an authenticator app: scan (or type) the key, prove it with a code, keep the recovery codes. */
export function MfaSetup({ onDone, onErrorsChange }: Props) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [result, setResult] = useState<(LoginResponse & { recoveryCodes: string[] }) | null>(null);
  const form = useFormErrors();
  const started = useRef(false);

  const enrol = useMutation({ mutationFn: authApi.enrolMfa });
  const confirm = useMutation({
    mutationFn: (value: string) => authApi.confirmMfa(value),
    onSuccess: (response) => {
      // The server has started a new session: later requests need its token at once.
      sessionStore.setCsrfToken(response.csrfToken);
      onErrorsChange?.(false);
      setResult(response);
    },
    onError: (error) => {
      onErrorsChange?.(true);
      form.show(
        apiErrorToFieldErrors(t, error, {
          form: 'enrol',
          fields: ['code'],
          codeFields: { AUTH_MFA_INVALID: 'code' },
        }),
      );
    },
  });
  const { mutate: start } = enrol;

  useEffect(() => {
    // Each enrolment issues a new secret, so ask only once even when effects run twice.
    if (started.current) return;
    started.current = true;
    start();
  }, [start]);

  if (result) {
    return (
      <>
        <h2 className="heading-m">{t('enrol.codesTitle')}</h2>
        <RecoveryCodes
          codes={result.recoveryCodes}
          continueLabel={t('common.continue')}
          onContinue={() => onDone(result)}
        />
      </>
    );
  }
  if (enrol.isError) {
    return (
      <Notice tone="error" title={errorMessage(t, enrol.error)}>
        {isApiError(enrol.error, 'MFA_ALREADY_ENABLED') ? null : (
          <button type="button" className="button" onClick={() => start()}>
            {t('common.tryAgain')}
          </button>
        )}
      </Notice>
    );
  }
  if (!enrol.data) return <SkeletonRows rows={4} />;

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const value = code.replace(/\s+/g, '');
    if (!/^\d{6}$/.test(value)) {
      onErrorsChange?.(true);
      form.show([
        {
          field: 'code',
          message: t(value ? 'forms.mfa.errors.code.format' : 'forms.mfa.errors.code.required'),
        },
      ]);
      return;
    }
    form.clear();
    confirm.mutate(value);
  }

  return (
    <Scan
      enrolment={enrol.data}
      code={code}
      setCode={setCode}
      submit={submit}
      form={form}
      pending={confirm.isPending}
    />
  );
}

interface ScanProps {
  enrolment: TotpEnrolmentResponse;
  code: string;
  setCode: (value: string) => void;
  submit: (event: FormEvent<HTMLFormElement>) => void;
  form: ReturnType<typeof useFormErrors>;
  pending: boolean;
}

function Scan({ enrolment, code, setCode, submit, form, pending }: ScanProps) {
  const { t } = useTranslation();
  return (
    <>
      <ErrorSummary errors={form.errors} fieldIds={FIELD_IDS} summaryRef={form.summaryRef} />
      <ol className="steps">
        <li>
          <h2 className="heading-s">{t('enrol.step1Title')}</h2>
          <p>{t('enrol.step1Body')}</p>
        </li>
        <li>
          <h2 className="heading-s">{t('enrol.step2Title')}</h2>
          <img
            className="qr"
            src={`data:image/svg+xml;utf8,${encodeURIComponent(enrolment.qrSvg)}`}
            alt={t('enrol.qrAlt')}
            width={200}
            height={200}
          />
          <p>{t('enrol.manualEntry')}</p>
          <p className="secret">
            <code dir="ltr">{groupSecret(enrolment.secret)}</code>
          </p>
          <p>
            <a href={enrolment.otpauthUri}>{t('enrol.openApp')}</a>
          </p>
        </li>
        <li>
          <h2 className="heading-s">{t('enrol.step3Title')}</h2>
          <form onSubmit={submit} noValidate>
            <TextField
              id="enrol-code"
              label={t('mfa.codeLabel')}
              hint={t('mfa.codeHint')}
              value={code}
              onValueChange={setCode}
              error={form.errorFor('code')}
              autoComplete="one-time-code"
              inputMode="numeric"
              dir="ltr"
              width="short"
            />
            <button type="submit" className="button" disabled={pending}>
              {t('mfa.submit')}
            </button>
          </form>
        </li>
      </ol>
    </>
  );
}
