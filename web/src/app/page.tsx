import { useEffect, type ReactNode } from 'react';
import { appContent } from './app.content.js';

/** `<title>`: "Page – CLASP – NHS", prefixed "Error: " while the page shows errors. */
export function usePageTitle(title: string | null, hasError = false): void {
  useEffect(() => {
    // null: a child component (not found, load failed) sets the title instead.
    if (title === null) return;
    document.title = `${hasError ? appContent.errorTitlePrefix : ''}${title} – ${appContent.titleSuffix}`;
  }, [title, hasError]);
}

/** The page's one h1; focusable so focus can move to it after client-side navigation. */
export function PageHeading({ children, caption }: { children: ReactNode; caption?: ReactNode }) {
  return (
    <h1 className="nhsuk-heading-l" tabIndex={-1}>
      {caption ? (
        <span className="nhsuk-caption-l">
          {caption}
          <span className="nhsuk-u-visually-hidden"> - </span>
        </span>
      ) : null}
      {children}
    </h1>
  );
}

export function Loading() {
  return (
    <p className="nhsuk-body" role="status" data-loading="">
      {appContent.loading}
    </p>
  );
}

/** A page that could not load (server or network failure, not a 404). */
export function LoadFailed() {
  usePageTitle(appContent.loadFailed.title, true);
  return (
    <>
      <PageHeading>{appContent.loadFailed.title}</PageHeading>
      <p className="nhsuk-body">{appContent.loadFailed.body}</p>
    </>
  );
}
