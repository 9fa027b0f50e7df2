import type { FormEvent } from 'react';
import type { AccessReviewResponse } from '../../../../src/contracts/access-review.js';
import type { UnusualReason } from '../../../../src/domain/access/access-patterns.js';
import { accessReviewEndpoints, auditExportHref } from '../../api/access-review-endpoints.js';
import { useLoad } from '../../api/useLoad.js';
import { childName, useChild } from '../../api/useChild.js';
import { LoadFailed, Loading, PageHeading, usePageTitle } from '../../app/page.js';
import { Link, navigate, useSearchParams } from '../../app/router.js';
import { can, useUser } from '../../app/session.js';
import { BackLink, Button, DateInput, ErrorSummary, Table, Tag, type TagColour } from '../../components/index.js';
import { formatDate } from '../../lib/format.js';
import { buildErrors, collectDates, datePartsOf, hasErrors, useForm } from '../../lib/forms.js';
import { ChildNotFound, ForbiddenPage } from '../not-found/NotFoundPage.js';
import { content, UNUSUAL_LABELS } from './page.content.js';

const REASON_COLOUR: Record<UnusualReason, TagColour> = { break_glass: 'red', refused: 'orange', out_of_hours: 'yellow', many_children_area_wide: 'purple' };
const isoDate = (value: string | null) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);

export function UnusualTags({ reasons }: { reasons: readonly UnusualReason[] }) {
  if (reasons.length === 0) return <>{content.nothingUnusual}</>;
  return (
    <>
      {reasons.map((reason) => (
        <Tag colour={REASON_COLOUR[reason]} className="nhsuk-u-margin-right-1 nhsuk-u-margin-bottom-1" key={reason}>
          {UNUSUAL_LABELS[reason]}
        </Tag>
      ))}
    </>
  );
}

/**
 * "Who has looked at this record" (#5): every audited access to a child's record, grouped by person, with
 * the relationship that allowed it; break-glass, refusals, out-of-hours access and area-wide breadth tagged.
 * For the designated and named professionals and the child's allocated practitioner (the server decides).
 */
export function AccessReviewPage({ childId }: { childId: string }) {
  const user = useUser();
  const params = useSearchParams();
  const from = isoDate(params.get('from'));
  const to = isoDate(params.get('to'));
  const child = useChild(childId);
  const review = useLoad(() => accessReviewEndpoints.childAccessReview(childId, { from, to }), [childId, from, to]);
  const form = useForm({ ...datePartsOf('from', from), ...datePartsOf('to', to) });
  const name = child.status === 'ok' ? childName(child.child) : '';
  usePageTitle(child.status === 'ok' || child.status === 'loading' ? `${content.title}${name ? ` – ${name}` : ''}` : null, hasErrors(form.errors));
  if (child.status === 'loading' || review.status === 'loading') return <Loading />;
  if (child.status === 'not-found' || review.status === 'not-found') return <ChildNotFound />;
  if (review.status === 'forbidden') return <ForbiddenPage />;
  if (child.status === 'error' || review.status === 'error') return <LoadFailed />;
  const data = review.data;
  const base = `/children/${encodeURIComponent(childId)}`;

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const { dates, errors } = collectDates(form.values, {
      from: { incomplete: content.filters.incomplete(content.filters.from.label), invalid: content.filters.invalid(content.filters.from.label) },
      to: { incomplete: content.filters.incomplete(content.filters.to.label), invalid: content.filters.invalid(content.filters.to.label) },
    });
    if (Object.keys(errors).length > 0) return form.setErrors(buildErrors(errors, ['from', 'to']));
    form.clearErrors();
    const search = new URLSearchParams();
    if (dates.from) search.set('from', dates.from);
    if (dates.to) search.set('to', dates.to);
    const query = search.toString();
    navigate(`${base}/access-review${query ? `?${query}` : ''}`);
  };

  return (
    <>
      <BackLink href={base} text={content.back} />
      <ErrorSummary items={form.errors.items} focusKey={form.attempt} />
      <PageHeading caption={name}>{content.heading}</PageHeading>
      <p className="nhsuk-body">{content.intro}</p>
      <p className="nhsuk-body">{content.unusualIntro}</p>
      <form onSubmit={apply} noValidate>
        <h2 className="nhsuk-heading-s">{content.filters.legend}</h2>
        <DateInput id="from" legend={content.filters.from.label} hint={content.filters.from.hint} values={form.values} onChange={form.setValue} error={form.errors.fields.from} />
        <DateInput id="to" legend={content.filters.to.label} hint={content.filters.to.hint} values={form.values} onChange={form.setValue} error={form.errors.fields.to} />
        <Button type="submit" variant="secondary">
          {content.filters.submit}
        </Button>
      </form>
      <AccessReviewBody data={data} />
      {can(user, 'access_review', 'export') ? (
        <>
          <p className="nhsuk-body">
            <a className="nhsuk-link" href={auditExportHref({ childId, from: data.from, to: data.to })} download>
              {content.download}
            </a>
          </p>
          <p className="nhsuk-hint">{content.downloadHint}</p>
        </>
      ) : null}
      {can(user, 'access_review', 'read') ? (
        <p className="nhsuk-body">
          <Link href="/access-review/unusual">{content.area}</Link>
        </p>
      ) : null}
    </>
  );
}

function AccessReviewBody({ data }: { data: AccessReviewResponse }) {
  return (
    <>
      <h2 className="nhsuk-heading-m">{content.period(formatDate(data.from), formatDate(data.to))}</h2>
      <ul className="clasp-counts" aria-label={content.totals.label}>
        <li className="clasp-counts__item">
          <span className="clasp-counts__number">{data.totals.accesses}</span> {content.totals.accesses}
        </li>
        <li className="clasp-counts__item">
          <span className="clasp-counts__number">{data.totals.people}</span> {content.totals.people}
        </li>
        <li className="clasp-counts__item">
          <span className="clasp-counts__number">{data.totals.unusual}</span> {content.totals.unusual}
        </li>
      </ul>
      {data.truncated ? <p className="nhsuk-body">{content.truncated}</p> : null}
      {data.people.length === 0 ? (
        <p className="nhsuk-body">{content.none}</p>
      ) : (
        <>
          <Table
            caption={content.peopleCaption(data.people.length)}
            head={[content.peopleColumns.person, content.peopleColumns.role, content.peopleColumns.accesses, content.peopleColumns.last, content.peopleColumns.unusual]}
            firstCellIsHeader
            rows={data.people.map((p, index) => ({
              key: `${p.userId ?? 'system'}-${index}`,
              cells: [
                p.person,
                `${p.roleLabel}, ${p.organisation ?? content.noOrganisation}`,
                String(p.accesses),
                p.rows[p.rows.length - 1]?.localTime ?? '',
                <UnusualTags reasons={p.unusual} key="u" />,
              ],
            }))}
          />
          {data.people.map((p, index) => (
            <details className="nhsuk-details" key={`${p.userId ?? 'system'}-${index}`}>
              <summary className="nhsuk-details__summary">
                <span className="nhsuk-details__summary-text">{content.detailsSummary(p.person, p.accesses)}</span>
              </summary>
              <div className="nhsuk-details__text">
                {p.areaWideChildren > 0 ? <p className="nhsuk-body-s">{content.areaWide(p.areaWideChildren, data.manyChildrenThreshold)}</p> : null}
                <Table
                  caption={content.rowsCaption(p.person)}
                  captionSize="s"
                  head={[content.rowColumns.when, content.rowColumns.action, content.rowColumns.basis, content.rowColumns.outcome, content.rowColumns.channel, content.rowColumns.breakGlass, content.rowColumns.unusual]}
                  rows={p.rows.map((r, i) => ({
                    key: `${r.at}-${i}`,
                    cells: [r.localTime, r.actionText, r.basisText, r.outcomeText, r.channelText, r.breakGlass ? content.yes : content.no, <UnusualTags reasons={r.unusual} key="u" />],
                  }))}
                />
              </div>
            </details>
          ))}
        </>
      )}
      <p className="nhsuk-body-s">{content.rules(data.rulesVersion)}</p>
    </>
  );
}
