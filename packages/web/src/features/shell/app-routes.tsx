import type { IntakeKind, Permission } from '@opennrm/domain';
import { lazy, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useSession } from '../../api/auth';
import { sessionStore } from '../../api/session-store';
import { PageLoading } from '../../components/loading';
import { intakeKindsFor } from '../../lib/intake-kinds';
import { hasPermission } from '../../lib/permissions';
import { LoginPage, SetupMfaPage, SetupPasswordPage } from '../auth';
import { AppShell } from './app-shell';
import { HomePage } from './home-page';
import { NotFoundPage } from './not-found-page';
import { pages } from './pages';
import { ServiceProblemPage } from './service-problem-page';
import { useProfileLanguage } from './use-profile-language';

const ProfilePage = lazy(() => pages.profile().then((m) => ({ default: m.ProfilePage })));
const ProfileMfaPage = lazy(() => pages.profileMfa().then((m) => ({ default: m.ProfileMfaPage })));
const OrganisationsPage = lazy(() => pages.organisations().then((m) => ({ default: m.OrganisationsPage })));
const OrganisationNewPage = lazy(() =>
  pages.organisationNew().then((m) => ({ default: m.OrganisationNewPage })),
);
const OrganisationEditPage = lazy(() =>
  pages.organisationEdit().then((m) => ({ default: m.OrganisationEditPage })),
);
const UsersPage = lazy(() => pages.users().then((m) => ({ default: m.UsersPage })));
const UserNewPage = lazy(() => pages.userNew().then((m) => ({ default: m.UserNewPage })));
const UserEditPage = lazy(() => pages.userEdit().then((m) => ({ default: m.UserEditPage })));
const AuditPage = lazy(() => pages.audit().then((m) => ({ default: m.AuditPage })));
const SopListPage = lazy(() => pages.sops().then((m) => ({ default: m.SopListPage })));
const SopPage = lazy(() => pages.sop().then((m) => ({ default: m.SopPage })));
const SopComparePage = lazy(() => pages.sopCompare().then((m) => ({ default: m.SopComparePage })));
const SopEditPage = lazy(() => pages.sopEdit().then((m) => ({ default: m.SopEditPage })));
const CalendarPage = lazy(() => pages.calendar().then((m) => ({ default: m.CalendarPage })));
const CaseListPage = lazy(() => pages.cases().then((m) => ({ default: m.CaseListPage })));
const CasePage = lazy(() => pages.case().then((m) => ({ default: m.CasePage })));
const IntakeStartPage = lazy(() => pages.intake().then((m) => ({ default: m.IntakeStartPage })));
const WalkInPage = lazy(() => pages.walkIn().then((m) => ({ default: m.WalkInPage })));
const WalkInCasePage = lazy(() => pages.walkInCase().then((m) => ({ default: m.WalkInCasePage })));
const HotlinePage = lazy(() => pages.hotline().then((m) => ({ default: m.HotlinePage })));
const ReferralPage = lazy(() => pages.referral().then((m) => ({ default: m.ReferralPage })));
const InboxPage = lazy(() => pages.inbox().then((m) => ({ default: m.InboxPage })));
const NotificationsPage = lazy(() => pages.notifications().then((m) => ({ default: m.NotificationsPage })));
const MyTasksPage = lazy(() => pages.tasks().then((m) => ({ default: m.MyTasksPage })));
const ProcedureMapPage = lazy(() =>
  import('../procedure-map')
    .then((m) => m.procedureMapPages.procedureMap())
    .then((m) => ({ default: m.ProcedureMapPage })),
);

/** Only same-site paths are followed after sign-in, never another origin. */
export function safeNext(search: string): string {
  const next = new URLSearchParams(search).get('next');
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}

function ToLogin() {
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  const search = here === '/' || sessionStore.signedOutByUser() ? '' : `?next=${encodeURIComponent(here)}`;
  return <Navigate to={`/login${search}`} replace />;
}

/** Keeps `?next=` while the user passes through the sign-in steps. */
function ToStep({ path }: { path: string }) {
  const location = useLocation();
  const search =
    location.pathname.startsWith('/login') || location.pathname.startsWith('/setup') ? location.search : '';
  return <Navigate to={{ pathname: path, search }} replace />;
}

function AfterSignIn() {
  const location = useLocation();
  return <Navigate to={safeNext(location.search)} replace />;
}

function Guard({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { me } = useSession();
  return hasPermission(me, permission) ? children : <NotFoundPage />;
}

function IntakeGuard({ kind, children }: { kind: IntakeKind; children: ReactNode }) {
  const { me } = useSession();
  return intakeKindsFor(me).includes(kind) ? children : <NotFoundPage />;
}

export function AppRoutes() {
  const { me, stage, isLoading, isFetching, error } = useSession();
  useProfileLanguage();

  if (isLoading) return <PageLoading />;
  if (error && !stage) return <ServiceProblemPage />;

  switch (stage) {
    case null:
    case 'mfa_required':
      return (
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route path="*" element={<ToLogin />} />
        </Routes>
      );
    case 'mfa_enrolment_required':
      return (
        <Routes>
          <Route path="/setup/second-factor" element={<SetupMfaPage />} />
          <Route path="*" element={<ToStep path="/setup/second-factor" />} />
        </Routes>
      );
    case 'password_change_required':
      return (
        <Routes>
          <Route path="/setup/password" element={<SetupPasswordPage />} />
          <Route path="*" element={<ToStep path="/setup/password" />} />
        </Routes>
      );
    case 'authenticated':
      if (!me) return isFetching ? <PageLoading /> : <ServiceProblemPage />;
      return (
        <AppShell>
          <Routes>
            <Route path="/" element={<HomePage />} />
            <Route path="/login" element={<AfterSignIn />} />
            <Route path="/setup/*" element={<AfterSignIn />} />
            <Route path="/profile" element={<ProfilePage />} />
            <Route path="/profile/second-factor" element={<ProfileMfaPage />} />
            <Route
              path="/organisations"
              element={
                <Guard permission="organisations.read">
                  <OrganisationsPage />
                </Guard>
              }
            />
            <Route
              path="/organisations/new"
              element={
                <Guard permission="organisations.manage">
                  <OrganisationNewPage />
                </Guard>
              }
            />
            <Route
              path="/organisations/:id"
              element={
                <Guard permission="organisations.read">
                  <OrganisationEditPage />
                </Guard>
              }
            />
            <Route
              path="/users"
              element={
                <Guard permission="users.read">
                  <UsersPage />
                </Guard>
              }
            />
            <Route
              path="/users/new"
              element={
                <Guard permission="users.manage">
                  <UserNewPage />
                </Guard>
              }
            />
            <Route
              path="/users/:id"
              element={
                <Guard permission="users.read">
                  <UserEditPage />
                </Guard>
              }
            />
            <Route
              path="/audit"
              element={
                <Guard permission="audit.read">
                  <AuditPage />
                </Guard>
              }
            />
            <Route
              path="/sops"
              element={
                <Guard permission="sop.read">
                  <SopListPage />
                </Guard>
              }
            />
            <Route
              path="/sops/calendar"
              element={
                <Guard permission="sop.read">
                  <CalendarPage />
                </Guard>
              }
            />
            <Route
              path="/sops/:sopId"
              element={
                <Guard permission="sop.read">
                  <SopPage />
                </Guard>
              }
            />
            <Route
              path="/sops/:sopId/compare"
              element={
                <Guard permission="sop.read">
                  <SopComparePage />
                </Guard>
              }
            />
            <Route
              path="/sops/:sopId/edit"
              element={
                <Guard permission="sop.manage">
                  <SopEditPage />
                </Guard>
              }
            />
            <Route
              path="/cases"
              element={
                <Guard permission="cases.list">
                  <CaseListPage />
                </Guard>
              }
            />
            <Route
              path="/cases/:id/map"
              element={
                <Guard permission="cases.list">
                  <ProcedureMapPage />
                </Guard>
              }
            />
            <Route
              path="/cases/:id/*"
              element={
                <Guard permission="cases.list">
                  <CasePage />
                </Guard>
              }
            />
            <Route
              path="/tasks"
              element={
                <Guard permission="tasks.work">
                  <MyTasksPage />
                </Guard>
              }
            />
            <Route
              path="/notifications"
              element={
                <Guard permission="notifications.own">
                  <NotificationsPage />
                </Guard>
              }
            />
            <Route
              path="/inbox"
              element={
                <Guard permission="referrals.respond">
                  <InboxPage />
                </Guard>
              }
            />
            <Route
              path="/inbox/:id"
              element={
                <Guard permission="referrals.respond">
                  <InboxPage />
                </Guard>
              }
            />
            <Route
              path="/intake"
              element={
                <Guard permission="cases.create">
                  <IntakeStartPage />
                </Guard>
              }
            />
            <Route
              path="/intake/walk-in"
              element={
                <IntakeGuard kind="walk_in">
                  <WalkInPage />
                </IntakeGuard>
              }
            />
            <Route
              path="/intake/walk-in/:id"
              element={
                <IntakeGuard kind="walk_in">
                  <WalkInCasePage />
                </IntakeGuard>
              }
            />
            <Route
              path="/intake/walk-in/:id/:step"
              element={
                <IntakeGuard kind="walk_in">
                  <WalkInCasePage />
                </IntakeGuard>
              }
            />
            <Route
              path="/intake/hotline"
              element={
                <IntakeGuard kind="hotline">
                  <HotlinePage />
                </IntakeGuard>
              }
            />
            <Route
              path="/intake/referral"
              element={
                <IntakeGuard kind="first_responder">
                  <ReferralPage />
                </IntakeGuard>
              }
            />
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </AppShell>
      );
  }
}
