import { useEffect, useRef, type MouseEvent } from 'react';
import { componentContent } from '../app/app.content.js';
import type { ErrorItem } from '../lib/forms.js';

export interface ErrorSummaryProps {
  items: readonly ErrorItem[];
  /** Changes on each failed submission so the summary takes focus again. */
  focusKey?: number;
  title?: string;
}

/** Move focus to a field and scroll its label or legend into view (as NHS.UK frontend's JS does). */
export function focusField(fieldId: string): boolean {
  const target = document.getElementById(fieldId);
  if (!target) return false;
  const legend = target.closest('fieldset')?.querySelector('legend');
  const label = document.querySelector(`label[for="${CSS.escape(fieldId)}"]`);
  const anchor = legend ?? label ?? target;
  anchor.scrollIntoView({ block: 'start' });
  target.focus({ preventScroll: true });
  return true;
}

/** NHS.UK error summary: role=alert, takes focus when shown, each item links to `#fieldId`. */
export function ErrorSummary({ items, focusKey, title = componentContent.errorSummaryTitle }: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  const visible = items.length > 0;

  useEffect(() => {
    if (visible) ref.current?.focus();
  }, [visible, focusKey]);

  if (!visible) return null;

  const onClick = (event: MouseEvent<HTMLAnchorElement>, fieldId: string) => {
    if (focusField(fieldId)) event.preventDefault();
  };

  return (
    <div className="nhsuk-error-summary" data-module="nhsuk-error-summary" tabIndex={-1} ref={ref}>
      <div role="alert">
        <h2 className="nhsuk-error-summary__heading">{title}</h2>
        <div className="nhsuk-error-summary__body">
          <ul className="nhsuk-list nhsuk-error-summary__list">
            {items.map((item, index) => (
              <li key={`${item.fieldId ?? ''}-${index}`}>
                {item.fieldId ? (
                  <a href={`#${item.fieldId}`} onClick={(event) => onClick(event, item.fieldId!)}>
                    {item.text}
                  </a>
                ) : (
                  item.text
                )}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}
