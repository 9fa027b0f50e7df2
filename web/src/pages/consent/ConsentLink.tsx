import type { SessionUser } from '../../../../src/contracts/auth.js';
import { Link } from '../../app/router.js';
import { can } from '../../app/session.js';

const linkContent = { text: 'Consent to share, and what has been shared' } as const;

/** The link from a child's summary to consent and sharing (#5), for roles that may read consent. */
export function ConsentLink({ childId, user }: { childId: string; user: SessionUser }) {
  if (!can(user, 'consent', 'read')) return null;
  return (
    <p className="nhsuk-body-s">
      <Link href={`/children/${encodeURIComponent(childId)}/consents`}>{linkContent.text}</Link>
    </p>
  );
}
