import { useState, type FormEvent } from 'react';
import { accessReviewEndpoints } from '../../api/access-review-endpoints.js';
import { useLoad } from '../../api/useLoad.js';
import { LoadFailed, Loading, PageHeading, usePageTitle } from '../../app/page.js';
import { Link, navigate, useSearchParams } from '../../app/router.js';
import { Button, Select, Table } from '../../components/index.js';
import { formatDateTime } from '../../lib/format.js';
import { ForbiddenPage } from '../not-found/NotFoundPage.js';
import { UnusualTags } from '../access-review/AccessReviewPage.js';
import { content } from './page.content.js';

/**
 * The area's unusual access (#5), for the designated and named professionals: who stands out over the last
 * 7, 30 or 90 days, with counts, and the children named only where the reader may see them.
 */
export function UnusualAccessPage() {
  const params = useSearchParams();
  const requested = Number(params.get('days'));
  const days = (content.period.options as readonly number[]).includes(requested) ? requested : 7;
  const [choice, setChoice] = useState(String(days));
  const state = useLoad(() => accessReviewEndpoints.unusualAccess(days), [days]);
  usePageTitle(content.title);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'forbidden') return <ForbiddenPage />;
  if (state.status !== 'ok') return <LoadFailed />;
  const data = state.data;
  const apply = (event: FormEvent) => {
    event.preventDefault();
    navigate(`/access-review/unusual?days=${encodeURIComponent(choice)}`);
  };
  return (
    <>
      <PageHeading caption={content.caption}>{content.heading}</PageHeading>
      <p className="nhsuk-body">{content.intro}</p>
      <form onSubmit={apply} noValidate>
        <Select id="days" label={content.period.label} value={choice} onChange={setChoice} options={content.period.options.map((d) => ({ value: String(d), label: content.period.option(d) }))} />
        <Button type="submit" variant="secondary">
          {content.period.submit}
        </Button>
      </form>
      <p className="nhsuk-body-s">{content.since(formatDateTime(data.since), data.manyChildrenThreshold, data.rulesVersion)}</p>
      {data.users.length === 0 ? (
        <p className="nhsuk-body">{content.none}</p>
      ) : (
        <Table
          caption={content.caption2(data.users.length)}
          head={[content.columns.person, content.columns.role, content.columns.counts, content.columns.unusual, content.columns.children]}
          firstCellIsHeader
          rows={data.users.map((u) => ({
            key: u.userId,
            cells: [
              u.person,
              `${u.roleLabel}, ${u.organisation ?? content.noOrganisation}`,
              content.counts(u.accesses, u.children, u.areaWideChildren, u.refused, u.breakGlass, u.outOfHours),
              <UnusualTags reasons={u.unusual} key="u" />,
              <ChildrenCell key="c" named={u.childrenInReaderScope} outside={u.childrenOutsideReaderScope} />,
            ],
          }))}
        />
      )}
    </>
  );
}

function ChildrenCell({ named, outside }: { named: readonly { childId: string; name: string }[]; outside: number }) {
  if (named.length === 0 && outside === 0) return <>{content.noChildren}</>;
  return (
    <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
      {named.map((c) => (
        <li key={c.childId}>
          <Link href={`/children/${encodeURIComponent(c.childId)}/access-review`} aria-label={content.reviewLink(c.name)}>
            {c.name}
          </Link>
        </li>
      ))}
      {outside > 0 ? <li>{content.outside(outside)}</li> : null}
    </ul>
  );
}
