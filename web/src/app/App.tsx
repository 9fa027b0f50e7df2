import { useEffect, useRef, type ReactNode } from 'react';
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

interface Route {
  path: string;
  render: (params: Record<string, string>) => ReactNode;
  /** Permission the page needs: [resource, action]. */
  needs?: readonly [string, string];
}

/** Order matters: `/children/new` before `/children/:childId`. */
const ROUTES: readonly Route[] = [
  { path: '/', render: () => <FindChildPage />, needs: ['child', 'search'] },
  { path: '/children/new', render: () => <AddChildPage />, needs: ['child', 'create'] },
  { path: '/children/:childId', render: ({ childId }) => <ChildSummaryPage childId={childId!} /> },
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
];

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
    for (const route of ROUTES) {
      const params = matchPath(route.path, pathname);
      if (!params) continue;
      page = route.needs && !can(user, route.needs[0], route.needs[1]) ? <ForbiddenPage /> : route.render(params);
      break;
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
  return <>{children}</>;
}

export function App() {
  return (
    <SessionProvider>
      <Routes />
    </SessionProvider>
  );
}
