import type { Flag } from '../../../src/contracts/children.js';
import { formatDate } from '../lib/format.js';
import { Tag, type TagColour } from './Tag.js';
import { WarningCallout } from './WarningCallout.js';

export interface FlagsBannerContent {
  heading: string;
  noneHeading: string;
  none: string;
  since: (date: string) => string;
  until: (date: string) => string;
  reviewOverdue: string;
  reviewOverdueHint: string;
  otherHeading: string;
}

/** The statuses every service must see first (CP-IS: child protection plan, looked after). */
export const PROMINENT_FLAG_CODES: ReadonlySet<string> = new Set(['child_protection_plan', 'unborn_child_protection_plan', 'looked_after']);

export function flagColour(flag: Pick<Flag, 'code'> & { priority?: number }): TagColour {
  if (PROMINENT_FLAG_CODES.has(flag.code)) return 'red';
  const priority = flag.priority ?? 9;
  if (priority <= 4) return 'orange';
  if (priority <= 6) return 'yellow';
  return 'grey';
}

function FlagLine({ flag, content, large }: { flag: Flag; content: FlagsBannerContent; large?: boolean }) {
  return (
    <li className={large ? 'clasp-flags__item clasp-flags__item--prominent' : 'clasp-flags__item'}>
      <Tag colour={flagColour(flag)} className={large ? 'clasp-flags__tag--prominent' : undefined}>
        {flag.label}
      </Tag>{' '}
      {flag.reviewOverdue ? (
        <>
          <Tag colour="orange">{content.reviewOverdue}</Tag>{' '}
        </>
      ) : null}
      <span className="clasp-flags__meta">
        {content.since(formatDate(flag.since))}
        {flag.until ? `, ${content.until(formatDate(flag.until))}` : ''}
        {flag.detail ? `. ${flag.detail}` : ''}
      </span>
      {flag.reviewOverdue ? <span className="nhsuk-u-visually-hidden"> {content.reviewOverdueHint}</span> : null}
    </li>
  );
}

/**
 * The child's derived flags, at the top of the child's record: child protection plan, unborn child
 * protection plan and looked after first and largest; then manual alerts (with a review-overdue marker)
 * and other statuses. Meaning is always in text; the warning callout and tag colours only reinforce it.
 */
export function FlagsBanner({ flags, content }: { flags: readonly Flag[]; content: FlagsBannerContent }) {
  const prominent = flags.filter((flag) => PROMINENT_FLAG_CODES.has(flag.code));
  const others = flags.filter((flag) => !PROMINENT_FLAG_CODES.has(flag.code));

  if (flags.length === 0) {
    return (
      <section className="clasp-flags clasp-flags--none" aria-labelledby="flags-heading">
        <h2 className="nhsuk-heading-s nhsuk-u-margin-bottom-1" id="flags-heading">
          {content.noneHeading}
        </h2>
        <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">{content.none}</p>
      </section>
    );
  }

  return (
    <section className="clasp-flags" aria-labelledby="flags-heading">
      <WarningCallout heading={content.heading} headingId="flags-heading" className="clasp-flags__callout">
        {prominent.length > 0 ? (
          <ul className="nhsuk-list clasp-flags__list">
            {prominent.map((flag) => (
              <FlagLine key={`${flag.code}-${flag.sourceId}`} flag={flag} content={content} large />
            ))}
          </ul>
        ) : null}
        {others.length > 0 ? (
          <>
            {prominent.length > 0 ? <h3 className="nhsuk-heading-xs nhsuk-u-margin-bottom-2">{content.otherHeading}</h3> : null}
            <ul className="nhsuk-list clasp-flags__list">
              {others.map((flag) => (
                <FlagLine key={`${flag.code}-${flag.sourceId}`} flag={flag} content={content} />
              ))}
            </ul>
          </>
        ) : null}
      </WarningCallout>
    </section>
  );
}
