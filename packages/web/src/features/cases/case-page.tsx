import type { Case, CaseSection, Me } from '@opennrm/domain';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, NavLink, Route, Routes, useParams } from 'react-router-dom';
import { useSession } from '../../api/auth';
import { useCase } from '../../api/cases';
import { TASKS_KEY, useWorkflow, workflowKey } from '../../api/workflow';
import { Flash } from '../../components/flash';
import { errorMessage } from '../../components/form-errors';
import { PageLoading } from '../../components/loading';
import { Notice } from '../../components/notice';
import { usePageTitle } from '../../components/page-title';
import { hasPermission } from '../../lib/permissions';
import { CaseDocumentsSection } from '../documents';
import { DossierExport } from '../dossier';
import { FollowUpsPanel } from '../follow-ups';
import { ProcedureMapLink } from '../procedure-map';
import { CaseReferralsSection } from '../referrals';
import { ScreeningInterview } from '../screening';
import { TasksPanel } from '../tasks';
import { WorkflowPanel } from '../workflow';
import { DuplicateCheck } from './duplicate-check';
import { IdentityBar } from './identity-bar';
import { NextAction } from './next-action';
import { AccessLogSection } from './sections/access-log-section';
import { ConsentsSection } from './sections/consents-section';
import { NotShared } from './sections/not-shared';
import { PartiesSection } from './sections/parties-section';
import { PersonSection } from './sections/person-section';
import { TimelineSection } from './sections/timeline-section';

interface NavItem {
  path: string;
  /** Translation key of the section's name. */
  label: string;
  section: CaseSection | null;
}

const nav = (path: string, key: string, section: CaseSection | null): NavItem => ({
  path,
  label: `casePage.sections.${key}`,
  section,
});

/** The sections of the case; the workflow's come after the person and the screening. */
function navFor(me: Me | null, hasFollowUps: boolean): NavItem[] {
  const nrm = hasPermission(me, 'cases.manage');
  return [
    nav('person', 'person', 'person'),
    nav('screening', 'screening', 'screening'),
    ...(nrm ? [{ path: 'workflow', label: 'workflow.sections.workflow', section: null }] : []),
    ...(nrm || hasPermission(me, 'tasks.work')
      ? [{ path: 'tasks', label: 'workflow.sections.tasks', section: null }]
      : []),
    ...(hasPermission(me, 'referrals.send') || hasPermission(me, 'referrals.respond')
      ? [{ path: 'referrals', label: 'workflow.sections.referrals', section: null }]
      : []),
    ...(nrm && hasFollowUps
      ? [{ path: 'follow-ups', label: 'workflow.sections.followUps', section: null }]
      : []),
    // Every reader of the case; an agency sees only the documents shared with it.
    { path: 'documents', label: 'documents.section', section: null },
    nav('parties', 'parties', 'parties'),
    nav('consents', 'consents', 'consents'),
    nav('timeline', 'timeline', 'timeline'),
    ...(hasPermission(me, 'cases.access_log') ? [nav('access-log', 'accessLog', null)] : []),
  ];
}

/**
 * The SOP reads the case (its assignee, confirmed category, risk): when the case changes, from
 * any form on the page, its workflow and tasks are read again.
 */
function useFollowCaseChanges(caseId: string, version: number | undefined) {
  const queryClient = useQueryClient();
  const seen = useRef(version);
  useEffect(() => {
    if (version === undefined || seen.current === version) return;
    const first = seen.current === undefined;
    seen.current = version;
    if (first) return;
    void queryClient.invalidateQueries({ queryKey: workflowKey(caseId) });
    void queryClient.invalidateQueries({ queryKey: [TASKS_KEY] });
  }, [queryClient, caseId, version]);
}

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
  const nrm = hasPermission(me, 'cases.manage');
  const workflow = useWorkflow(id, nrm && Boolean(found)).data?.data;
  useFollowCaseChanges(id, found?.version);
  usePageTitle(found ? found.reference : t('casePage.caption'));
  if (query.isPending) return <PageLoading />;
  if (!found) return <Notice tone="error" title={errorMessage(t, query.error)} />;
  const canLog = hasPermission(me, 'cases.access_log');
  const items = navFor(me, (workflow?.followUps.length ?? 0) > 0);
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
            {items.map((item) => (
              <li key={item.path}>
                <NavLink className="side-nav__link" to={`${base}/${item.path}`}>
                  {t(item.label)}
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
            {nrm ? (
              <Route
                path="workflow"
                element={
                  <>
                    <div className="section-heading case-section__title">
                      <h2 className="heading-l">{t('workflow.sections.workflow')}</h2>
                      <ProcedureMapLink caseId={found.id} />
                    </div>
                    <WorkflowPanel found={found} />
                  </>
                }
              />
            ) : null}
            <Route
              path="tasks"
              element={
                <>
                  <SectionTitle>{t('workflow.sections.tasks')}</SectionTitle>
                  <TasksPanel found={found} />
                </>
              }
            />
            <Route
              path="referrals"
              element={
                <>
                  <SectionTitle>{t('workflow.sections.referrals')}</SectionTitle>
                  <CaseReferralsSection caseId={found.id} />
                </>
              }
            />
            {nrm ? (
              <Route
                path="follow-ups"
                element={
                  <>
                    <SectionTitle>{t('workflow.sections.followUps')}</SectionTitle>
                    <FollowUpsPanel found={found} />
                  </>
                }
              />
            ) : null}
            <Route
              path="documents"
              element={
                <>
                  <SectionTitle>{t('documents.section')}</SectionTitle>
                  <CaseDocumentsSection caseId={found.id} />
                  <DossierExport caseId={found.id} />
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
