import { useEffect, useState } from 'react';
import type { SessionUser } from '../../../../src/contracts/auth.js';
import { breakGlassApi } from '../../api/break-glass.js';
import { Link } from '../../app/router.js';
import { can } from '../../app/session.js';

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
  const reviewer = can(user, 'break_glass', 'review');
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
  }, [reviewer, pathname]);
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
