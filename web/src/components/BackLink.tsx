import { componentContent } from '../app/app.content.js';
import { Link } from '../app/router.js';

export function BackLink({ href, text = componentContent.back }: { href: string; text?: string }) {
  return (
    <Link className="nhsuk-back-link" href={href}>
      {text}
    </Link>
  );
}
