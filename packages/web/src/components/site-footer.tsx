import { useTranslation } from 'react-i18next';

export function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="footer">
      <div className="footer__inner width-container">
        <p className="footer__text">{t('app.footer')}</p>
        <ul className="footer__links">
          <li>
            <a href="/api/docs">{t('shell.apiReference')}</a>
          </li>
        </ul>
      </div>
    </footer>
  );
}
