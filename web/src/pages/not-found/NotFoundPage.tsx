import type { ReactNode } from 'react';
import { PageHeading, usePageTitle } from '../../app/page.js';
import { Link } from '../../app/router.js';
import { content } from './page.content.js';

/** Missing and out-of-scope records look the same (a 404 never says which). */
export function ChildNotFound({ offer }: { offer?: ReactNode } = {}) {
  usePageTitle(content.childNotFound.title);
  return (
    <>
      <PageHeading>{content.childNotFound.heading}</PageHeading>
      <p className="nhsuk-body">{content.childNotFound.body}</p>
      <p className="nhsuk-body">{content.childNotFound.next}</p>
      {offer}
      <p className="nhsuk-body">
        <Link href="/">{content.childNotFound.link}</Link>
      </p>
    </>
  );
}

export function PageNotFound() {
  usePageTitle(content.pageNotFound.title);
  return (
    <>
      <PageHeading>{content.pageNotFound.heading}</PageHeading>
      <p className="nhsuk-body">{content.pageNotFound.body}</p>
      <p className="nhsuk-body">
        <Link href="/">{content.pageNotFound.link}</Link>
      </p>
    </>
  );
}

export function ForbiddenPage() {
  usePageTitle(content.forbidden.title);
  return (
    <>
      <PageHeading>{content.forbidden.heading}</PageHeading>
      <p className="nhsuk-body">{content.forbidden.body}</p>
      <p className="nhsuk-body">
        <Link href="/">{content.forbidden.link}</Link>
      </p>
    </>
  );
}
