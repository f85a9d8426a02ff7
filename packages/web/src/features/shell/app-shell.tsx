import { type ReactNode, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useLocation } from 'react-router-dom';
import { useSession, useSignOut } from '../../api/auth';
import { ErrorBoundary } from '../../components/error-boundary';
import { LanguageSwitch } from '../../components/language-switch';
import { PageLoading } from '../../components/loading';
import { organisationName } from '../../components/organisation-labels';
import { SiteFooter } from '../../components/site-footer';
import { NotificationBell } from '../notifications';
import { preloadPages } from './pages';
import { sectionsFor } from './sections';

/** The identity bar, navigation by role, and the page itself. */
export function AppShell({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const signOut = useSignOut();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const firstRender = useRef(true);

  // After moving to another page, start reading and tabbing from the new page's content.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each change of page
  useEffect(() => {
    setMenuOpen(false);
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: false });
  }, [location.pathname]);

  useEffect(() => {
    if (!me) return;
    const timer = window.setTimeout(() => preloadPages(me), 300);
    return () => window.clearTimeout(timer);
  }, [me]);

  if (!me) return null;
  const sections = sectionsFor(me);

  return (
    <div className="page">
      <a className="skip-link" href="#main-content">
        {t('shell.skipToContent')}
      </a>
      <header className="header">
        <div className="header__inner width-container">
          <div className="header__brand">
            <Link className="header__product" to="/">
              {t('app.name')}
            </Link>
            <span className="header__tagline">{t('app.tagline')}</span>
          </div>
          <button
            type="button"
            className="header__menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="primary-navigation"
            ref={toggleRef}
            onClick={() => setMenuOpen((open) => !open)}
          >
            {t('shell.menu')}
          </button>
          <div className="header__identity">
            <p className="header__user">
              <span className="visually-hidden">{t('shell.signedInAs')} </span>
              <strong>{me.displayName}</strong>
              <span className="header__org">{organisationName(me.organisation, i18n.language)}</span>
            </p>
            <NotificationBell />
            <LanguageSwitch compact />
            <button type="button" className="button button--inverse" onClick={() => void signOut()}>
              {t('shell.signOut')}
            </button>
          </div>
        </div>
      </header>
      <nav
        id="primary-navigation"
        className={menuOpen ? 'primary-nav primary-nav--open' : 'primary-nav'}
        aria-label={t('shell.navigationLabel')}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && menuOpen) {
            setMenuOpen(false);
            toggleRef.current?.focus();
          }
        }}
      >
        <ul className="primary-nav__list width-container">
          <li>
            <NavLink className="primary-nav__link" to="/" end>
              {t('nav.home')}
            </NavLink>
          </li>
          {sections.map((section) => (
            <li key={section.key}>
              <NavLink className="primary-nav__link" to={section.path}>
                {t(`nav.${section.key}`)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main-content" className="main width-container" tabIndex={-1} ref={mainRef}>
        <ErrorBoundary resetKey={location.pathname}>
          <Suspense fallback={<PageLoading />}>{children}</Suspense>
        </ErrorBoundary>
      </main>
      <SiteFooter />
    </div>
  );
}
