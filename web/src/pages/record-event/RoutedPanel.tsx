import { Link } from '../../app/router.js';
import { NotificationBanner } from '../../components/index.js';
import { ACTION_LABELS } from '../safeguarding-shared/safeguarding.content.js';
import type { RecordedEvent } from './EventForm.js';
import { content } from './page.content.js';

/** After saving: where the routing rules sent the event ("Sent to: Paediatric liaison — check; …"). */
export function RoutedPanel({ result, label, childId, anotherHref }: { result: RecordedEvent; label: string; childId: string; anotherHref: string }) {
  // One line per team and action (a household event routes once per child; the team sees each).
  const lines = [...new Set(result.routed.filter((r) => r.childId === childId || result.childIds.length === 1).map((r) => content.saved.routed(r.teamName, (ACTION_LABELS[r.action] ?? r.action).toLowerCase(), r.priority)))];
  const base = `/children/${encodeURIComponent(childId)}`;
  return (
    <>
      <NotificationBanner success title={content.saved.title} heading={content.saved.heading(label)}>
        {result.duplicate ? <p className="nhsuk-body">{content.saved.duplicate}</p> : null}
        {lines.length === 0 ? (
          <p className="nhsuk-body">{content.saved.nowhere}</p>
        ) : (
          <>
            <p className="nhsuk-body nhsuk-u-margin-bottom-2" id="routed-heading">
              {content.saved.sentTo}
            </p>
            <ul className="nhsuk-list nhsuk-list--bullet" aria-labelledby="routed-heading" data-testid="routed">
              {lines.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </>
        )}
      </NotificationBanner>
      <p className="nhsuk-body">
        <Link href={`${base}/chronology`}>{content.saved.chronology}</Link>
      </p>
      <p className="nhsuk-body">
        <Link href={anotherHref}>{content.saved.another}</Link>
      </p>
    </>
  );
}
