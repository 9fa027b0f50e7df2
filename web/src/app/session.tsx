import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { z } from 'zod';
import type { metaResponse, SessionUser } from '../../../src/contracts/auth.js';
import { ApiError, onUnauthorized, setCsrfToken } from '../api/client.js';
import { endpoints } from '../api/endpoints.js';

export type Meta = z.infer<typeof metaResponse>;

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out' }
  | { status: 'signed-in'; user: SessionUser }
  | { status: 'error' };

interface SessionContextValue {
  state: SessionState;
  meta: Meta | null;
  signedIn: (body: { user: SessionUser; csrfToken: string }) => void;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [meta, setMeta] = useState<Meta | null>(null);

  useEffect(() => {
    let cancelled = false;
    onUnauthorized(() => {
      if (!cancelled) setState({ status: 'signed-out' });
    });
    endpoints
      .meta()
      .then((value) => !cancelled && setMeta(value))
      .catch(() => undefined);
    endpoints
      .session()
      .then((body) => {
        if (cancelled) return;
        setCsrfToken(body.csrfToken);
        setState({ status: 'signed-in', user: body.user });
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        setState(error instanceof ApiError && error.status === 401 ? { status: 'signed-out' } : { status: 'error' });
      });
    return () => {
      cancelled = true;
      onUnauthorized(null);
    };
  }, []);

  const signedIn = useCallback((body: { user: SessionUser; csrfToken: string }) => {
    setCsrfToken(body.csrfToken);
    setState({ status: 'signed-in', user: body.user });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await endpoints.signOut();
    } finally {
      setCsrfToken(null);
      setState({ status: 'signed-out' });
    }
  }, []);

  const value = useMemo(() => ({ state, meta, signedIn, signOut }), [state, meta, signedIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user (pages behind the sign-in guard only). */
export function useUser(): SessionUser {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useUser without a signed-in user');
  return state.user;
}

/** Whether the user's role may perform an action on a resource (`user.permissions` from the session). */
export function can(user: SessionUser | null | undefined, resource: string, action: string): boolean {
  return Boolean(user?.permissions[resource]?.includes(action));
}
