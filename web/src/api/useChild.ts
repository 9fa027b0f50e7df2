import { useEffect, useState } from 'react';
import type { ChildSummary } from '../../../src/contracts/children.js';
import { ApiError } from './client.js';
import { endpoints } from './endpoints.js';

export type ChildState = { status: 'loading' } | { status: 'ok'; child: ChildSummary } | { status: 'not-found' } | { status: 'error' };

/** Load a child's summary. 404 (missing or out of scope: the server never says which) → not-found. */
export function useChild(childId: string): ChildState {
  const [state, setState] = useState<ChildState>({ status: 'loading' });
  useEffect(() => {
    let cancelled = false;
    setState({ status: 'loading' });
    endpoints
      .child(childId)
      .then((body) => !cancelled && setState({ status: 'ok', child: body.child }))
      .catch((error: unknown) => {
        if (cancelled) return;
        // A malformed id is a 400 from the server: to the user it is the same as a missing record.
        const notFound = error instanceof ApiError && (error.status === 404 || error.status === 400 || error.status === 403);
        setState(notFound ? { status: 'not-found' } : { status: 'error' });
      });
    return () => {
      cancelled = true;
    };
  }, [childId]);
  return state;
}

export function childName(child: Pick<ChildSummary, 'givenName' | 'familyName'>): string {
  return `${child.givenName} ${child.familyName}`;
}
