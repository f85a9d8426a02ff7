import { useTranslation } from 'react-i18next';

/** A calm note in place of a part of the case that was not shared with the reader. */
export function NotShared() {
  const { t } = useTranslation();
  return (
    <div className="not-shared">
      <p className="not-shared__title">{t('casePage.notSharedTitle')}</p>
      <p>{t('casePage.notSharedBody')}</p>
    </div>
  );
}
