// Why a Peppol look-up failed (or why a participant found cannot receive invoices), in the user's language: by the
// stable `errorCode` and `errorParams` the API sends beside the English `error` (the registry LookupError of the
// backend), with dates in the user's format. The English message is shown only for a code this SPA does not know,
// or a failure recorded before codes existed.
import type { TFunction } from 'i18next';
import type { components } from './api-schema';
import { formatDateTime } from './field-format';

/** Every code the API sends as `errorCode` (the PeppolLookupErrorCode enum of openapi.yaml). */
export type LookupErrorCode = components['schemas']['PeppolLookupErrorCode'];

/** The namespace holding one text per code (src/i18n/locales/lookup-errors). */
export const LOOKUP_ERRORS_NS = 'lookupErrors';

/** What the API says of a failure: the English text, and its code with params (null before codes existed). */
export interface CodedLookupError {
  error?: string | null;
  errorCode?: LookupErrorCode | null;
  errorParams?: Record<string, unknown> | null;
}

/** Params that are instants (ISO-8601), shown as dates. */
const DATES = new Set(['notAfter', 'notBefore']);

/** The failure in the user's language; the English text for an unknown code; undefined when there is none. */
export function translateLookupError(failure: CodedLookupError, t: TFunction, lang: string): string | undefined {
  const { error, errorCode, errorParams } = failure;
  if (!errorCode) return error ?? undefined;
  const params: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(errorParams ?? {}))
    params[name] = DATES.has(name) && typeof value === 'string' ? (formatDateTime(value, lang) ?? value) : value;
  const text = t(errorCode, { ns: LOOKUP_ERRORS_NS, keySeparator: false, nsSeparator: false, ...params, defaultValue: '' });
  return text || error || errorCode;
}
