import type { ReactNode } from 'react';
import { cx } from './fieldParts.js';
import { Tag } from './Tag.js';

export interface TimelineItem {
  id: string;
  title: ReactNode;
  /** Dates in words ("1 March 2024 to now"). */
  period: ReactNode;
  current: boolean;
  /** "Current" / "Ended": the state is always in text, the marker only reinforces it. */
  stateText: string;
  details?: ReactNode;
}

/** A CSS-only vertical timeline: an ordered list, newest / current first. */
export function Timeline({ items, label }: { items: readonly TimelineItem[]; label: string }) {
  return (
    <ol className="clasp-timeline" aria-label={label}>
      {items.map((item) => (
        <li className={cx('clasp-timeline__item', item.current ? 'clasp-timeline__item--current' : 'clasp-timeline__item--ended')} key={item.id}>
          <h3 className="nhsuk-heading-xs clasp-timeline__title">
            {item.title} <Tag colour={item.current ? 'blue' : 'grey'}>{item.stateText}</Tag>
          </h3>
          <p className="nhsuk-body-s clasp-timeline__period">{item.period}</p>
          {item.details ? <div className="nhsuk-body-s clasp-timeline__details">{item.details}</div> : null}
        </li>
      ))}
    </ol>
  );
}
