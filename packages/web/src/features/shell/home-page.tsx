import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useSession } from '../../api/auth';
import { IntakeCards } from '../../components/intake-cards';
import { Notice } from '../../components/notice';
import { organisationName } from '../../components/organisation-labels';
import { usePageTitle } from '../../components/page-title';
import { intakeKindsFor } from '../../lib/intake-kinds';
import { hasPermission } from '../../lib/permissions';
import { sectionsFor } from './sections';
import { WorkSummary } from './work-summary';

/** Answers "what can I do here?" with the sections this role may use. */
export function HomePage() {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  usePageTitle(t('home.title'));
  if (!me) return null;
  const readOnly: Partial<Record<string, boolean>> = {
    organisations: !hasPermission(me, 'organisations.manage'),
    users: !hasPermission(me, 'users.manage'),
    cases: !hasPermission(me, 'cases.manage'),
    sops: !hasPermission(me, 'sop.manage'),
  };
  const kinds = intakeKindsFor(me);

  return (
    <>
      <h1 className="heading-xl">{t('home.welcome', { name: me.displayName })}</h1>
      <p className="lead">
        {t('home.signedInAs', {
          role: t(`roles.${me.role}`),
          organisation: organisationName(me.organisation, i18n.language),
        })}
      </p>
      {!me.mfaEnabled ? (
        <Notice tone="info" title={t('home.mfaNudgeTitle')}>
          <p>
            {t('home.mfaNudgeBody')} <Link to="/profile/second-factor">{t('home.mfaNudgeLink')}</Link>
          </p>
        </Notice>
      ) : null}
      {hasPermission(me, 'cases.manage') ? <WorkSummary /> : null}
      {kinds.length > 0 ? (
        <section aria-labelledby="intake-title" className="home-section">
          <h2 className="heading-m" id="intake-title">
            {t('home.intakeTitle')}
          </h2>
          <IntakeCards kinds={kinds} />
        </section>
      ) : null}
      <h2 className="heading-m">{t('home.whatYouCanDo')}</h2>
      <ul className="cards">
        {sectionsFor(me)
          .filter((section) => section.key !== 'intake')
          .map((section) => {
            const variant = readOnly[section.key] ? 'read' : 'manage';
            return (
              <li className="card" key={section.key}>
                <h3 className="card__title">
                  <Link className="card__link" to={section.path}>
                    {t(`home.cards.${section.key}.${variant}.action`)}
                  </Link>
                </h3>
                <p className="card__text">{t(`home.cards.${section.key}.${variant}.description`)}</p>
              </li>
            );
          })}
      </ul>
    </>
  );
}
