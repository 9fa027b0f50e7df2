import { useEffect, useState } from 'react';
import type { SessionUser } from '../../../../src/contracts/auth.js';
import { breakGlassApi } from '../../api/break-glass.js';
import { Link, useLocation } from '../../app/router.js';
import { can } from '../../app/session.js';

/** Fired by the review queue after it closes a use, so the count is fresh without a navigation. */
export const NOTIFICATIONS_CHANGED = 'clasp:notifications-changed';

const copy = {
  link: 'Emergency access',
  unread: (n: number) => (n === 1 ? '1 new' : `${n} new`),
};

/**
 * In the header, for reviewers of break-glass (#5): the unread notifications count, linking to the review
 * queue. Loaded on every page change, so a new use shows without a reload of the app.
 */
export function NotificationCount({ user, pathname }: { user: SessionUser; pathname: string }) {
  const [unread, setUnread] = useState<number | null>(null);
  const [changed, setChanged] = useState(0);
  const { key } = useLocation();
  const reviewer = can(user, 'break_glass', 'review');
  useEffect(() => {
    const onChanged = () => setChanged((n) => n + 1);
    window.addEventListener(NOTIFICATIONS_CHANGED, onChanged);
    return () => window.removeEventListener(NOTIFICATIONS_CHANGED, onChanged);
  }, []);
  useEffect(() => {
    if (!reviewer) return;
    let cancelled = false;
    breakGlassApi
      .notifications()
      .then((body) => !cancelled && setUnread(body.unread))
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [reviewer, pathname, key, changed]);
  if (!reviewer) return null;
  return (
    <li className="nhsuk-header__account-item" data-testid="notification-count">
      <Link className="nhsuk-header__account-link" href="/break-glass/review">
        {copy.link}
        {unread ? <> ({copy.unread(unread)})</> : null}
      </Link>
    </li>
  );
}
