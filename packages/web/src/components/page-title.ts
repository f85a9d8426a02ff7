import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the browser tab title; prefixed when the page shows errors, as GOV.UK advises. */
export function usePageTitle(title: string, hasErrors = false): void {
  const { t } = useTranslation();
  const product = t('app.name');
  const prefix = hasErrors ? `${t('common.errorPrefix')} ` : '';
  useEffect(() => {
    document.title = `${prefix}${title} – ${product}`;
  }, [title, prefix, product]);
}
