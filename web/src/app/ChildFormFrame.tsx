import { useEffect, type ReactNode } from 'react';
import type { ChildSummary } from '../../../src/contracts/children.js';
import { childName, useChild } from '../api/useChild.js';
import { BackLink, ErrorSummary } from '../components/index.js';
import { hasErrors, type Form } from '../lib/forms.js';
import { ChildNotFound } from '../pages/not-found/NotFoundPage.js';
import { LoadFailed, Loading, PageHeading, usePageTitle } from './page.js';

/**
 * The frame of a form about one child: back link, error summary, the child's name as the caption and
 * the page heading. Loads the child first, so a missing or out-of-scope child shows "Child not found".
 */
export function ChildFormFrame({
  childId,
  title,
  heading,
  back,
  form,
  children,
  intro,
  onChildLoaded,
  backHref,
  wide,
}: {
  childId: string;
  title: string;
  heading: string;
  back: string;
  form: Form;
  children: ReactNode;
  intro?: ReactNode;
  /** Called once the child has loaded (to prefill the form from the record). */
  onChildLoaded?: (child: ChildSummary) => void;
  /** Where the back link goes (default: the child's record). */
  backHref?: string;
  /** Use the full width (long forms with tables), not two thirds. */
  wide?: boolean;
}) {
  const state = useChild(childId);
  const loaded = state.status === 'ok' ? state.child : null;
  useEffect(() => {
    if (loaded) onChildLoaded?.(loaded);
    // Once per load: the callback identity may change on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loaded]);
  usePageTitle(state.status === 'ok' || state.status === 'loading' ? title : null, hasErrors(form.errors));
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'not-found') return <ChildNotFound />;
  if (state.status === 'error') return <LoadFailed />;
  return (
    <>
      <BackLink href={backHref ?? `/children/${encodeURIComponent(childId)}`} text={back} />
      <div className="nhsuk-grid-row">
        <div className={wide ? 'nhsuk-grid-column-full' : 'nhsuk-grid-column-two-thirds'}>
          <ErrorSummary items={form.errors.items} focusKey={form.attempt} />
          <PageHeading caption={childName(state.child)}>{heading}</PageHeading>
          {intro}
          {children}
        </div>
      </div>
    </>
  );
}
