import { Link } from '../app/router.js';

export interface SubNavItem {
  href: string;
  text: string;
  current: boolean;
}

/** NHS.UK contents list, used as the navigation between the pages of one area (LAC health). */
export function SubNav({ label, heading, items }: { label: string; heading: string; items: readonly SubNavItem[] }) {
  return (
    <nav className="nhsuk-contents-list clasp-subnav" aria-label={label}>
      <h2 className="nhsuk-u-visually-hidden">{heading}</h2>
      <ol className="nhsuk-contents-list__list">
        {items.map((item) => (
          <li className="nhsuk-contents-list__item" aria-current={item.current ? 'page' : undefined} key={item.href}>
            {item.current ? (
              <span className="nhsuk-contents-list__current">{item.text}</span>
            ) : (
              <Link className="nhsuk-contents-list__link" href={item.href}>
                {item.text}
              </Link>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
