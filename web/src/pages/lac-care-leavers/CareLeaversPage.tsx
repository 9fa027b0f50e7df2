import { endpoints } from '../../api/endpoints.js';
import type { CareLeaverRow } from '../../api/lac-schemas.js';
import { useLoad } from '../../api/useLoad.js';
import { LoadFailed, Loading, PageHeading, usePageTitle } from '../../app/page.js';
import { Link } from '../../app/router.js';
import { Table, Tag, type TagColour } from '../../components/index.js';
import { formatDate } from '../../lib/format.js';
import { LacNav } from '../lac-shared/LacNav.js';
import { lacContent } from '../lac-shared/lac.content.js';
import { content } from './page.content.js';

const STATUS_COLOUR: Record<CareLeaverRow['status'], TagColour> = { overdue: 'red', due: 'yellow', offer_ending: 'grey' };
const STATUS_ORDER: Record<CareLeaverRow['status'], number> = { overdue: 0, due: 1, offer_ending: 2 };

/** Overdue first, then by next review due (earliest first), then by name. */
function byUrgency(a: CareLeaverRow, b: CareLeaverRow): number {
  return STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || (a.nextReviewDue ?? a.offerEndsOn).localeCompare(b.nextReviewDue ?? b.offerEndsOn) || a.name.localeCompare(b.name);
}

export function CareLeaversPage() {
  const state = useLoad(() => endpoints.careLeavers(), []);
  usePageTitle(state.status === 'error' ? null : content.title);
  if (state.status === 'loading') return <Loading />;
  if (state.status !== 'ok') return <LoadFailed />;
  const items = [...state.data.items].sort(byUrgency);
  return (
    <>
      <PageHeading caption={lacContent.caption}>{content.heading}</PageHeading>
      <LacNav />
      {content.intro.map((text) => (
        <p className="nhsuk-body" key={text}>
          {text}
        </p>
      ))}
      {items.length === 0 ? (
        <p className="nhsuk-body">{content.none}</p>
      ) : (
        <Table
          caption={content.caption(items.length)}
          head={[content.columns.child, content.columns.age, content.columns.offerEnds, content.columns.lastReview, content.columns.nextReview, content.columns.status, content.columns.passport]}
          rows={items.map((row) => ({
            key: row.childId,
            cells: [
              <Link href={`/children/${encodeURIComponent(row.childId)}/lac-health`} key="n">
                {row.name}
              </Link>,
              content.age(row.ageYears),
              <>
                {formatDate(row.offerEndsOn)}
                {row.extendedTo25 ? (
                  <>
                    <br />
                    <Tag colour="blue">{content.extendedTo25}</Tag>
                  </>
                ) : null}
              </>,
              row.lastReviewOn ? formatDate(row.lastReviewOn) : content.noLastReview,
              row.nextReviewDue ? formatDate(row.nextReviewDue) : content.noNextReview,
              <Tag colour={STATUS_COLOUR[row.status]} key="s">
                {content.status[row.status]}
              </Tag>,
              <Link href={`/children/${encodeURIComponent(row.childId)}/health-passport`} key="p">
                {content.passport}
                <span className="nhsuk-u-visually-hidden"> {content.passportFor(row.name)}</span>
              </Link>,
            ],
          }))}
        />
      )}
    </>
  );
}
