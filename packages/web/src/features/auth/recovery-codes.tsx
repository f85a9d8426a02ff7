import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxField } from '../../components/checkbox-field';
import { ErrorSummary } from '../../components/error-summary';
import { useFormErrors } from '../../components/form-errors';
import { Notice } from '../../components/notice';

interface Props {
  codes: string[];
  continueLabel: string;
  onContinue: () => void;
}

const FIELD_IDS = { saved: 'codes-saved' };

/** Shows freshly issued recovery codes once, and asks the user to confirm they kept them. */
export function RecoveryCodes({ codes, continueLabel, onContinue }: Props) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const form = useFormErrors();

  async function copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(codes.join('\n'));
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
  }

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (!saved) {
      form.show([{ field: 'saved', message: t('recoveryCodes.confirmRequired') }]);
      return;
    }
    onContinue();
  }

  return (
    <div className="recovery-codes">
      <ErrorSummary errors={form.errors} fieldIds={FIELD_IDS} summaryRef={form.summaryRef} />
      <Notice tone="info" title={t('recoveryCodes.warningTitle')}>
        <p>{t('recoveryCodes.warningBody')}</p>
      </Notice>
      <ol className="recovery-codes__list" dir="ltr" aria-label={t('recoveryCodes.listLabel')}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="button-group no-print">
        <button type="button" className="button button--secondary" onClick={() => void copy()}>
          {t('recoveryCodes.copy')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => window.print()}>
          {t('recoveryCodes.print')}
        </button>
      </div>
      <p className="status-text no-print" role="status">
        {copied === 'copied'
          ? t('recoveryCodes.copied')
          : copied === 'failed'
            ? t('recoveryCodes.copyFailed')
            : ''}
      </p>
      <form onSubmit={submit} noValidate className="no-print">
        <CheckboxField
          id="codes-saved"
          label={t('recoveryCodes.confirmLabel')}
          checked={saved}
          onCheckedChange={setSaved}
          error={form.errorFor('saved')}
        />
        <button type="submit" className="button">
          {continueLabel}
        </button>
      </form>
    </div>
  );
}
