import type { ReactNode } from 'react';
import { componentContent } from '../app/app.content.js';

export function InsetText({ children, visuallyHiddenText = componentContent.informationPrefix }: { children: ReactNode; visuallyHiddenText?: string }) {
  return (
    <div className="nhsuk-inset-text">
      <span className="nhsuk-u-visually-hidden">{visuallyHiddenText}: </span>
      {children}
    </div>
  );
}
