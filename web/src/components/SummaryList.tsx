import type { ReactNode } from 'react';
import { Link } from '../app/router.js';
import { cx } from './fieldParts.js';

export interface SummaryListRow {
  key: ReactNode;
  value: ReactNode;
  action?: { href: string; text: string; visuallyHiddenText?: string };
}

export function SummaryList({ rows, noBorder }: { rows: readonly (SummaryListRow | null | false)[]; noBorder?: boolean }) {
  const shown = rows.filter((row): row is SummaryListRow => Boolean(row));
  const anyActions = shown.some((row) => row.action);
  return (
    <dl className={cx('nhsuk-summary-list', noBorder && 'nhsuk-summary-list--no-border')}>
      {shown.map((row, index) => (
        <div className={cx('nhsuk-summary-list__row', anyActions && !row.action && 'nhsuk-summary-list__row--no-actions')} key={index}>
          <dt className="nhsuk-summary-list__key">{row.key}</dt>
          <dd className="nhsuk-summary-list__value">{row.value}</dd>
          {row.action ? (
            <dd className="nhsuk-summary-list__actions">
              <Link href={row.action.href}>
                {row.action.text}
                {row.action.visuallyHiddenText ? <span className="nhsuk-u-visually-hidden"> {row.action.visuallyHiddenText}</span> : null}
              </Link>
            </dd>
          ) : null}
        </div>
      ))}
    </dl>
  );
}
