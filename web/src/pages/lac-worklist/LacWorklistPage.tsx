import type { WorklistItem } from '../../../../src/contracts/lac.js';
import { isIsoDate } from '../../../../src/domain/calendar/iso-date.js';
import { endpoints } from '../../api/endpoints.js';
import { useLoad } from '../../api/useLoad.js';
import { LoadFailed, Loading, PageHeading, usePageTitle } from '../../app/page.js';
import { Link, navigate, useSearchParams } from '../../app/router.js';
import { can, useUser } from '../../app/session.js';
import { Button, DateInput, ErrorSummary, Table } from '../../components/index.js';
import { ASSESSMENT_KIND_LABELS, ASSESSMENT_KIND_SHORT, CONTRIBUTOR_LABELS, labelFor } from '../../content/labels.content.js';
import { formatDate } from '../../lib/format.js';
import { buildErrors, datePartsOf, hasErrors, parseDateParts, useForm } from '../../lib/forms.js';
import { LacNav } from '../lac-shared/LacNav.js';
import { StatusCell } from '../lac-shared/StatusCell.js';
import { lacContent } from '../lac-shared/lac.content.js';
import { content } from './page.content.js';

function ContributionsCell({ item }: { item: WorklistItem }) {
  if (!item.assessmentId || item.contributions.length === 0) return <>{content.contributions.notRequested}</>;
  const received = item.contributions.filter((c) => c.receivedOn);
  const awaited = item.contributions.filter((c) => !c.receivedOn);
  return (
    <>
      {content.contributions.received(received.length, item.contributions.length)}
      {awaited.length > 0 ? (
        <>
          <br />
          <span className="nhsuk-body-s">{content.contributions.awaited(awaited.map((c) => labelFor(CONTRIBUTOR_LABELS, c.contributor)).join(', '))}</span>
        </>
      ) : null}
    </>
  );
}

export function LacWorklistPage() {
  const user = useUser();
  const params = useSearchParams();
  const raw = params.get('asOf') ?? '';
  const asOf = isIsoDate(raw) ? raw : undefined;
  const state = useLoad(() => endpoints.lacWorklist(asOf), [asOf]);
  const form = useForm(datePartsOf('asOf', asOf));
  usePageTitle(state.status === 'error' ? null : content.title, hasErrors(form.errors));
  const mayUpdate = can(user, 'health_assessment', 'update');
  const mayRequest = can(user, 'health_assessment', 'create');

  const onFilter = () => {
    const parsed = parseDateParts(form.values, 'asOf');
    if (parsed.kind === 'incomplete' || parsed.kind === 'invalid') {
      form.setErrors(buildErrors({ asOf: content.asOf[parsed.kind] }, ['asOf']));
      return;
    }
    form.clearErrors();
    navigate(parsed.kind === 'date' ? `/lac?asOf=${parsed.value}` : '/lac');
  };

  if (state.status === 'error' || state.status === 'not-found' || state.status === 'forbidden') return <LoadFailed />;

  return (
    <>
      <ErrorSummary items={form.errors.items} focusKey={form.attempt} />
      <PageHeading caption={lacContent.caption}>{content.heading}</PageHeading>
      <LacNav />
      <p className="nhsuk-body">{content.intro}</p>
      <form
        className="clasp-filter"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          onFilter();
        }}
      >
        <DateInput id="asOf" legend={content.asOf.legend} hint={content.asOf.hint} values={form.values} onChange={form.setValue} error={form.errors.fields.asOf} />
        <Button variant="secondary">{content.asOf.submit}</Button>
      </form>
      {state.status === 'loading' ? (
        <Loading />
      ) : (
        <>
          <p className="nhsuk-body">{content.showing(formatDate(state.data.asOf))}</p>
          <ul className="clasp-counts" aria-label={content.counts.label}>
            {(['overdue', 'due', 'booked'] as const).map((key) => (
              <li className={`clasp-counts__item clasp-counts__item--${key}`} key={key}>
                <span className="clasp-counts__number">{state.data.counts[key]}</span> {content.counts[key]}
              </li>
            ))}
          </ul>
          {state.data.items.length === 0 ? (
            <p className="nhsuk-body">{content.none}</p>
          ) : (
            <Table
              caption={content.caption(state.data.items.length)}
              head={[content.columns.child, content.columns.laChildId, content.columns.type, content.columns.due, content.columns.status, content.columns.contributions, content.columns.action]}
              rows={state.data.items.map((item) => {
                const childPath = `/children/${encodeURIComponent(item.childId)}`;
                const late = item.workingDaysOverdue > 0;
                return {
                  key: item.childId,
                  cells: [
                    <>
                      <Link href={`${childPath}/lac-health`}>{item.name}</Link>
                      <br />
                      <span className="nhsuk-body-s">{item.dateOfBirth ? content.born(formatDate(item.dateOfBirth)) : ''}</span>
                      {item.placementInArea === false ? (
                        <>
                          <br />
                          <span className="nhsuk-body-s">{content.outOfArea}</span>
                        </>
                      ) : null}
                    </>,
                    item.laChildId ?? content.noLaChildId,
                    <abbr title={labelFor(ASSESSMENT_KIND_LABELS, item.type)} key="t">
                      {labelFor(ASSESSMENT_KIND_SHORT, item.type)}
                    </abbr>,
                    <span className="clasp-nowrap" key="d">
                      {formatDate(item.due)}
                    </span>,
                    <StatusCell item={item} key="s" />,
                    <ContributionsCell item={item} key="c" />,
                    late && item.assessmentId && mayUpdate ? (
                      <>
                        {item.breachReason ? (
                          <>
                            <span className="nhsuk-body-s">{content.action.reason(item.breachReason)}</span>
                            <br />
                          </>
                        ) : null}
                        <Link href={`${childPath}/health-assessments/${encodeURIComponent(item.assessmentId)}/breach-reason?returnTo=${encodeURIComponent(asOf ? `/lac?asOf=${asOf}` : '/lac')}`}>
                          {item.breachReason ? content.action.changeBreach : content.action.breach}
                          <span className="nhsuk-u-visually-hidden"> {content.action.forChild(item.name)}</span>
                        </Link>
                      </>
                    ) : !item.assessmentId && mayRequest ? (
                      <Link href={`${childPath}/health-assessments/new`}>
                        {content.action.request}
                        <span className="nhsuk-u-visually-hidden"> {content.action.forChild(item.name)}</span>
                      </Link>
                    ) : (
                      ''
                    ),
                  ],
                };
              })}
            />
          )}
        </>
      )}
    </>
  );
}
