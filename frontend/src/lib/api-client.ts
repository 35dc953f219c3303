import createClient, { type Middleware } from 'openapi-fetch';
import type { paths as generatedPaths } from './api-schema';
import type { pendingPaths } from './api-pending-paths';
import { toApiError } from './api-error';

/** Keys of T whose value is not (optional) never: the methods a path item really has. */
type Defined<T> = { [K in keyof T]-?: [Exclude<T[K], undefined>] extends [never] ? never : K }[keyof T];
/** A path item from openapi.yaml, completed with the hand-typed methods it does not have yet. */
type MergeItem<G, P> = Omit<G, Exclude<Defined<P>, Defined<G>>> & Pick<P, Exclude<Defined<P>, Defined<G>>>;

/**
 * Paths from openapi.yaml, plus the operations not yet in it (typed by hand from api.md in api-pending-paths.ts).
 * Per operation, the generated definition wins as soon as it lands.
 */
export type paths = Omit<generatedPaths, keyof pendingPaths> & {
  [K in keyof pendingPaths]: K extends keyof generatedPaths ? MergeItem<generatedPaths[K], pendingPaths[K]> : pendingPaths[K];
};

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
