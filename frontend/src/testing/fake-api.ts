/**
 * The fake API of the unit tests: Mock Service Worker (msw/node) answers the real api-client's fetch calls, with
 * routes typed from openapi.yaml (lib/api-schema.d.ts). A route is "METHOD /path/{param}" as openapi.yaml spells it;
 * its handler gets the path params, query and JSON body typed from that operation, and returns the operation's 2xx
 * JSON body (checked by tsc), problem() for an error, or any Response for what is not JSON.
 */
import { http, HttpResponse, type JsonBodyType } from 'msw';
import { setupServer } from 'msw/node';
import type { components, paths } from '@/lib/api-schema';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;

/** Every operation in openapi.yaml, as "GET /api/clients/{id}". */
export type Route = {
  [P in keyof paths]: { [M in Method]: paths[P][M] extends { responses: unknown } ? `${Uppercase<M>} ${P}` : never }[Method];
}[keyof paths];

type OperationOf<R extends Route> = R extends `${infer M} ${infer P}`
  ? P extends keyof paths
    ? Lowercase<M> extends Method
      ? Operation<P, Lowercase<M>>
      : never
    : never
  : never;

type JsonContent<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type SuccessStatus = 200 | 201 | 202;
type Responses<R extends Route> = OperationOf<R>['responses'];

/**
 * The JSON the backend sends: openapi.yaml marks no property nullable, yet empty properties come back as null
 * (the same looseness lib/api-types.ts narrows). Optional properties accept null here, nothing else is loosened.
 */
export type Json<T> = T extends (infer U)[]
  ? Json<U>[]
  : T extends object
    ? { [K in keyof T]: undefined extends T[K] ? Json<Exclude<T[K], undefined>> | null | undefined : Json<T[K]> }
    : T;

/** The 2xx JSON body of a route, as a handler returns it. */
export type ResponseBody<R extends Route> = Json<{ [S in keyof Responses<R>]: S extends SuccessStatus ? JsonContent<Responses<R>[S]> : never }[keyof Responses<R>]>;
export type RequestBody<R extends Route> = OperationOf<R> extends { requestBody?: infer B } ? JsonContent<NonNullable<B>> : never;
type PathParams<R extends Route> = OperationOf<R> extends { parameters: { path: infer A } } ? { [K in keyof A]: string } : Record<string, never>;

/** One request the app made, its body read as JSON (text when it is not JSON). */
export interface RecordedCall {
  method: string;
  path: string;
  search: URLSearchParams;
  headers: Headers;
  body: unknown;
  request: Request;
}

export interface Call<R extends Route> extends RecordedCall {
  params: PathParams<R>;
  body: RequestBody<R>;
}

type Awaitable<T> = T | Promise<T>;
export type Handler<R extends Route> = (call: Call<R>) => Awaitable<ResponseBody<R> | Response>;
export type Routes = { [R in Route]?: Handler<R> };

type Problem = components['schemas']['Problem'];
type FieldError = components['schemas']['FieldError'];

/**
 * An RFC 9457 problem+json answer, as the backend's error mapper sends it: each field error has its code (typed from
 * openapi.yaml) and params; the English message defaults to the code, as the SPA never shows it.
 */
export function problem(
  status: number,
  detail: string,
  errors: (Pick<FieldError, 'field' | 'code'> & Partial<Pick<FieldError, 'message' | 'params'>>)[] = [],
): Response {
  const body: Problem = {
    type: 'about:blank',
    title: 'Error',
    status,
    detail,
    errors: errors.map((e) => ({ message: e.code, params: {}, ...e })),
  };
  return HttpResponse.json(body, { status, headers: { 'content-type': 'application/problem+json' } });
}

export function noContent(): Response {
  return new HttpResponse(null, { status: 204 });
}

const calls: RecordedCall[] = [];

async function record(request: Request): Promise<RecordedCall> {
  const url = new URL(request.url);
  const text = await request.clone().text();
  let body: unknown = text || undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  const call = { method: request.method, path: url.pathname, search: url.searchParams, headers: request.headers, body, request };
  calls.push(call);
  return call;
}

// What no test routes answers 404 problem+json, like the backend for an unknown path; other hosts are an error.
const unrouted = http.all('/api/*', async ({ request }) => {
  const call = await record(request);
  return problem(404, `No route for ${call.method} ${call.path}`);
});

export const server = setupServer(unrouted);

/**
 * Routes the API for one test (setup.ts resets them after each test) and returns the calls the app made.
 * Static paths are matched before parameterised ones, so "GET /api/clients/stats" is not taken for "{id}".
 */
export function fakeApi(routes: Routes) {
  const entries = (Object.entries(routes) as [Route, Handler<Route>][]).sort(
    ([a], [b]) => a.split('{').length - b.split('{').length,
  );
  server.use(
    ...entries.map(([route, handler]) => {
      const [method, path] = route.split(' ') as [Uppercase<Method>, string];
      const mswPath = path.replace(/\{(\w+)\}/g, ':$1');
      return http[method.toLowerCase() as Method](mswPath, async ({ request, params }) => {
        const call = { ...(await record(request)), params } as Call<Route>;
        const result = await handler(call);
        return result instanceof Response ? result : HttpResponse.json(result as JsonBodyType);
      });
    }),
  );
  return { calls, find: (method: string, path: string) => calls.filter((c) => c.method === method && c.path === path) };
}

/** Forgets the routes and calls of the last test. */
export function resetFakeApi() {
  server.resetHandlers();
  calls.length = 0;
}
