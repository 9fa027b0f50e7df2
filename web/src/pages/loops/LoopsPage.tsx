import { useState } from 'react';
import type { LoopStepView, LoopView } from '../../../../src/contracts/safeguarding-loops.js';
import { isInputError } from '../../api/client.js';
import { safeguardingEndpoints as endpoints } from '../../api/safeguarding-endpoints.js';
import { useLoad } from '../../api/useLoad.js';
import { childName, useChild } from '../../api/useChild.js';
import { LoadFailed, Loading, PageHeading, usePageTitle } from '../../app/page.js';
import { Link } from '../../app/router.js';
import { can, useUser } from '../../app/session.js';
import { BackLink, Button, ButtonLink, ErrorSummary, Table, Tag } from '../../components/index.js';
import { formatDateTime } from '../../lib/format.js';
import { buildErrors, errorsFromApi, hasErrors, useForm } from '../../lib/forms.js';
import { ChildNotFound } from '../not-found/NotFoundPage.js';
import { ChildSafeguardingNav } from '../safeguarding-shared/ChildSafeguardingNav.js';
import { AGENCY_LABELS } from '../safeguarding-shared/safeguarding.content.js';
import '../safeguarding-shared/safeguarding.css';
import { content } from './page.content.js';

const REPORT_STEPS = new Set(['gp_report', 'health_report']);

/**
 * A child's closed loops (#3): MASH referral, child protection conference, CAMHS progress. Per agency:
 * expected by, received, acknowledged; overdue steps highlighted (CQC Bedford 2015 recs 2.8, 3.8, 3.9, 4.3).
 */
export function LoopsPage({ childId }: { childId: string }) {
  const user = useUser();
  const child = useChild(childId);
  const loops = useLoad(() => endpoints.childLoops(childId), [childId]);
  const form = useForm({});
  const [busy, setBusy] = useState(false);
  usePageTitle(child.status === 'ok' || child.status === 'loading' ? content.title : null, hasErrors(form.errors));
  if (child.status === 'loading') return <Loading />;
  if (child.status === 'not-found' || loops.status === 'not-found') return <ChildNotFound />;
  if (child.status === 'error' || loops.status === 'error' || loops.status === 'forbidden') return <LoadFailed />;
  const base = `/children/${encodeURIComponent(childId)}`;
  const mayUpdate = can(user, 'safeguarding_loop', 'update');

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    form.clearErrors();
    try {
      await action();
      loops.reload();
    } catch (error) {
      form.setErrors(isInputError(error) ? errorsFromApi(error, []) : buildErrors({}, [], [content.errors.failed]));
    } finally {
      setBusy(false);
    }
  };

  const stepAction = (loop: LoopView, step: LoopStepView) => {
    if (!mayUpdate) return '';
    const agency = step.agencyName ?? AGENCY_LABELS[step.agency] ?? step.agency;
    const hidden = <span className="nhsuk-u-visually-hidden">{content.actions.hidden(step.label, agency)}</span>;
    if (loop.kind === 'cp_conference' && REPORT_STEPS.has(step.step) && step.state === 'expected') {
      return (
        <Button variant="secondary" small type="button" disabled={busy} className="nhsuk-u-margin-bottom-0" onClick={() => void run(() => endpoints.recordConferenceReport(childId, loop.id, { agency: step.agency }))}>
          {content.actions.received}
          {hidden}
        </Button>
      );
    }
    if (step.needsAcknowledgement && step.state === 'received') {
      if (step.worklistItemId) return <Link href="/worklists?state=all">{content.actions.viaWorklist}{hidden}</Link>;
      return (
        <Button variant="secondary" small type="button" disabled={busy} className="nhsuk-u-margin-bottom-0" onClick={() => void run(() => endpoints.acknowledgeLoopStep(childId, loop.id, step.id))}>
          {content.actions.acknowledge}
          {hidden}
        </Button>
      );
    }
    return '';
  };

  return (
    <>
      <BackLink href={base} text={content.back} />
      <ErrorSummary items={form.errors.items} focusKey={form.attempt} />
      <PageHeading caption={childName(child.child)}>{content.heading}</PageHeading>
      <ChildSafeguardingNav childId={childId} current="loops" />
      <p className="nhsuk-body">{content.intro}</p>
      <nav className="clasp-actions" aria-label="Loop actions">
        {can(user, 'safeguarding_loop', 'create') ? <ButtonLink href={`${base}/cp-conferences/new`}>{content.newConference}</ButtonLink> : null}
        <ButtonLink href={`${base}/mash-referral`} variant="secondary">
          {content.mashReferral}
        </ButtonLink>
      </nav>
      {loops.status === 'loading' ? (
        <Loading />
      ) : loops.data.loops.length === 0 ? (
        <p className="nhsuk-body">{content.none}</p>
      ) : (
        loops.data.loops.map((loop) => (
          <section className="clasp-section" aria-labelledby={`loop-${loop.id}`} key={loop.id} data-testid={`loop-${loop.kind}`}>
            <h2 className="nhsuk-heading-m" id={`loop-${loop.id}`}>
              {loop.label}{' '}
              <Tag colour={loop.status === 'open' ? 'blue' : 'grey'}>{loop.status === 'open' ? content.loop.open : content.loop.closed}</Tag>{' '}
              {loop.overdue ? <Tag colour="red">{content.loop.overdue}</Tag> : null}
            </h2>
            <p className="nhsuk-body-s">
              {loop.conferenceAt ? `${content.loop.conference(loop.conferenceKind === 'initial' ? 'Initial' : 'Review', formatDateTime(loop.conferenceAt))}. ` : ''}
              {loop.referralMode ? `${content.loop.referralMode(loop.referralMode === 'verbal' ? 'Verbal' : 'Written')}. ` : ''}
              {content.loop.opened(formatDateTime(loop.openedAt))}
              {loop.closedAt ? `, ${content.loop.closedAt(formatDateTime(loop.closedAt))}` : ''}
            </p>
            {loop.kind === 'cp_conference' ? (
              <p className="nhsuk-body">
                <Link href={`${base}/cp-conferences/${encodeURIComponent(loop.id)}/gp-report`}>{content.loop.gpReport}</Link>
              </p>
            ) : null}
            <Table
              caption={content.caption(loop.label)}
              captionHidden
              head={[content.columns.agency, content.columns.step, content.columns.expectedBy, content.columns.received, content.columns.acknowledged, content.columns.action]}
              rows={loop.steps.map((step) => ({
                key: step.id,
                cells: [
                  step.agencyName ?? AGENCY_LABELS[step.agency] ?? step.agency,
                  step.label,
                  <span key="e" className={step.overdue ? 'clasp-loop-step--overdue' : undefined}>
                    {formatDateTime(step.expectedBy)}
                    {step.overdue ? (
                      <>
                        {' '}
                        <Tag colour="red">{content.overdue}</Tag>
                      </>
                    ) : null}
                    {step.escalated && step.state === 'expected' ? (
                      <>
                        {' '}
                        <Tag colour="orange">{content.escalated}</Tag>
                      </>
                    ) : null}
                  </span>,
                  step.receivedAt ? (
                    <span key="r">
                      {content.by(formatDateTime(step.receivedAt), step.receivedBy)}
                      {step.receivedAt > step.expectedBy ? (
                        <>
                          {' '}
                          <Tag colour="orange">{content.late}</Tag>
                        </>
                      ) : null}
                    </span>
                  ) : (
                    content.notYet
                  ),
                  step.acknowledgedAt ? content.by(formatDateTime(step.acknowledgedAt), step.acknowledgedBy) : step.needsAcknowledgement ? content.notYet : content.notNeeded,
                  stepAction(loop, step),
                ],
              }))}
            />
          </section>
        ))
      )}
    </>
  );
}
