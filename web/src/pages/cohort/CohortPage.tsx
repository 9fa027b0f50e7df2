import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { cohortResponse } from '../../../../src/contracts/children.js';
import { ApiError } from '../../api/client.js';
import { endpoints } from '../../api/endpoints.js';
import { LoadFailed, Loading, PageHeading, usePageTitle } from '../../app/page.js';
import { Link } from '../../app/router.js';
import { Table, Tag } from '../../components/index.js';
import { flagColour } from '../../components/FlagsBanner.js';
import { LEGAL_STATUS } from '../../../../src/domain/codes/dfe-codes.js';
import { CP_CATEGORY_LABELS, labelFor } from '../../content/labels.content.js';
import { formatDate } from '../../lib/format.js';
import { content } from './page.content.js';

type Cohort = z.infer<typeof cohortResponse>;
type State = { status: 'loading' } | { status: 'ok'; cohort: Cohort } | { status: 'none' } | { status: 'error' };

/** The server sends the status detail as a code (CP category, legal status): show it in words. */
function describeDetail(kind: string, detail: string | null): string | null {
  if (!detail) return null;
  if (kind === 'child_protection') return content.category(labelFor(CP_CATEGORY_LABELS, detail));
  if (kind === 'looked_after') {
    const legal = LEGAL_STATUS.find((entry) => entry.code === detail);
    return legal ? content.legalStatus(`${legal.code}: ${legal.label}`) : detail;
  }
  return detail;
}

const STATUS_FLAG_CODE: Record<string, string> = { looked_after: 'looked_after', child_protection: 'child_protection_plan' };

export function CohortPage() {
  const [state, setState] = useState<State>({ status: 'loading' });
  usePageTitle(state.status === 'error' ? null : content.title);

  useEffect(() => {
    let cancelled = false;
    endpoints
      .practiceCohort()
      .then((cohort) => !cancelled && setState({ status: 'ok', cohort }))
      .catch((error: unknown) => {
        if (cancelled) return;
        setState(error instanceof ApiError && (error.status === 404 || error.status === 403) ? { status: 'none' } : { status: 'error' });
      });
    return () => {
      cancelled = true;
    };
  }, []);

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <LoadFailed />;
  if (state.status === 'none') {
    return (
      <>
        <PageHeading>{content.notAvailable.heading}</PageHeading>
        <p className="nhsuk-body">{content.notAvailable.body}</p>
      </>
    );
  }

  const { cohort } = state;
  const counts = [
    { key: 'lookedAfter', label: content.counts.lookedAfter, value: cohort.counts.lookedAfter },
    { key: 'childProtection', label: content.counts.childProtection, value: cohort.counts.childProtection },
    { key: 'childInNeed', label: content.counts.childInNeed, value: cohort.counts.childInNeed },
    { key: 'total', label: content.counts.total, value: cohort.counts.total },
  ];

  return (
    <>
      <PageHeading caption={`${cohort.practice.name} (${cohort.practice.code})`}>{content.heading}</PageHeading>
      <p className="nhsuk-body">{content.intro}</p>
      <ul className="clasp-counts" aria-label={content.counts.label}>
        {counts.map((count) => (
          <li className="clasp-counts__item" key={count.key}>
            <span className="clasp-counts__number">{count.value}</span> {count.label}
          </li>
        ))}
      </ul>
      {cohort.children.length === 0 ? (
        <p className="nhsuk-body">{content.none}</p>
      ) : (
        <Table
          caption={content.tableCaption(cohort.children.length)}
          head={[content.columns.name, content.columns.nhsNumber, content.columns.dateOfBirth, content.columns.statuses]}
          rows={cohort.children.map((child) => ({
            key: child.id,
            cells: [
              <Link href={`/children/${encodeURIComponent(child.id)}`} key="n">
                {child.givenName} {child.familyName}
              </Link>,
              child.nhsNumberFormatted ?? content.noNhsNumber,
              formatDate(child.dateOfBirth),
              <ul className="clasp-tag-list" key="s">
                {child.statuses.map((status) => (
                  <li key={`${status.kind}-${status.startedOn}`}>
                    <Tag colour={flagColour({ code: STATUS_FLAG_CODE[status.kind] ?? status.kind, priority: 5 })}>{status.label}</Tag>{' '}
                    <span className="nhsuk-body-s">
                      {content.since(formatDate(status.startedOn))}
                      {status.detail ? `. ${describeDetail(status.kind, status.detail)}` : ''}
                    </span>
                  </li>
                ))}
              </ul>,
            ],
          }))}
        />
      )}
    </>
  );
}
