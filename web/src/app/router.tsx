import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

/** A tiny History API router: the location is an external store; links push state. */

const listeners = new Set<() => void>();
let navigationCount = 0;

function notify(): void {
  navigationCount += 1;
  for (const listener of listeners) listener();
}

let lastPathAndSearch = typeof window === 'undefined' ? '/' : window.location.pathname + window.location.search;
if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => {
    const next = window.location.pathname + window.location.search;
    // A fragment-only change (skip link, error summary) is not a navigation.
    if (next === lastPathAndSearch) return;
    lastPathAndSearch = next;
    notify();
  });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Only paths inside this app: a single leading slash, no scheme or protocol-relative URL. */
export function isInternalPath(value: string | null | undefined): value is string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\');
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (!isInternalPath(to)) to = '/';
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  lastPathAndSearch = window.location.pathname + window.location.search;
  window.scrollTo(0, 0);
  notify();
}

export interface Location {
  pathname: string;
  search: string;
  /** Increments on every navigation, so pages can reset state when the same path is visited again. */
  key: number;
}

let cached: Location | null = null;
function snapshot(): Location {
  const { pathname, search } = window.location;
  if (!cached || cached.pathname !== pathname || cached.search !== search || cached.key !== navigationCount) {
    cached = { pathname, search, key: navigationCount };
  }
  return cached;
}

export function useLocation(): Location {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}

export function useSearchParams(): URLSearchParams {
  const { search } = useLocation();
  return new URLSearchParams(search);
}

/** Match `/children/:childId/flags/new` against a pathname; returns the params or null. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const patternParts = pattern.split('/').filter(Boolean);
  const pathParts = pathname.replace(/\/+$/, '').split('/').filter(Boolean);
  if (patternParts.length !== pathParts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < patternParts.length; i += 1) {
    const expected = patternParts[i]!;
    const actual = pathParts[i]!;
    if (expected.startsWith(':')) {
      try {
        params[expected.slice(1)] = decodeURIComponent(actual);
      } catch {
        return null;
      }
    } else if (expected !== actual) return null;
  }
  return params;
}

function isPlainLeftClick(event: MouseEvent<HTMLAnchorElement>): boolean {
  return event.button === 0 && !event.metaKey && !event.altKey && !event.ctrlKey && !event.shiftKey && !event.defaultPrevented;
}

export interface LinkProps extends AnchorHTMLAttributes<HTMLAnchorElement> {
  href: string;
  children?: ReactNode;
}

/** An ordinary <a href>, so it works with a keyboard, a new tab and assistive technology. */
export function Link({ href, onClick, children, ...rest }: LinkProps) {
  return (
    <a
      href={href}
      onClick={(event) => {
        onClick?.(event);
        if (!isPlainLeftClick(event) || rest.target || !isInternalPath(href)) return;
        event.preventDefault();
        navigate(href);
      }}
      {...rest}
    >
      {children}
    </a>
  );
}
