/** Small HTTP helpers for the sequential page calls and for signing in before a load run. */
import { DEMO_PASSWORD } from '../src/server/start.js';

export interface Session {
  username: string;
  cookie: string;
  csrfToken: string;
}

export class SignInError extends Error {}

/** POST /api/v1/auth/sign-in as a demo user; returns the session cookie and CSRF token. */
export async function signIn(baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<{ session: Session; status: number }> {
  const response = await fetch(`${baseUrl}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  if (response.status !== 200) throw new SignInError(`sign-in as ${username} failed: ${response.status} ${text.slice(0, 200)}`);
  const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('clasp_session='));
  if (!setCookie) throw new SignInError(`sign-in as ${username}: no clasp_session cookie`);
  const cookie = setCookie.split(';')[0] as string;
  const { csrfToken } = JSON.parse(text) as { csrfToken: string };
  return { session: { username, cookie, csrfToken }, status: response.status };
}

/** One request, body read to the end; returns the status, or 0 when no response came (timeout, reset). */
export async function call(baseUrl: string, path: string, { session, method = 'GET', body }: { session?: Session; method?: string; body?: unknown } = {}): Promise<number> {
  const headers: Record<string, string> = {};
  if (session) headers.cookie = session.cookie;
  if (session && method !== 'GET') headers['x-csrf-token'] = session.csrfToken;
  if (body !== undefined) headers['content-type'] = 'application/json';
  try {
    const response = await fetch(baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}
