import { safeguardingEndpoints as endpoints } from '../../api/safeguarding-endpoints.js';
import { useLoad } from '../../api/useLoad.js';
import { LoadFailed, Loading, PageHeading, usePageTitle } from '../../app/page.js';
import { BackLink, Button, SummaryList, Table } from '../../components/index.js';
import { STATUS_KIND_LABELS, labelFor } from '../../content/labels.content.js';
import { formatDate, formatDateTime, formatNhsNumber } from '../../lib/format.js';
import { ChildNotFound } from '../not-found/NotFoundPage.js';
import { SIGNIFICANCE_LABELS } from '../safeguarding-shared/safeguarding.content.js';
import '../safeguarding-shared/safeguarding.css';
import { gpReportContent as content } from './gp-report.content.js';

/** The GP's conference report, pre-filled (rec 4.3), print-styled: the sections to complete print as space. */
export function GpReportPage({ childId, conferenceId }: { childId: string; conferenceId: string }) {
  const draft = useLoad(() => endpoints.gpReportDraft(childId, conferenceId), [childId, conferenceId]);
  usePageTitle(draft.status === 'ok' || draft.status === 'loading' ? content.title : null);
  if (draft.status === 'loading') return <Loading />;
  if (draft.status === 'not-found') return <ChildNotFound />;
  if (draft.status !== 'ok') return <LoadFailed />;
  const d = draft.data;
  const yesNo = (v: boolean | null) => (v === null ? content.household.unknown : v ? content.household.yes : content.household.no);
  return (
    <>
      <BackLink href={`/children/${encodeURIComponent(childId)}/loops`} text={content.back} />
      <PageHeading caption={d.child.name}>{content.heading}</PageHeading>
      <p className="nhsuk-body clasp-no-print">{content.intro}</p>
      <Button type="button" variant="secondary" onClick={() => window.print()}>
        {content.print}
      </Button>

      <h2 className="nhsuk-heading-m">{content.conference.heading}</h2>
      <SummaryList
        rows={[
          { key: content.conference.kind, value: d.conference.kind === 'initial' ? content.conference.initial : d.conference.kind === 'review' ? content.conference.review : '' },
          { key: content.conference.at, value: formatDateTime(d.conference.conferenceAt) },
          { key: content.conference.due, value: formatDateTime(d.conference.reportDueBy) },
        ]}
      />

      <h2 className="nhsuk-heading-m">{content.child.heading}</h2>
      <SummaryList
        rows={[
          { key: content.child.name, value: d.child.name },
          { key: content.child.dateOfBirth, value: formatDate(d.child.dateOfBirth) || content.child.none },
          { key: content.child.nhsNumber, value: formatNhsNumber(d.child.nhsNumber) || content.child.none },
          { key: content.child.address, value: d.child.address ?? content.child.none },
          { key: content.child.practice, value: d.gpPractice ? `${d.gpPractice.name} (${d.gpPractice.code})` : content.child.none },
          { key: content.flags.heading, value: d.flags.length ? d.flags.map((f) => f.label).join(', ') : content.flags.none },
        ]}
      />

      {d.statusEpisodes.length > 0 ? (
        <Table
          caption={content.statuses.heading}
          head={[content.statuses.columns.kind, content.statuses.columns.from, content.statuses.columns.to, content.statuses.columns.category]}
          rows={d.statusEpisodes.map((e, i) => ({ key: `${e.kind}-${i}`, cells: [labelFor(STATUS_KIND_LABELS, e.kind), formatDate(e.startedOn), e.endedOn ? formatDate(e.endedOn) : content.statuses.current, e.cpCategory ?? ''] }))}
        />
      ) : null}

      {d.household.length === 0 ? (
        <>
          <h2 className="nhsuk-heading-m">{content.household.heading}</h2>
          <p className="nhsuk-body">{content.household.none}</p>
        </>
      ) : (
        <Table
          caption={content.household.heading}
          head={[content.household.columns.kind, content.household.columns.name, content.household.columns.dateOfBirth, content.household.columns.livesWith, content.household.columns.pr]}
          rows={d.household.map((m, i) => ({ key: `${m.kind}-${i}`, cells: [m.kind.replace(/_/g, ' '), m.name ?? '', formatDate(m.dateOfBirth), yesNo(m.livesWith), yesNo(m.hasParentalResponsibility)] }))}
        />
      )}

      {d.chronology.length === 0 ? (
        <>
          <h2 className="nhsuk-heading-m">{content.chronology.heading(formatDate(d.chronologyFrom))}</h2>
          <p className="nhsuk-body">{content.chronology.none}</p>
        </>
      ) : (
        <Table
          caption={content.chronology.heading(formatDate(d.chronologyFrom))}
          head={[content.chronology.columns.when, content.chronology.columns.event, content.chronology.columns.significance, content.chronology.columns.summary]}
          rows={d.chronology.map((e) => ({
            key: e.eventId,
            cells: e.restricted
              ? [formatDateTime(e.occurredAt), content.chronology.restricted(e.restricted.whomToAsk), SIGNIFICANCE_LABELS[e.significance] ?? e.significance, '']
              : [formatDateTime(e.occurredAt), e.label, SIGNIFICANCE_LABELS[e.significance] ?? e.significance, e.summary ?? ''],
          }))}
        />
      )}

      <h2 className="nhsuk-heading-m">{content.toComplete.heading}</h2>
      {d.sectionsToComplete.map((section) => (
        <div className="clasp-report-section" key={section.id}>
          <h3 className="nhsuk-heading-s">{section.heading}</h3>
        </div>
      ))}
    </>
  );
}
