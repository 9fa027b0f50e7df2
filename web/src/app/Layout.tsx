import type { ReactNode } from 'react';
import type { SessionUser } from '../../../src/contracts/auth.js';
import { appContent } from './app.content.js';
import { Link, navigate } from './router.js';
import { can, useSession } from './session.js';
import { NotificationCount } from '../pages/break-glass-review/NotificationCount.js';

function NhsLogo() {
  return (
    <svg className="nhsuk-header__logo" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 80" height="40" width="100" focusable="false" aria-hidden="true">
      <path
        fill="currentcolor"
        d="M200 0v80H0V0h200Zm-27.5 5.5c-14.5 0-29 5-29 22 0 10.2 7.7 13.5 14.7 16.3l.7.3c5.4 2 10.1 3.9 10.1 8.4 0 6.5-8.5 7.5-14 7.5s-12.5-1.5-16-3.5L135 70c5.5 2 13.5 3.5 20 3.5 15.5 0 32-4.5 32-22.5 0-19.5-25.5-16.5-25.5-25.5 0-5.5 5.5-6.5 12.5-6.5a35 35 0 0 1 14.5 3l4-13.5c-4.5-2-12-3-20-3Zm-131 2h-22l-14 65H22l9-45h.5l13.5 45h21.5l14-65H64l-9 45h-.5l-13-45Zm63 0h-18l-13 65h17l6-28H117l-5.5 28H129l13.5-65H125L119.5 32h-20l5-24.5Z"
      />
    </svg>
  );
}

function UserIcon() {
  return (
    <svg className="nhsuk-icon nhsuk-icon--user" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16" focusable="false" aria-hidden="true">
      <path d="M12 1a11 11 0 1 1 0 22 11 11 0 0 1 0-22Zm0 2a9 9 0 0 0-5 16.5V18a4 4 0 0 1 4-4h2a4 4 0 0 1 4 4v1.5A9 9 0 0 0 12 3Zm0 3a3.5 3.5 0 1 1-3.5 3.5A3.4 3.4 0 0 1 12 6Z" />
    </svg>
  );
}

export function SkipLink() {
  return (
    <a
      className="nhsuk-skip-link"
      data-module="nhsuk-skip-link"
      href="#maincontent"
      onClick={(event) => {
        const main = document.getElementById('maincontent');
        if (!main) return;
        event.preventDefault();
        main.focus();
        main.scrollIntoView({ block: 'start' });
      }}
    >
      {appContent.skipLink}
    </a>
  );
}

interface NavItem {
  href: string;
  text: string;
  current: boolean;
}

export function navItems(user: SessionUser, pathname: string): NavItem[] {
  const items: NavItem[] = [];
  if (can(user, 'child', 'search')) items.push({ href: '/', text: appContent.nav.findChild, current: pathname === '/' });
  if (can(user, 'child', 'create')) items.push({ href: '/children/new', text: appContent.nav.addChild, current: pathname === '/children/new' });
  if (can(user, 'cohort', 'read')) items.push({ href: '/cohort', text: appContent.nav.cohort, current: pathname === '/cohort' });
  // Safeguarding (#3): the team's routed worklist (drift, routing rules are linked from it).
  if (can(user, 'worklist', 'read')) items.push({ href: '/worklists', text: appContent.nav.worklists, current: pathname === '/worklists' || pathname === '/drift' || pathname === '/routing-rules' });
  // The LAC health team's area (worklist, exceptions, OC2, QA, imports: its own navigation inside).
  if (can(user, 'health_assessment', 'create')) items.push({ href: '/lac', text: appContent.nav.lacHealth, current: pathname === '/lac' || pathname.startsWith('/lac/') });
  // Commissioners see the OC2 return (aggregate figures) and no child records.
  else if (can(user, 'lac_report', 'read')) items.push({ href: '/lac/oc2', text: appContent.nav.oc2, current: pathname === '/lac/oc2' });
  return items;
}

export function Header({ user, pathname }: { user: SessionUser | null; pathname: string }) {
  const { signOut } = useSession();
  const items = user ? navItems(user, pathname) : [];
  return (
    <header className="nhsuk-header" data-module="nhsuk-header" role="banner">
      <div className="nhsuk-header__container nhsuk-width-container">
        <div className="nhsuk-header__service">
          <Link className="nhsuk-header__service-logo" href="/" aria-label={`${appContent.logoAlt} ${appContent.homeLinkLabel}`}>
            <NhsLogo />
            <span className="nhsuk-header__service-name">{appContent.serviceName}</span>
          </Link>
        </div>
        {user ? (
          <nav className="nhsuk-header__account" aria-label={appContent.accountNavLabel}>
            <ul className="nhsuk-header__account-list">
              <li className="nhsuk-header__account-item" data-testid="signed-in-user">
                <UserIcon />
                <span className="clasp-header__user">
                  <span>{appContent.signedInAs(user.displayName, user.roleLabel)}</span>
                  <span className="clasp-header__organisation">{user.organisation.name}</span>
                </span>
              </li>
              <NotificationCount user={user} pathname={pathname} />
              <li className="nhsuk-header__account-item">
                <form
                  className="nhsuk-header__account-form"
                  method="post"
                  action="/api/v1/auth/sign-out"
                  noValidate
                  onSubmit={(event) => {
                    event.preventDefault();
                    void signOut().finally(() => navigate('/sign-in'));
                  }}
                >
                  <button className="nhsuk-header__account-button" type="submit">
                    {appContent.signOut}
                  </button>
                </form>
              </li>
            </ul>
          </nav>
        ) : null}
      </div>
      {items.length > 0 ? (
        <nav className="nhsuk-header__navigation" aria-label={appContent.mainNavLabel}>
          <div className="nhsuk-header__navigation-container nhsuk-width-container">
            <ul className="nhsuk-header__navigation-list">
              {items.map((item) => (
                <li className={`nhsuk-header__navigation-item${item.current ? ' nhsuk-header__navigation-item--current' : ''}`} key={item.href}>
                  <Link className="nhsuk-header__navigation-link" href={item.href} aria-current={item.current ? 'page' : undefined}>
                    {item.current ? <strong className="nhsuk-header__navigation-item-current-fallback">{item.text}</strong> : item.text}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        </nav>
      ) : null}
    </header>
  );
}

export function Footer({ version }: { version?: string }) {
  return (
    <footer className="nhsuk-footer" role="contentinfo">
      <div className="nhsuk-width-container">
        <div className="nhsuk-footer__meta">
          <h2 className="nhsuk-u-visually-hidden">{appContent.footer.heading}</h2>
          <p className="nhsuk-body-s">
            {appContent.footer.description}
            {version ? ` (${version})` : ''}
          </p>
          <p className="nhsuk-body-s">{appContent.footer.copyright}</p>
        </div>
      </div>
    </footer>
  );
}

export function MainContainer({ children }: { children: ReactNode }) {
  return (
    <div className="nhsuk-width-container">
      <main className="nhsuk-main-wrapper" id="maincontent" role="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
