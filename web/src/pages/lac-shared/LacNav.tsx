import { useLocation } from '../../app/router.js';
import { can, useUser } from '../../app/session.js';
import { SubNav, type SubNavItem } from '../../components/index.js';
import { lacContent } from './lac.content.js';

/** The LAC health area's own navigation: only the pages the user's role may open. */
export function LacNav() {
  const user = useUser();
  const { pathname } = useLocation();
  const items: SubNavItem[] = [];
  const add = (href: string, text: string, allowed: boolean) => {
    if (allowed) items.push({ href, text, current: pathname === href });
  };
  add('/lac', lacContent.nav.worklist, can(user, 'health_assessment', 'read'));
  add('/lac/exceptions', lacContent.nav.exceptions, can(user, 'health_assessment', 'read'));
  add('/lac/care-leavers', lacContent.nav.careLeavers, can(user, 'health_assessment', 'read'));
  add('/lac/oc2', lacContent.nav.oc2, can(user, 'lac_report', 'read'));
  add('/lac/qa', lacContent.nav.qa, can(user, 'qa_review', 'read'));
  add('/lac/import', lacContent.nav.import, can(user, 'status_episode', 'create') && can(user, 'health_assessment', 'create'));
  if (items.length < 2) return null;
  return <SubNav label={lacContent.nav.label} heading={lacContent.nav.heading} items={items} />;
}
