import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './api-schema';
import { toApiError } from './api-error';

type UnauthorizedHandler = () => void;
let onUnauthorized: UnauthorizedHandler | undefined;

/** The app registers what to do when the session has expired (go to the sign-in page). */
export function setUnauthorizedHandler(handler: UnauthorizedHandler | undefined) {
  onUnauthorized = handler;
}

/** Turns every non-2xx answer into an ApiError with the problem+json detail and per-field errors. */
export const problemMiddleware: Middleware = {
  async onResponse({ response, request }) {
    if (response.ok) return undefined;
    const error = await toApiError(response);
    const path = new URL(request.url, 'http://localhost').pathname;
    if (response.status === 401 && path !== '/api/auth/login' && path !== '/api/auth/me') {
      onUnauthorized?.();
    }
    throw error;
  },
};

export function createApiClient(baseUrl = globalThis.location?.origin ?? '', fetchImpl?: typeof fetch) {
  const client = createClient<paths>({
    baseUrl,
    credentials: 'include',
    // Looked up per call, so tests can stub the global fetch.
    fetch: fetchImpl ?? ((request: Request) => globalThis.fetch(request)),
  });
  client.use(problemMiddleware);
  return client;
}

export const api = createApiClient();
