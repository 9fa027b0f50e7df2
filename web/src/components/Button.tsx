import type { ReactNode } from 'react';
import { Link } from '../app/router.js';
import { cx } from './fieldParts.js';

type Variant = 'primary' | 'secondary' | 'warning' | 'reverse';

function classes(variant: Variant, small?: boolean, extra?: string): string {
  return cx('nhsuk-button', variant !== 'primary' && `nhsuk-button--${variant}`, small && 'nhsuk-button--small', extra);
}

export interface ButtonProps {
  children: ReactNode;
  type?: 'submit' | 'button';
  variant?: Variant;
  small?: boolean;
  disabled?: boolean;
  onClick?: () => void;
  className?: string;
}

export function Button({ children, type = 'submit', variant = 'primary', small, disabled, onClick, className }: ButtonProps) {
  return (
    <button className={classes(variant, small, className)} data-module="nhsuk-button" type={type} disabled={disabled} aria-disabled={disabled || undefined} onClick={onClick}>
      {children}
    </button>
  );
}

/** A link styled as a button (navigation, so it stays a link). */
export function ButtonLink({ href, children, variant = 'primary', small, className }: { href: string; children: ReactNode; variant?: Variant; small?: boolean; className?: string }) {
  return (
    <Link href={href} className={classes(variant, small, className)} draggable={false}>
      {children}
    </Link>
  );
}

export function ButtonGroup({ children }: { children: ReactNode }) {
  return <div className="nhsuk-button-group">{children}</div>;
}
