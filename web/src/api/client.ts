import type { z } from 'zod';
import { errorBody } from '../../../src/contracts/errors.js';

/**
 * The one way the browser talks to the server.
 * - Cookies are same-origin only; the session cookie is HttpOnly, so the browser keeps the CSRF token
 *   from the sign-in / session body and sends it as `x-csrf-token` on every unsafe method.
 * - Every error is the one error body `{ error: { code, message, formErrors?, fieldErrors? } }`.
 * - A 401 sends the user back to sign-in (except where the caller handles it: sign-in, session check).
 * - Responses are parsed with the server's own zod schemas, so contract drift fails loudly.
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly formErrors: readonly string[] = [],
    readonly fieldErrors: Readonly<Record<string, readonly string[]>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Codes the client itself raises (no server body). Pages map them to copy. */
export const CLIENT_ERROR = {
  network: 'client.network_error',
  badResponse: 'client.bad_response',
} as const;

let csrfToken: string | null = null;
let unauthorizedHandler: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function onUnauthorized(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
const UNSAFE: ReadonlySet<Method> = new Set(['POST', 'PATCH', 'DELETE']);

export interface RequestOptions<S extends z.ZodType | undefined> {
  body?: unknown;
  query?: Record<string, string | undefined>;
  /** Schema of a successful response body; omit for 204 or bodies the caller ignores. */
  schema?: S;
  /** Let the caller handle 401 instead of returning to sign-in. */
  handle401?: boolean;
  signal?: AbortSignal;
}

type Result<S> = S extends z.ZodType ? z.output<S> : undefined;

export async function request<S extends z.ZodType | undefined = undefined>(method: Method, path: string, options: RequestOptions<S> = {}): Promise<Result<S>> {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined && value !== '') url.searchParams.set(key, value);
  }
  // x-clasp-client: the server records events sent from here with source 'ui' (not 'api').
  const headers: Record<string, string> = { accept: 'application/json', 'x-clasp-client': 'web' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (UNSAFE.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(url.pathname + url.search, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, CLIENT_ERROR.network, 'Network error');
  }

  if (response.status === 401 && !options.handle401) {
    csrfToken = null;
    unauthorizedHandler?.();
  }

  if (!response.ok) throw await toApiError(response);

  if (!options.schema || response.status === 204) return undefined as Result<S>;
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new ApiError(response.status, CLIENT_ERROR.badResponse, 'Response was not JSON');
  }
  const parsed = options.schema.safeParse(json);
  if (!parsed.success) {
    console.error(`Unexpected response from ${method} ${url.pathname}`, parsed.error.issues);
    throw new ApiError(response.status, CLIENT_ERROR.badResponse, 'Unexpected response from the server');
  }
  return parsed.data as Result<S>;
}

async function toApiError(response: Response): Promise<ApiError> {
  let json: unknown = null;
  try {
    json = await response.json();
  } catch {
    // Not JSON (a proxy error page, say): fall through to a generic error.
  }
  const parsed = errorBody.safeParse(json);
  if (!parsed.success) return new ApiError(response.status, `http.${response.status}`, response.statusText || 'Request failed');
  const { code, message, formErrors, fieldErrors } = parsed.data.error;
  return new ApiError(response.status, code, message, formErrors ?? [], fieldErrors ?? {});
}

export const api = {
  get: <S extends z.ZodType | undefined = undefined>(path: string, options?: Omit<RequestOptions<S>, 'body'>) => request('GET', path, options),
  post: <S extends z.ZodType | undefined = undefined>(path: string, body: unknown, options?: Omit<RequestOptions<S>, 'body'>) =>
    request('POST', path, { ...options, body }),
  patch: <S extends z.ZodType | undefined = undefined>(path: string, body: unknown, options?: Omit<RequestOptions<S>, 'body'>) =>
    request('PATCH', path, { ...options, body }),
  delete: <S extends z.ZodType | undefined = undefined>(path: string, options?: Omit<RequestOptions<S>, 'body'>) => request('DELETE', path, options),
};

/** Whether an error is the server refusing the request with words for the user (shown as form errors) rather than a failure. */
export function isInputError(error: unknown): error is ApiError {
  return error instanceof ApiError && [400, 403, 409, 422, 429].includes(error.status);
}
