import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/language-switch';
import { SiteFooter } from '../../components/site-footer';

/** The frame of the sign-in pages: product name and language switch, nothing to navigate. */
export function AuthLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="page">
      <a className="skip-link" href="#main-content">
        {t('shell.skipToContent')}
      </a>
      <header className="header">
        <div className="header__inner width-container">
          <div className="header__brand">
            <span className="header__product">{t('app.name')}</span>
            <span className="header__tagline">{t('app.tagline')}</span>
          </div>
          <div className="header__identity header__identity--always">
            <LanguageSwitch compact />
          </div>
        </div>
      </header>
      <main id="main-content" className="main width-container" tabIndex={-1}>
        <div className="narrow">{children}</div>
      </main>
      <SiteFooter />
    </div>
  );
}
