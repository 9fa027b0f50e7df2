import { endpoints } from '../../api/endpoints.js';
import { useLoad } from '../../api/useLoad.js';
import { LoadFailed, Loading, PageHeading, usePageTitle } from '../../app/page.js';
import { Link } from '../../app/router.js';
import { Table, Tag, type TagColour } from '../../components/index.js';
import { ASSESSMENT_KIND_LABELS, EXCEPTION_REASON_LABELS, labelFor } from '../../content/labels.content.js';
import { formatDate } from '../../lib/format.js';
import { LacNav } from '../lac-shared/LacNav.js';
import { lacContent } from '../lac-shared/lac.content.js';
import { content } from './page.content.js';

const REASON_COLOUR: Record<string, TagColour> = { refused: 'orange', missed: 'purple', overdue: 'red' };

export function LacExceptionsPage() {
  const state = useLoad(() => endpoints.lacExceptions(), []);
  usePageTitle(state.status === 'error' ? null : content.title);
  if (state.status === 'loading') return <Loading />;
  if (state.status !== 'ok') return <LoadFailed />;
  const { exceptions } = state.data;
  const counts = ['refused', 'missed', 'overdue'].map((reason) => ({ reason, count: exceptions.filter((e) => e.reason === reason).length }));
  return (
    <>
      <PageHeading caption={lacContent.caption}>{content.heading}</PageHeading>
      <LacNav />
      <p className="nhsuk-body">{content.intro}</p>
      <ul className="clasp-counts" aria-label={content.counts.label}>
        {counts.map(({ reason, count }) => (
          <li className="clasp-counts__item" key={reason}>
            <span className="clasp-counts__number">{count}</span> {labelFor(EXCEPTION_REASON_LABELS, reason)}
          </li>
        ))}
      </ul>
      {exceptions.length === 0 ? (
        <p className="nhsuk-body">{content.none}</p>
      ) : (
        <Table
          caption={content.caption(exceptions.length)}
          head={[content.columns.child, content.columns.laChildId, content.columns.kind, content.columns.due, content.columns.reason]}
          rows={exceptions.map((row, index) => ({
            key: `${row.childId}-${row.kind}-${row.dueOn}-${row.reason}-${index}`,
            cells: [
              <Link href={`/children/${encodeURIComponent(row.childId)}/lac-health`} key="n">
                {row.name}
              </Link>,
              row.laChildId ?? content.noLaChildId,
              labelFor(ASSESSMENT_KIND_LABELS, row.kind),
              formatDate(row.dueOn),
              <Tag colour={REASON_COLOUR[row.reason] ?? 'grey'} key="r">
                {labelFor(EXCEPTION_REASON_LABELS, row.reason)}
              </Tag>,
            ],
          }))}
        />
      )}
    </>
  );
}
