import type { SessionUser } from '../../../../src/contracts/auth.js';
import { Link } from '../../app/router.js';
import { can } from '../../app/session.js';

/** The child summary's "Safeguarding" section (#3): links to the child's safeguarding pages the user may open. */
export function ChildSafeguardingLinks({ childId, user }: { childId: string; user: SessionUser }) {
  const base = `/children/${encodeURIComponent(childId)}`;
  const links = [
    can(user, 'safeguarding_event', 'read') && { href: `${base}/chronology`, text: 'Chronology (with drift)' },
    can(user, 'safeguarding_event', 'create') && { href: `${base}/ed-attendance`, text: 'Record an emergency department attendance' },
    can(user, 'safeguarding_event', 'create') && { href: `${base}/events/new`, text: 'Record another safeguarding event' },
    can(user, 'safeguarding_event', 'create') && { href: `${base}/mash-referral`, text: 'MASH referral' },
    can(user, 'safeguarding_loop', 'read') && { href: `${base}/loops`, text: 'Closed loops (MASH, conferences, CAMHS progress)' },
  ].filter((link): link is { href: string; text: string } => Boolean(link));
  if (links.length === 0) return null;
  return (
    <section className="clasp-section" aria-labelledby="safeguarding-heading">
      <h2 className="nhsuk-heading-m" id="safeguarding-heading">
        Safeguarding
      </h2>
      <ul className="nhsuk-list">
        {links.map((link) => (
          <li key={link.href}>
            <Link href={link.href}>{link.text}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
