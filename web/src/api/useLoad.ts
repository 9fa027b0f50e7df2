import { useCallback, useEffect, useState } from 'react';
import { ApiError } from './client.js';

export type LoadState<T> = { status: 'loading' } | { status: 'ok'; data: T } | { status: 'not-found' } | { status: 'forbidden' } | { status: 'error' };

/**
 * Load something for a page. 404 and 400 (a malformed id) → not-found, as `useChild` does: to the user a
 * missing and an out-of-scope record look the same; 403 → forbidden. `reload()` loads again (after a save).
 */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): LoadState<T> & { reload: () => void } {
  const [state, setState] = useState<LoadState<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let cancelled = false;
    load()
      .then((data) => !cancelled && setState({ status: 'ok', data }))
      .catch((error: unknown) => {
        if (cancelled) return;
        if (error instanceof ApiError && (error.status === 404 || error.status === 400)) setState({ status: 'not-found' });
        else if (error instanceof ApiError && error.status === 403) setState({ status: 'forbidden' });
        else setState({ status: 'error' });
      });
    return () => {
      cancelled = true;
    };
    // The caller lists what the loader depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, generation]);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { ...state, reload };
}
