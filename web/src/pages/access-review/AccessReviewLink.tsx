import type { SessionUser } from '../../../../src/contracts/auth.js';
import { Link } from '../../app/router.js';
import { can } from '../../app/session.js';

const linkContent = { text: 'Who has looked at this record' } as const;

/**
 * The link from a child's summary to the access review (#5): for the designated and named professionals
 * (access_review: read) and for the child's allocated practitioner (their access basis is their own caseload).
 * The server makes the decision; this only hides a link that would be refused.
 */
export function AccessReviewLink({ childId, user, accessBasis }: { childId: string; user: SessionUser; accessBasis: string }) {
  if (!can(user, 'access_review', 'read') && accessBasis !== 'own_caseload') return null;
  return (
    <p className="nhsuk-body-s">
      <Link href={`/children/${encodeURIComponent(childId)}/access-review`}>{linkContent.text}</Link>
    </p>
  );
}
