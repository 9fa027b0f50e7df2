import type { ReactNode } from 'react';
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
}: {
  childId: string;
  title: string;
  heading: string;
  back: string;
  form: Form;
  children: ReactNode;
  intro?: ReactNode;
}) {
  const state = useChild(childId);
  usePageTitle(state.status === 'ok' || state.status === 'loading' ? title : null, hasErrors(form.errors));
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'not-found') return <ChildNotFound />;
  if (state.status === 'error') return <LoadFailed />;
  return (
    <>
      <BackLink href={`/children/${encodeURIComponent(childId)}`} text={back} />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary items={form.errors.items} focusKey={form.attempt} />
          <PageHeading caption={childName(state.child)}>{heading}</PageHeading>
          {intro}
          {children}
        </div>
      </div>
    </>
  );
}
