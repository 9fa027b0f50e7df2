import type { ChildSummary } from '../../../../src/contracts/children.js';
import { endpoints } from '../../api/endpoints.js';
import type { Assessment, LacHealth, SdqPoint } from '../../api/lac-schemas.js';
import { childName, useChild } from '../../api/useChild.js';
import { useLoad } from '../../api/useLoad.js';
import { LoadFailed, Loading, PageHeading, usePageTitle } from '../../app/page.js';
import { Link } from '../../app/router.js';
import { can, useUser } from '../../app/session.js';
import { BackLink, BandedLineChart, ButtonLink, SummaryList, Table, Tag, type TagColour } from '../../components/index.js';
import {
  ASSESSMENT_KIND_LABELS,
  ASSESSMENT_STATUS_LABELS,
  CONTRIBUTOR_LABELS,
  HEALTH_ACTIVITY_LABELS,
  IMMUNISATION_RESULT_LABELS,
  PLAN_ACTION_STATUS_LABELS,
  SDQ_BAND_LABELS,
  VOICE_OF_CHILD_GAP_LABELS,
  labelFor,
} from '../../content/labels.content.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { StatusCell } from '../lac-shared/StatusCell.js';
import { ChildNotFound } from '../not-found/NotFoundPage.js';
import { lacContent } from '../lac-shared/lac.content.js';
import { PASSPORT_FROM_AGE } from '../lac-shared/policy.js';
import { content } from './page.content.js';

const STATUS_COLOUR: Record<string, TagColour> = { requested: 'yellow', booked: 'green', completed: 'blue', declined: 'orange', did_not_attend: 'purple', cancelled: 'grey' };
const OPEN = new Set(['requested', 'booked']);


export function ChildLacHealthPage({ childId }: { childId: string }) {
  const child = useChild(childId);
  const health = useLoad(() => endpoints.lacHealth(childId), [childId]);
  const title = child.status === 'ok' ? content.title(childName(child.child)) : content.loadingTitle;
  const failed = child.status === 'error' || health.status === 'error' || health.status === 'forbidden';
  const notFound = child.status === 'not-found' || health.status === 'not-found';
  usePageTitle(failed || notFound ? null : title);
  if (notFound) return <ChildNotFound />;
  if (failed) return <LoadFailed />;
  if (child.status !== 'ok' || health.status !== 'ok') return <Loading />;
  return <LacHealthView child={child.child} health={health.data} />;
}

function dayNumber(iso: string): number {
  return Math.round(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000);
}

export function SdqTrend({ points }: { points: readonly SdqPoint[] }) {
  const scored = points.filter((p): p is SdqPoint & { totalDifficulties: number } => p.totalDifficulties !== null);
  const latest = scored.at(-1);
  const s = content.sdq;
  return (
    <>
      {latest ? (
        <BandedLineChart
          id="sdq-trend"
          title={s.chartTitle}
          description={s.chartDescription(scored.length, s.latest(latest.totalDifficulties, labelFor(SDQ_BAND_LABELS, latest.band), formatDate(latest.completedOn)))}
          points={scored.map((p, i) => ({ key: `${p.completedOn}-${i}`, x: dayNumber(p.completedOn), xLabel: formatDate(p.completedOn), y: p.totalDifficulties, yLabel: String(p.totalDifficulties) }))}
          yMax={40}
          yTicks={[0, 10, 20, 30, 40]}
          bands={[
            { from: 0, to: 13.5, label: s.bands.normal, tone: 'green' },
            { from: 13.5, to: 16.5, label: s.bands.borderline, tone: 'yellow' },
            { from: 16.5, to: 40, label: s.bands.concern, tone: 'red' },
          ]}
        />
      ) : (
        <p className="nhsuk-body">{s.noTotals}</p>
      )}
      <Table
        caption={s.caption}
        captionSize="s"
        head={[s.columns.completed, s.columns.total, s.columns.band, s.columns.emotional, s.columns.conduct, s.columns.hyperactivity, s.columns.peer, s.columns.prosocial]}
        columnClasses={[undefined, 'numeric', undefined, 'numeric', 'numeric', 'numeric', 'numeric', 'numeric']}
        rows={points.map((p, i) => ({
          key: `${p.completedOn}-${i}`,
          cells: [
            formatDate(p.completedOn),
            p.totalDifficulties === null ? s.notScored : String(p.totalDifficulties),
            p.band ? labelFor(SDQ_BAND_LABELS, p.band) : s.notScored,
            ...[p.emotional, p.conduct, p.hyperactivity, p.peer, p.prosocial].map((v) => (v === null ? '–' : String(v))),
          ],
        }))}
      />
    </>
  );
}

function AssessmentCard({ assessment, base }: { assessment: Assessment; base: string }) {
  const user = useUser();
  const a = content.assessments;
  const path = `${base}/health-assessments/${encodeURIComponent(assessment.id)}`;
  const open = OPEN.has(assessment.status);
  const mayUpdate = can(user, 'health_assessment', 'update');
  const kind = labelFor(ASSESSMENT_KIND_LABELS, assessment.kind);
  const headingId = `assessment-${assessment.id}`;
  const actions: ({ href: string; text: string } | null)[] = [
    open && mayUpdate ? { href: `${path}/complete`, text: a.complete } : null,
    open && mayUpdate ? { href: `${path}/breach-reason`, text: a.breach } : null,
    open && mayUpdate ? { href: `${path}/outcome`, text: a.outcome } : null,
    assessment.status === 'completed' && can(user, 'health_plan', 'create') ? { href: `${base}/health-plan?assessmentId=${encodeURIComponent(assessment.id)}`, text: a.planFromThis } : null,
    assessment.status === 'completed' && can(user, 'qa_review', 'create') ? { href: `${path}/qa`, text: a.qa } : null,
  ];
  const shownActions = actions.filter((x): x is { href: string; text: string } => x !== null);
  return (
    <div className="nhsuk-card" aria-labelledby={headingId} role="region">
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-card__heading nhsuk-heading-s" id={headingId}>
          {kind} <Tag colour={STATUS_COLOUR[assessment.status] ?? 'grey'}>{labelFor(ASSESSMENT_STATUS_LABELS, assessment.status)}</Tag>
        </h3>
        <SummaryList
          rows={[
            { key: a.due, value: formatDate(assessment.dueOn) },
            assessment.status !== 'completed' && {
              key: a.appointment,
              value: assessment.bookedAt ? (assessment.location ? a.at(formatDateTime(assessment.bookedAt), assessment.location) : formatDateTime(assessment.bookedAt)) : a.notBooked,
            },
            assessment.outOfArea && { key: a.outOfArea, value: a.hostArea(assessment.hostArea ?? lacContent.notRecorded) },
            assessment.completedOn ? { key: a.completedOn, value: formatDate(assessment.completedOn) } : null,
            assessment.formId && assessment.formVersion !== null ? { key: a.form, value: a.formValue(assessment.formId, assessment.formVersion) } : null,
            assessment.breachReason ? { key: a.breachReason, value: assessment.breachReason } : null,
            assessment.voiceOfChild && {
              key: a.voice,
              value: assessment.voiceOfChild.complete
                ? a.voiceComplete(assessment.voiceOfChild.words)
                : a.voiceGaps(assessment.voiceOfChild.gaps.map((g) => labelFor(VOICE_OF_CHILD_GAP_LABELS, g)).join('; ')),
            },
          ]}
        />
        {assessment.contributions.length > 0 ? (
          <Table
            caption={a.contributions.caption}
            captionSize="s"
            head={[a.contributions.contributor, a.contributions.due, a.contributions.received, ...(open && mayUpdate ? [a.contributions.action] : [])]}
            rows={assessment.contributions.map((c) => {
              const who = labelFor(CONTRIBUTOR_LABELS, c.contributor);
              return {
                key: c.contributor,
                cells: [
                  who,
                  formatDate(c.dueOn),
                  c.receivedOn ? formatDate(c.receivedOn) : <Tag colour="yellow">{a.contributions.awaited}</Tag>,
                  ...(open && mayUpdate
                    ? [
                        c.receivedOn ? (
                          ''
                        ) : (
                          <Link href={`${path}/contributions/${encodeURIComponent(c.contributor)}`}>
                            {a.contributions.markReceived}
                            <span className="nhsuk-u-visually-hidden">: {who}</span>
                          </Link>
                        ),
                      ]
                    : []),
                ],
              };
            })}
          />
        ) : null}
        {shownActions.length > 0 ? (
          <ul className="clasp-card-actions">
            {shownActions.map((action) => (
              <li key={action.href}>
                <Link href={action.href}>
                  {action.text}
                  <span className="nhsuk-u-visually-hidden">: {kind}</span>
                </Link>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}

function LacHealthView({ child, health }: { child: ChildSummary; health: LacHealth }) {
  const user = useUser();
  const base = `/children/${encodeURIComponent(child.id)}`;
  const s = content.summary;
  const hasOpen = health.assessments.some((a) => OPEN.has(a.status));
  const passport = (child.ageYears ?? 0) >= PASSPORT_FROM_AGE && (health.lookedAfter || health.careLeaver !== null);
  const actionLinks: ({ href: string; text: string } | null)[] = [
    !hasOpen && health.lookedAfter && can(user, 'health_assessment', 'create') ? { href: `${base}/health-assessments/new`, text: content.actions.request } : null,
    can(user, 'sdq', 'create') ? { href: `${base}/sdq/new`, text: content.actions.sdq } : null,
    can(user, 'health_plan', 'create') ? { href: `${base}/health-plan`, text: content.actions.plan } : null,
    passport ? { href: `${base}/health-passport`, text: content.actions.passport } : null,
  ];
  const actions = actionLinks.filter((x): x is { href: string; text: string } => x !== null);
  const activities = [...health.activities].sort((a, b) => b.on.localeCompare(a.on));

  return (
    <>
      <BackLink href={base} text={content.back} />
      <PageHeading caption={childName(child)}>{content.heading}</PageHeading>

      <section className="clasp-section" aria-labelledby="clock-heading">
        <h2 className="nhsuk-heading-m" id="clock-heading">
          {s.heading}
        </h2>
        <SummaryList
          rows={[
            { key: s.lookedAfterSince, value: health.periodOfCareStartedOn ? formatDate(health.periodOfCareStartedOn) : s.notLookedAfter },
            {
              key: s.next,
              value: health.next ? (
                <>
                  {s.nextValue(labelFor(ASSESSMENT_KIND_LABELS, health.next.type), formatDate(health.next.due))}
                  <br />
                  <StatusCell item={{ status: health.next.status, workingDaysOverdue: health.next.workingDaysOverdue, bookedAt: null }} />
                  {health.next.bookedOn ? <span className="nhsuk-body-s"> {s.booked(formatDate(health.next.bookedOn))}</span> : null}
                </>
              ) : (
                s.noNext
              ),
            },
            health.next?.lastAssessmentOn ? { key: s.lastAssessment, value: formatDate(health.next.lastAssessmentOn) } : null,
            health.careLeaver ? { key: s.careLeaverOffer, value: formatDate(health.careLeaver.offerEndsOn) } : null,
            health.careLeaver ? { key: s.careLeaverReview, value: health.careLeaver.nextReviewDue ? formatDate(health.careLeaver.nextReviewDue) : s.none } : null,
          ]}
        />
      </section>

      {actions.length > 0 ? (
        <nav className="clasp-actions" aria-label={content.actions.heading}>
          {actions.map((action) => (
            <ButtonLink href={action.href} variant="secondary" key={action.href}>
              {action.text}
            </ButtonLink>
          ))}
        </nav>
      ) : null}

      <section className="clasp-section" aria-labelledby="assessments-heading">
        <h2 className="nhsuk-heading-m" id="assessments-heading">
          {content.assessments.heading}
        </h2>
        {health.assessments.length === 0 ? <p className="nhsuk-body">{content.assessments.none}</p> : health.assessments.map((a) => <AssessmentCard assessment={a} base={base} key={a.id} />)}
      </section>

      <section className="clasp-section" aria-labelledby="sdq-heading">
        <h2 className="nhsuk-heading-m" id="sdq-heading" tabIndex={-1}>
          {content.sdq.heading}
        </h2>
        {health.sdqTrend.length === 0 ? <p className="nhsuk-body">{content.sdq.none}</p> : <SdqTrend points={health.sdqTrend} />}
      </section>

      <section className="clasp-section" aria-labelledby="plan-heading">
        <h2 className="nhsuk-heading-m" id="plan-heading">
          {content.plan.heading}
        </h2>
        {health.planActions.length === 0 ? (
          <p className="nhsuk-body">{content.plan.none}</p>
        ) : (
          <Table
            caption={content.plan.caption}
            captionHidden
            head={[content.plan.columns.need, content.plan.columns.action, content.plan.columns.owner, content.plan.columns.due, content.plan.columns.status]}
            rows={health.planActions.map((action) => ({
              key: action.id,
              cells: [action.need, action.action, content.plan.owner(action.ownerName, action.ownerRole), action.dueOn ? formatDate(action.dueOn) : content.plan.noDate, labelFor(PLAN_ACTION_STATUS_LABELS, action.status)],
            }))}
          />
        )}
      </section>

      <section className="clasp-section" aria-labelledby="activity-heading">
        <h2 className="nhsuk-heading-m" id="activity-heading">
          {content.activity.heading}
        </h2>
        {activities.length === 0 ? (
          <p className="nhsuk-body">{content.activity.none}</p>
        ) : (
          <Table
            caption={content.activity.caption}
            captionHidden
            head={[content.activity.columns.activity, content.activity.columns.on, content.activity.columns.result]}
            rows={activities.map((a, i) => ({
              key: `${a.activity}-${a.on}-${i}`,
              cells: [
                labelFor(HEALTH_ACTIVITY_LABELS, a.activity),
                formatDate(a.on),
                a.activity === 'health_assessment'
                  ? labelFor(ASSESSMENT_KIND_LABELS, a.result)
                  : a.activity === 'immunisation_status'
                    ? labelFor(IMMUNISATION_RESULT_LABELS, a.result)
                    : (a.result ?? ''),
              ],
            }))}
          />
        )}
      </section>
    </>
  );
}
