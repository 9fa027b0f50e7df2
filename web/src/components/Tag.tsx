import type { ReactNode } from 'react';
import { cx } from './fieldParts.js';

export type TagColour = 'white' | 'grey' | 'green' | 'aqua-green' | 'blue' | 'purple' | 'pink' | 'red' | 'orange' | 'yellow';

/** NHS.UK tag. The text always carries the meaning; the colour only reinforces it. */
export function Tag({ children, colour, className }: { children: ReactNode; colour?: TagColour; className?: string }) {
  return <strong className={cx('nhsuk-tag', colour && `nhsuk-tag--${colour}`, className)}>{children}</strong>;
}
