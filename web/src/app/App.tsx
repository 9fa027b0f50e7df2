import { Suspense, lazy, useEffect, useRef, type ReactNode } from 'react';
import type { SessionUser } from '../../../src/contracts/auth.js';
import { AddAlertPage } from '../pages/add-alert/AddAlertPage.js';
import { AddChildPage } from '../pages/add-child/AddChildPage.js';
import { AddStatusEpisodePage } from '../pages/add-status-episode/AddStatusEpisodePage.js';
import { ChildSummaryPage } from '../pages/child-summary/ChildSummaryPage.js';
import { CohortPage } from '../pages/cohort/CohortPage.js';
import { EndRecordPage } from '../pages/end-record/EndRecordPage.js';
import { FindChildPage } from '../pages/find-child/FindChildPage.js';
import { ForbiddenPage, PageNotFound } from '../pages/not-found/NotFoundPage.js';
import { RecordBirthPage } from '../pages/record-birth/RecordBirthPage.js';

import { SignInPage } from '../pages/sign-in/SignInPage.js';
import { Footer, Header, MainContainer, SkipLink } from './Layout.js';
import { LoadFailed, Loading } from './page.js';
import { matchPath, navigate, useLocation } from './router.js';
import { can, SessionProvider, useSession } from './session.js';

// The LAC health pages (#4) load on first use: most users (ED, health visiting, GPs) never open them.
const AssessmentOutcomePage = lazy(() => import('../pages/assessment-outcome/AssessmentOutcomePage.js').then((m) => ({ default: m.AssessmentOutcomePage })));
const BreachReasonPage = lazy(() => import('../pages/breach-reason/BreachReasonPage.js').then((m) => ({ default: m.BreachReasonPage })));
const CareLeaversPage = lazy(() => import('../pages/lac-care-leavers/CareLeaversPage.js').then((m) => ({ default: m.CareLeaversPage })));
const ChildLacHealthPage = lazy(() => import('../pages/child-lac-health/ChildLacHealthPage.js').then((m) => ({ default: m.ChildLacHealthPage })));
const CompleteAssessmentPage = lazy(() => import('../pages/complete-assessment/CompleteAssessmentPage.js').then((m) => ({ default: m.CompleteAssessmentPage })));
const HealthPassportPage = lazy(() => import('../pages/health-passport/HealthPassportPage.js').then((m) => ({ default: m.HealthPassportPage })));
const HealthPlanPage = lazy(() => import('../pages/health-plan/HealthPlanPage.js').then((m) => ({ default: m.HealthPlanPage })));
const LacExceptionsPage = lazy(() => import('../pages/lac-exceptions/LacExceptionsPage.js').then((m) => ({ default: m.LacExceptionsPage })));
const LacImportPage = lazy(() => import('../pages/lac-import/LacImportPage.js').then((m) => ({ default: m.LacImportPage })));
const LacQaPage = lazy(() => import('../pages/lac-qa/LacQaPage.js').then((m) => ({ default: m.LacQaPage })));
const LacWorklistPage = lazy(() => import('../pages/lac-worklist/LacWorklistPage.js').then((m) => ({ default: m.LacWorklistPage })));
const Oc2Page = lazy(() => import('../pages/oc2/Oc2Page.js').then((m) => ({ default: m.Oc2Page })));
const QaReviewPage = lazy(() => import('../pages/qa-review/QaReviewPage.js').then((m) => ({ default: m.QaReviewPage })));
const RecordContributionPage = lazy(() => import('../pages/record-contribution/RecordContributionPage.js').then((m) => ({ default: m.RecordContributionPage })));
const RecordSdqPage = lazy(() => import('../pages/record-sdq/RecordSdqPage.js').then((m) => ({ default: m.RecordSdqPage })));
const RequestAssessmentPage = lazy(() => import('../pages/request-assessment/RequestAssessmentPage.js').then((m) => ({ default: m.RequestAssessmentPage })));

// Safeguarding events, worklists, chronology, closed loops and drift (#3): loaded on first use.
const TeamWorklistPage = lazy(() => import('../pages/team-worklist/TeamWorklistPage.js').then((m) => ({ default: m.TeamWorklistPage })));
const RecordEventPage = lazy(() => import('../pages/record-event/RecordEventPage.js').then((m) => ({ default: m.RecordEventPage })));
const EdAttendancePage = lazy(() => import('../pages/record-event/EdAttendancePage.js').then((m) => ({ default: m.EdAttendancePage })));
const ChronologyPage = lazy(() => import('../pages/chronology/ChronologyPage.js').then((m) => ({ default: m.ChronologyPage })));
const MashReferralPage = lazy(() => import('../pages/mash-referral/MashReferralPage.js').then((m) => ({ default: m.MashReferralPage })));
const NewConferencePage = lazy(() => import('../pages/cp-conference/NewConferencePage.js').then((m) => ({ default: m.NewConferencePage })));
const GpReportPage = lazy(() => import('../pages/cp-conference/GpReportPage.js').then((m) => ({ default: m.GpReportPage })));
const LoopsPage = lazy(() => import('../pages/loops/LoopsPage.js').then((m) => ({ default: m.LoopsPage })));
const RoutingRulesPage = lazy(() => import('../pages/routing-rules/RoutingRulesPage.js').then((m) => ({ default: m.RoutingRulesPage })));
const BreakGlassPage = lazy(() => import('../pages/break-glass/BreakGlassPage.js').then((m) => ({ default: m.BreakGlassPage }))); // #5 break-glass
const BreakGlassByNhsNumberPage = lazy(() => import('../pages/break-glass/BreakGlassPage.js').then((m) => ({ default: m.BreakGlassByNhsNumberPage }))); // #5 break-glass
const BreakGlassReviewPage = lazy(() => import('../pages/break-glass-review/BreakGlassReviewPage.js').then((m) => ({ default: m.BreakGlassReviewPage }))); // #5 break-glass
const AccessReviewPage = lazy(() => import('../pages/access-review/AccessReviewPage.js').then((m) => ({ default: m.AccessReviewPage }))); // #5 access review
const UnusualAccessPage = lazy(() => import('../pages/unusual-access/UnusualAccessPage.js').then((m) => ({ default: m.UnusualAccessPage }))); // #5 access review
const ConsentPage = lazy(() => import('../pages/consent/ConsentPage.js').then((m) => ({ default: m.ConsentPage }))); // #5 consent
const WithdrawConsentPage = lazy(() => import('../pages/consent/WithdrawConsentPage.js').then((m) => ({ default: m.WithdrawConsentPage }))); // #5 consent
const SharePage = lazy(() => import('../pages/consent/SharePage.js').then((m) => ({ default: m.SharePage }))); // #5 consent
const DriftPage = lazy(() => import('../pages/drift/DriftPage.js').then((m) => ({ default: m.DriftPage })));

interface Route {
  path: string;
  render: (params: Record<string, string>) => ReactNode;
  /** Permission the page needs: [resource, action]. */
  needs?: readonly [string, string];
}

/** Order matters: `/children/new` before `/children/:childId`. */
const ROUTES: readonly Route[] = [
  { path: '/', render: () => <FindChildPage />, needs: ['child', 'search'] },
  { path: '/break-glass/review', render: () => <BreakGlassReviewPage />, needs: ['break_glass', 'review'] }, // #5 break-glass
  { path: '/break-glass/request', render: () => <BreakGlassByNhsNumberPage />, needs: ['break_glass', 'create'] }, // #5 break-glass
  { path: '/children/new', render: () => <AddChildPage />, needs: ['child', 'create'] },
  { path: '/children/:childId', render: ({ childId }) => <ChildSummaryPage childId={childId!} /> },
  { path: '/children/:childId/break-glass', render: ({ childId }) => <BreakGlassPage childId={childId!} />, needs: ['break_glass', 'create'] }, // #5 break-glass
  { path: '/children/:childId/consents', render: ({ childId }) => <ConsentPage childId={childId!} />, needs: ['consent', 'read'] }, // #5 consent
  { path: '/children/:childId/consents/:consentId/withdraw', render: ({ childId, consentId }) => <WithdrawConsentPage childId={childId!} consentId={consentId!} />, needs: ['consent', 'update'] }, // #5 consent
  { path: '/children/:childId/share', render: ({ childId }) => <SharePage childId={childId!} />, needs: ['share', 'create'] }, // #5 consent
  { path: '/children/:childId/access-review', render: ({ childId }) => <AccessReviewPage childId={childId!} /> }, // #5 access review (the server decides: named professionals too)
  { path: '/access-review/unusual', render: () => <UnusualAccessPage />, needs: ['access_review', 'read'] }, // #5 access review
  { path: '/children/:childId/status-episodes/new', render: ({ childId }) => <AddStatusEpisodePage childId={childId!} />, needs: ['status_episode', 'create'] },
  {
    path: '/children/:childId/status-episodes/:episodeId/end',
    render: ({ childId, episodeId }) => <EndRecordPage kind="episode" childId={childId!} recordId={episodeId!} />,
    needs: ['status_episode', 'update'],
  },
  { path: '/children/:childId/flags/new', render: ({ childId }) => <AddAlertPage childId={childId!} />, needs: ['flag', 'create'] },
  { path: '/children/:childId/flags/:flagId/end', render: ({ childId, flagId }) => <EndRecordPage kind="flag" childId={childId!} recordId={flagId!} />, needs: ['flag', 'update'] },
  { path: '/children/:childId/birth', render: ({ childId }) => <RecordBirthPage childId={childId!} />, needs: ['child', 'update'] },
  { path: '/cohort', render: () => <CohortPage />, needs: ['cohort', 'read'] },

  // Looked-after children's health (#4)
  { path: '/lac', render: () => <LacWorklistPage />, needs: ['health_assessment', 'read'] },
  { path: '/lac/exceptions', render: () => <LacExceptionsPage />, needs: ['health_assessment', 'read'] },
  { path: '/lac/care-leavers', render: () => <CareLeaversPage />, needs: ['health_assessment', 'read'] },
  { path: '/lac/oc2', render: () => <Oc2Page />, needs: ['lac_report', 'read'] },
  { path: '/lac/qa', render: () => <LacQaPage />, needs: ['qa_review', 'read'] },
  { path: '/lac/import', render: () => <LacImportPage />, needs: ['status_episode', 'create'] },
  { path: '/children/:childId/lac-health', render: ({ childId }) => <ChildLacHealthPage childId={childId!} />, needs: ['health_assessment', 'read'] },
  { path: '/children/:childId/health-passport', render: ({ childId }) => <HealthPassportPage childId={childId!} />, needs: ['health_assessment', 'read'] },
  { path: '/children/:childId/health-assessments/new', render: ({ childId }) => <RequestAssessmentPage childId={childId!} />, needs: ['health_assessment', 'create'] },
  {
    path: '/children/:childId/health-assessments/:assessmentId/complete',
    render: ({ childId, assessmentId }) => <CompleteAssessmentPage childId={childId!} assessmentId={assessmentId!} />,
    needs: ['health_assessment', 'update'],
  },
  {
    path: '/children/:childId/health-assessments/:assessmentId/breach-reason',
    render: ({ childId, assessmentId }) => <BreachReasonPage childId={childId!} assessmentId={assessmentId!} />,
    needs: ['health_assessment', 'update'],
  },
  {
    path: '/children/:childId/health-assessments/:assessmentId/outcome',
    render: ({ childId, assessmentId }) => <AssessmentOutcomePage childId={childId!} assessmentId={assessmentId!} />,
    needs: ['health_assessment', 'update'],
  },
  {
    path: '/children/:childId/health-assessments/:assessmentId/contributions/:contributor',
    render: ({ childId, assessmentId, contributor }) => <RecordContributionPage childId={childId!} assessmentId={assessmentId!} contributor={contributor!} />,
    needs: ['health_assessment', 'update'],
  },
  {
    path: '/children/:childId/health-assessments/:assessmentId/qa',
    render: ({ childId, assessmentId }) => <QaReviewPage childId={childId!} assessmentId={assessmentId!} />,
    needs: ['qa_review', 'create'],
  },
  { path: '/children/:childId/health-plan', render: ({ childId }) => <HealthPlanPage childId={childId!} />, needs: ['health_plan', 'create'] },
  { path: '/children/:childId/sdq/new', render: ({ childId }) => <RecordSdqPage childId={childId!} />, needs: ['sdq', 'create'] },

  // Safeguarding events (#3)
  { path: '/worklists', render: () => <TeamWorklistPage />, needs: ['worklist', 'read'] },
  { path: '/routing-rules', render: () => <RoutingRulesPage />, needs: ['safeguarding_event', 'read'] },
  { path: '/drift', render: () => <DriftPage />, needs: ['worklist', 'read'] },
  { path: '/children/:childId/events/new', render: ({ childId }) => <RecordEventPage childId={childId!} />, needs: ['safeguarding_event', 'create'] },
  { path: '/children/:childId/ed-attendance', render: ({ childId }) => <EdAttendancePage childId={childId!} />, needs: ['safeguarding_event', 'create'] },
  { path: '/children/:childId/chronology', render: ({ childId }) => <ChronologyPage childId={childId!} />, needs: ['safeguarding_event', 'read'] },
  { path: '/children/:childId/mash-referral', render: ({ childId }) => <MashReferralPage childId={childId!} />, needs: ['safeguarding_event', 'create'] },
  { path: '/children/:childId/loops', render: ({ childId }) => <LoopsPage childId={childId!} />, needs: ['safeguarding_loop', 'read'] },
  { path: '/children/:childId/cp-conferences/new', render: ({ childId }) => <NewConferencePage childId={childId!} />, needs: ['safeguarding_loop', 'create'] },
  {
    path: '/children/:childId/cp-conferences/:conferenceId/gp-report',
    render: ({ childId, conferenceId }) => <GpReportPage childId={childId!} conferenceId={conferenceId!} />,
    needs: ['safeguarding_loop', 'read'],
  },
];

/** Where `/` takes a user who cannot search for children (commissioners: the OC2 return). */
function homeRedirect(user: SessionUser): string | null {
  if (can(user, 'child', 'search')) return null;
  if (can(user, 'lac_report', 'read')) return '/lac/oc2';
  return null;
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return <Loading />;
}

/** After a client-side navigation, move focus to the new page's h1 (once it has rendered). */
function useFocusHeadingOnNavigate(key: number): void {
  // Compare with the last key rather than "first run": StrictMode runs effects twice on mount.
  const lastKey = useRef(key);
  const handle = useRef(0);
  useEffect(() => {
    if (lastKey.current === key) return;
    lastKey.current = key;
    window.cancelAnimationFrame(handle.current);
    let frames = 0;
    const tryFocus = () => {
      const heading = document.querySelector<HTMLElement>('#maincontent h1');
      const busy = document.querySelector('#maincontent [data-loading]');
      if (heading && !busy) {
        if (!document.querySelector('.nhsuk-error-summary')) heading.focus({ preventScroll: true });
        return;
      }
      if ((frames += 1) < 300) handle.current = window.requestAnimationFrame(tryFocus);
    };
    // No cleanup: StrictMode's mount-unmount-mount must not cancel the one focus move.
    handle.current = window.requestAnimationFrame(tryFocus);
  }, [key]);
}

function Routes() {
  const { state, meta } = useSession();
  const location = useLocation();
  useFocusHeadingOnNavigate(location.key);
  const { pathname, search } = location;
  const onSignIn = pathname === '/sign-in';

  useEffect(() => {
    if (state.status === 'signed-out' && !onSignIn) {
      navigate(`/sign-in?returnTo=${encodeURIComponent(pathname + search)}`, { replace: true });
    }
  }, [state.status, onSignIn, pathname, search]);

  const user = state.status === 'signed-in' ? state.user : null;

  let page: ReactNode;
  if (state.status === 'loading') page = <Loading />;
  else if (state.status === 'error') page = <LoadFailed />;
  else if (onSignIn) page = <SignInPage />;
  else if (!user) page = <Loading />;
  else {
    page = <PageNotFound />;
    const home = pathname === '/' ? homeRedirect(user) : null;
    if (home) page = <Redirect to={home} />;
    else {
      for (const route of ROUTES) {
        const params = matchPath(route.path, pathname);
        if (!params) continue;
        page = route.needs && !can(user, route.needs[0], route.needs[1]) ? <ForbiddenPage /> : route.render(params);
        break;
      }
    }
  }

  return (
    <>
      <SkipLink />
      <Header user={user} pathname={pathname} />
      {/* key: a new page instance on every navigation, so no state leaks between visits. */}
      <MainContainer>
        <PageFrame key={location.key}>{page}</PageFrame>
      </MainContainer>
      <Footer version={meta?.version} />
    </>
  );
}

function PageFrame({ children }: { children: ReactNode }) {
  // A page loaded on first use shows "Loading…" (data-loading: focus waits for the real heading).
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

export function App() {
  return (
    <SessionProvider>
      <Routes />
    </SessionProvider>
  );
}
