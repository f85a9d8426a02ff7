import { useTranslation } from 'react-i18next';
import { Link, type To } from 'react-router-dom';

/** "Back", to the list or page this one was opened from. */
export function BackLink({ to }: { to: To }) {
  const { t } = useTranslation();
  return (
    <p>
      <Link className="back-link" to={to}>
        {t('common.back')}
      </Link>
    </p>
  );
}
