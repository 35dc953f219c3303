import type { components } from './api-schema';

/** A field's message in a problem+json answer (`errors[]`). */
export type FieldError = components['schemas']['FieldError'];
/** RFC 9457 problem details, as the backend sends them for every failure. */
export type Problem = components['schemas']['Problem'];

/** A failed API call, carrying the RFC 9457 problem details the backend returned. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(formatProblem(status, problem));
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  /** Field-level messages keyed by field name (as the backend names it, e.g. `name` or `customFields.peppol_ready`). */
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem.errors ?? []) {
      if (e.field) out[e.field] = out[e.field] ? `${out[e.field]}; ${e.message ?? ''}` : (e.message ?? '');
    }
    return out;
  }
}

/** One readable line: the detail (or title), then each field's message. */
export function formatProblem(status: number, problem: Problem): string {
  const head = problem.detail || problem.title || `HTTP ${status}`;
  const fields = (problem.errors ?? [])
    .filter((e) => e.message)
    .map((e) => (e.field ? `${e.field}: ${e.message}` : e.message));
  const rest = fields.filter((f) => f !== head);
  return rest.length ? `${head} — ${rest.join('; ')}` : head;
}

/** Reads a non-2xx response into an ApiError, whether or not it is problem+json. */
export async function toApiError(response: Response): Promise<ApiError> {
  const type = response.headers.get('content-type') ?? '';
  let problem: Problem = { status: response.status, title: response.statusText };
  try {
    if (type.includes('json')) {
      const body = (await response.clone().json()) as Problem;
      if (body && typeof body === 'object') problem = { ...problem, ...body };
    } else {
      const text = (await response.clone().text()).trim();
      if (text && text.length < 500) problem.detail = text;
    }
  } catch {
    // body unreadable: keep the status line
  }
  return new ApiError(response.status, problem);
}

/** Finds the server message for a field, whatever prefix the backend used (`key`, `cf.key`, `customFields.key`). */
export function fieldError(error: unknown, ...names: string[]): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const errs = error.fieldErrors;
  for (const n of names) {
    for (const candidate of [n, `cf.${n}`, `customFields.${n}`, `customFields[${n}]`]) {
      if (errs[candidate]) return errs[candidate];
    }
  }
  return undefined;
}
