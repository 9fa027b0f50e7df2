import type { ReactNode } from 'react';
import { componentContent } from '../app/app.content.js';
import { cx } from './fieldParts.js';

export interface WarningCalloutProps {
  heading: ReactNode;
  headingId?: string;
  headingLevel?: 2 | 3;
  children: ReactNode;
  className?: string;
}

/** NHS.UK warning callout: the heading is prefixed "Important:" for screen readers. */
export function WarningCallout({ heading, headingId, headingLevel = 2, children, className }: WarningCalloutProps) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className={cx('nhsuk-warning-callout', className)}>
      <Heading className="nhsuk-warning-callout__label" id={headingId}>
        <span role="text">
          <span className="nhsuk-u-visually-hidden">{componentContent.importantPrefix}: </span>
          {heading}
        </span>
      </Heading>
      {children}
    </div>
  );
}
