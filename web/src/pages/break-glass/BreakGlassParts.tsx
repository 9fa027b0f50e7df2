import { useEffect, useState } from 'react';
import { breakGlassApi } from '../../api/break-glass.js';
import { Link, navigate } from '../../app/router.js';
import { can, useUser } from '../../app/session.js';
import { Button, NotificationBanner } from '../../components/index.js';
import { content } from './page.content.js';

const londonTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** "Emergency access until HH:MM" on a record opened with break-glass (the child summary shows it). */
export function BreakGlassBanner({ childId }: { childId: string }) {
  const [expiresAt, setExpiresAt] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    breakGlassApi
      .active(childId)
      .then((body) => !cancelled && setExpiresAt(body.grant?.expiresAt ?? null))
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [childId]);
  if (!expiresAt) return null;
  return (
    <NotificationBanner title={content.banner.title} heading={content.banner.heading(londonTime.format(new Date(expiresAt)))} id="break-glass-banner-title">
      <p className="nhsuk-body">{content.banner.body}</p>
    </NotificationBanner>
  );
}

/**
 * The offer of emergency access, for a role that may break glass, beside a child it cannot open. In search
 * results it is a button (an action), so an out-of-scope row still has no link to the record.
 */
export function BreakGlassLink({ childId, name, asButton }: { childId: string; name?: string; asButton?: boolean }) {
  const user = useUser();
  if (!can(user, 'break_glass', 'create')) return null;
  const href = `/children/${encodeURIComponent(childId)}/break-glass`;
  const label = (
    <>
      {content.offer.link}
      {name ? <span className="nhsuk-u-visually-hidden"> {content.offer.linkFor(name)}</span> : null}
    </>
  );
  if (asButton)
    return (
      <Button type="button" variant="secondary" small className="nhsuk-u-margin-bottom-0" onClick={() => navigate(href)}>
        {label}
      </Button>
    );
  return <Link href={href}>{label}</Link>;
}

/** Under "Child not found" on a child's page: the same offer, said in words. */
export function BreakGlassOffer({ childId }: { childId: string }) {
  const user = useUser();
  if (!can(user, 'break_glass', 'create')) return null;
  return (
    <>
      <p className="nhsuk-body">{content.offer.notFoundBody}</p>
      <p className="nhsuk-body">
        <BreakGlassLink childId={childId} />
      </p>
    </>
  );
}

/** Under "No children found" after an NHS number search: ask for emergency access by that number. */
export function BreakGlassByNhsNumberOffer({ nhsNumber }: { nhsNumber: string }) {
  const user = useUser();
  if (!can(user, 'break_glass', 'create')) return null;
  return (
    <>
      <p className="nhsuk-body">{content.offer.noResultsBody}</p>
      <p className="nhsuk-body">
        <Link href={`/break-glass/request?nhsNumber=${encodeURIComponent(nhsNumber)}`}>{content.offer.link}</Link>
      </p>
    </>
  );
}
