import type { ReactNode } from 'react';
import { componentContent } from '../app/app.content.js';

export function cx(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(' ');
}

/** The ids an input is described by: its hint, then its error (NHS.UK order). */
export function describedBy(id: string, hint: ReactNode | undefined, error: string | undefined, extra?: string): string | undefined {
  const ids = [extra, hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function Hint({ id, children }: { id: string; children?: ReactNode }) {
  if (!children) return null;
  return (
    <div className="nhsuk-hint" id={`${id}-hint`}>
      {children}
    </div>
  );
}

export function ErrorMessage({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <span className="nhsuk-error-message" id={`${id}-error`}>
      <span className="nhsuk-u-visually-hidden">{componentContent.errorPrefix}: </span>
      {error}
    </span>
  );
}

export type LegendSize = 's' | 'm' | 'l';

export function Legend({ children, size = 's', isPageHeading = false }: { children: ReactNode; size?: LegendSize; isPageHeading?: boolean }) {
  return (
    <legend className={`nhsuk-fieldset__legend nhsuk-fieldset__legend--${size}`}>
      {isPageHeading ? (
        <h1 className="nhsuk-fieldset__heading" tabIndex={-1}>
          {children}
        </h1>
      ) : (
        children
      )}
    </legend>
  );
}
