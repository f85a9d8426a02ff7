import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { adminApi } from '../../api/admin';
import { errorMessage } from '../../components/form-errors';
import { Ltr } from '../../components/ltr';
import { Notice } from '../../components/notice';

/** Recomputes the hash chain of the audit trail on the server and reports the first break. */
export function VerifyIntegrity() {
  const { t } = useTranslation();
  const verify = useMutation({ mutationFn: adminApi.verifyAudit });
  const result = verify.data;

  return (
    <section className="section verify" aria-labelledby="verify-heading">
      <h2 className="heading-m" id="verify-heading">
        {t('audit.verifyTitle')}
      </h2>
      <p>{t('audit.verifyIntro')}</p>
      <button
        type="button"
        className="button button--secondary"
        onClick={() => verify.mutate()}
        disabled={verify.isPending}
      >
        {verify.isPending ? t('audit.verifying') : t('audit.verify')}
      </button>
      {verify.isError ? <Notice tone="error" title={errorMessage(t, verify.error)} /> : null}
      {result?.ok ? <Notice tone="success" title={t('audit.verifyOk', { count: result.checked })} /> : null}
      {result && !result.ok ? (
        <Notice tone="error" title={t('audit.verifyBroken')}>
          <p>
            {t(`audit.verifyReason.${result.reason ?? 'unknown'}`)}{' '}
            {result.firstBrokenId ? (
              <>
                {t('audit.firstBroken')} <Ltr code>{result.firstBrokenId}</Ltr>
              </>
            ) : null}
          </p>
          <p>{t('audit.verifyChecked', { count: result.checked })}</p>
        </Notice>
      ) : null}
    </section>
  );
}
