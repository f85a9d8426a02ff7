import type { Case, CaseSection } from '@opennrm/domain';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, NavLink, Route, Routes, useParams } from 'react-router-dom';
import { useSession } from '../../api/auth';
import { useCase } from '../../api/cases';
import { Flash } from '../../components/flash';
import { errorMessage } from '../../components/form-errors';
import { PageLoading } from '../../components/loading';
import { Notice } from '../../components/notice';
import { usePageTitle } from '../../components/page-title';
import { ScreeningInterview } from '../screening/screening-interview';
import { hasPermission } from '../shell/sections';
import { DuplicateCheck } from './duplicate-check';
import { IdentityBar } from './identity-bar';
import { NextAction } from './next-action';
import { AccessLogSection } from './sections/access-log-section';
import { ConsentsSection } from './sections/consents-section';
import { NotShared } from './sections/not-shared';
import { PartiesSection } from './sections/parties-section';
import { PersonSection } from './sections/person-section';
import { TimelineSection } from './sections/timeline-section';

const NAV: readonly { path: string; key: string; section: CaseSection | null }[] = [
  { path: 'person', key: 'person', section: 'person' },
  { path: 'screening', key: 'screening', section: 'screening' },
  { path: 'parties', key: 'parties', section: 'parties' },
  { path: 'consents', key: 'consents', section: 'consents' },
  { path: 'timeline', key: 'timeline', section: 'timeline' },
];

function Shared({ found, section, children }: { found: Case; section: CaseSection; children: ReactNode }) {
  return found.sections.includes(section) ? children : <NotShared />;
}

function SectionTitle({ children }: { children: ReactNode }) {
  return <h2 className="heading-l case-section__title">{children}</h2>;
}

export function CasePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { me } = useSession();
  const query = useCase(id);
  const found = query.data?.data;
  const etag = query.data?.etag ?? null;
  usePageTitle(found ? found.reference : t('casePage.caption'));
  if (query.isPending) return <PageLoading />;
  if (!found) return <Notice tone="error" title={errorMessage(t, query.error)} />;
  const canLog = hasPermission(me, 'cases.access_log');
  const nav = [...NAV, ...(canLog ? [{ path: 'access-log', key: 'accessLog', section: null }] : [])];
  const base = `/cases/${found.id}`;

  return (
    <>
      <p>
        <Link className="back-link" to="/cases">
          {t('casePage.back')}
        </Link>
      </p>
      <Flash />
      <IdentityBar found={found} />
      <NextAction found={found} etag={etag} />
      {found.duplicateCheck === 'pending' && found.person && hasPermission(me, 'persons.search') ? (
        <DuplicateCheck found={found} etag={etag} />
      ) : null}
      <div className="case-layout">
        <nav className="side-nav" aria-label={t('casePage.sectionsLabel')}>
          <ul className="side-nav__list">
            {nav.map((item) => (
              <li key={item.path}>
                <NavLink className="side-nav__link" to={`${base}/${item.path}`}>
                  {t(`casePage.sections.${item.key}`)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="case-layout__content">
          <Routes>
            <Route index element={<Navigate to="person" replace />} />
            <Route
              path="person"
              element={
                <>
                  <SectionTitle>{t('casePage.sections.person')}</SectionTitle>
                  <PersonSection found={found} etag={etag} />
                </>
              }
            />
            <Route
              path="screening"
              element={
                <>
                  <SectionTitle>{t('casePage.sections.screening')}</SectionTitle>
                  <Shared found={found} section="screening">
                    <ScreeningInterview found={found} />
                  </Shared>
                </>
              }
            />
            <Route
              path="parties"
              element={
                <>
                  <SectionTitle>{t('casePage.sections.parties')}</SectionTitle>
                  <Shared found={found} section="parties">
                    <PartiesSection found={found} />
                  </Shared>
                </>
              }
            />
            <Route
              path="consents"
              element={
                <>
                  <SectionTitle>{t('casePage.sections.consents')}</SectionTitle>
                  <Shared found={found} section="consents">
                    <ConsentsSection found={found} />
                  </Shared>
                </>
              }
            />
            <Route
              path="timeline"
              element={
                <>
                  <SectionTitle>{t('casePage.sections.timeline')}</SectionTitle>
                  <Shared found={found} section="timeline">
                    <TimelineSection caseId={found.id} />
                  </Shared>
                </>
              }
            />
            {canLog ? (
              <Route
                path="access-log"
                element={
                  <>
                    <SectionTitle>{t('casePage.sections.accessLog')}</SectionTitle>
                    <AccessLogSection caseId={found.id} />
                  </>
                }
              />
            ) : null}
            <Route path="*" element={<Navigate to="person" replace />} />
          </Routes>
        </div>
      </div>
    </>
  );
}
