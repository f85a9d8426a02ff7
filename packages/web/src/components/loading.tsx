import { useTranslation } from 'react-i18next';

/** Placeholder rows for a list: a skeleton, not a spinner (UX.md). */
export function SkeletonRows({ rows = 5 }: { rows?: number }) {
  const { t } = useTranslation();
  return (
    <div className="skeleton">
      <p className="visually-hidden" role="status">
        {t('common.loading')}
      </p>
      {Array.from({ length: rows }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
        <div className="skeleton__row" aria-hidden="true" key={index} />
      ))}
    </div>
  );
}

export function PageLoading() {
  const { t } = useTranslation();
  return (
    <div className="page-loading">
      <p role="status">{t('common.loading')}</p>
      <SkeletonRows rows={3} />
    </div>
  );
}
