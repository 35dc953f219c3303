import { vi } from 'vitest';

export interface RecordedCall {
  method: string;
  path: string;
  search: URLSearchParams;
  headers: Headers;
  body: unknown;
}

type Reply = { status?: number; body?: unknown; contentType?: string };
type Handler = (call: RecordedCall) => Reply | unknown;

export function json(body: unknown, status = 200): Reply {
  return { status, body, contentType: 'application/json' };
}

export function problem(status: number, detail: string, errors: { field: string; message: string }[] = []): Reply {
  return { status, body: { type: 'about:blank', title: 'Error', status, detail, errors }, contentType: 'application/problem+json' };
}

/**
 * Replaces the global fetch with routes keyed "METHOD /path" (path without query). A handler returns a reply
 * built with json()/problem(), or a plain value sent as JSON 200. Unrouted calls answer 404 problem+json.
 */
export function fakeApi(routes: Record<string, Handler>) {
  const calls: RecordedCall[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(String(input), init);
    const url = new URL(request.url);
    const text = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON
    }
    const call: RecordedCall = { method: request.method, path: url.pathname, search: url.searchParams, headers: request.headers, body };
    calls.push(call);
    const handler = routes[`${request.method} ${url.pathname}`];
    const result = handler ? handler(call) : problem(404, `No route for ${request.method} ${url.pathname}`);
    const reply: Reply =
      result && typeof result === 'object' && 'contentType' in (result as object) ? (result as Reply) : json(result);
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
      status: reply.status ?? 200,
      headers: { 'content-type': reply.contentType ?? 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetchMock, find: (method: string, path: string) => calls.filter((c) => c.method === method && c.path === path) };
}
