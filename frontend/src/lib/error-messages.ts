// One place turns what went wrong into words in the user's language: a problem+json field error by its stable
// `code` and `params` (never the English `message`, which is for integrators), the field by the label the screen
// shows (never its JSON name), a failed fetch (no network) and server errors. Screens call these through
// `useErrorText` (src/hooks/use-error-text.ts).
import type { TFunction } from 'i18next';
import { ApiError, type FieldError } from './api-error';
import type { FieldDefinition } from './api-types';
import { labelOf as labelIn } from './field-format';

/** Every code the API sends in `errors[].code` (the enum of openapi.yaml). */
export type ErrorCode = FieldError['code'];

/** The label a screen shows for a field the API names (`customFields.peppol_ready`, `labels.fr`, …), if it knows one. */
export type LabelOf = (field: string) => string | undefined;

/** The labels of custom fields in `lang`, by the names errors give them (`customFields.<key>`, `changes.cf.<key>`). */
export function customFieldLabels(fields: FieldDefinition[] | undefined, lang: string): LabelOf {
  const labels = new Map<string, string>();
  for (const field of fields ?? []) labels.set(field.key, labelIn(field.labels, lang, field.key));
  return (field) => {
    const name = plainFieldName(field);
    return name.startsWith('customFields.') ? labels.get(name.slice('customFields.'.length)) : undefined;
  };
}

/** The namespace holding one text per code (src/i18n/locales/error-codes). */
export const ERROR_CODES_NS = 'errorCodes';

/** Fields named in errors that are the request as a whole, not something the user filled in: no label shown. */
const NO_LABEL = new Set(['body', 'id', 'path', 'request', 'role', 'authentication', 'Idempotency-Key', 'If-Match', 'Content-Type', 'version']);

/** Standard client fields by the API's name → their label in `client.fields`. */
const CLIENT_FIELDS = new Set(['reference', 'name', 'type', 'legalForm', 'enterpriseNumber', 'vatNumber', 'vatLiable', 'email', 'language', 'status']);

/** `changes.cf.x`, `customFields.x`, `customFields[x]`, `cf.x` → the custom field's key, else the name itself. */
export function plainFieldName(field: string): string {
  let f = field.startsWith('changes.') ? field.slice('changes.'.length) : field;
  const bracket = /^customFields\[(.+)\]$/.exec(f);
  if (bracket) return `customFields.${bracket[1]}`;
  if (f.startsWith('cf.')) f = `customFields.${f.slice(3)}`;
  return f;
}

/** The label of a field the API names: the screen's own (custom fields), a standard field's, a generic one, or none. */
export function fieldLabel(field: string | undefined, t: TFunction, labelOf?: LabelOf): string | undefined {
  if (!field || NO_LABEL.has(field)) return undefined;
  const own = labelOf?.(field) ?? labelOf?.(plainFieldName(field));
  if (own) return own;
  const name = plainFieldName(field);
  if (CLIENT_FIELDS.has(name)) return t(`client.fields.${name}`);
  if (name.startsWith('address.')) return t(`client.fields.${name.slice('address.'.length)}`);
  const label = /^labels\.(fr|nl|en)$/.exec(name) ?? /\.labels\.(fr|nl|en)$/.exec(name);
  if (label) return t('errors.fields.label', { language: label[1].toUpperCase() });
  // generic names (password, file, filter, selection.ids, scopes[0], …) in `errors.fields`, dots as _
  const generic = name.replace(/\[\d+\]$/, '').replace(/\./g, '_');
  return t(`errors.fields.${generic}`, { defaultValue: '' }) || undefined;
}

function formatParam(value: unknown): unknown {
  if (Array.isArray(value)) return value.join(', ');
  return value;
}

/** The message of one field error in the current language, without the field's label (shown under the field). */
export function translateFieldError(error: FieldError, t: TFunction, labelOf?: LabelOf): string {
  const params: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(error.params ?? {})) params[name] = formatParam(value);
  if (typeof params.field === 'string') params.field = labelOf?.(`customFields.${params.field}`) ?? params.field;
  const bounded = error.code === 'length' || error.code === 'count' || error.code === 'range';
  if (bounded && (params.min === undefined || params.max === undefined)) {
    if (params.max !== undefined) return t('errors.atMost', params);
    if (params.min !== undefined) return t('errors.atLeast', params);
  }
  return t(error.code, { ns: ERROR_CODES_NS, keySeparator: false, nsSeparator: false, ...params, defaultValue: t('errors.invalid') });
}

/** "Label : message" (French spacing follows the language's own pattern), or the message alone. */
export function translateFieldErrorWithLabel(error: FieldError, t: TFunction, labelOf?: LabelOf): string {
  const message = translateFieldError(error, t, labelOf);
  const label = fieldLabel(error.field, t, labelOf);
  return label ? t('errors.fieldLine', { label, message }) : message;
}

/** True for the TypeError fetch throws when the server cannot be reached ("Failed to fetch"). */
export function isNetworkError(error: unknown): boolean {
  return error instanceof TypeError && /fetch|network|load failed/i.test(error.message);
}

/** One readable text for any failure: what a banner or an alert shows. */
export function translateError(error: unknown, t: TFunction, labelOf?: LabelOf): string {
  if (isNetworkError(error)) return t('errors.network');
  if (!(error instanceof ApiError)) return t('errors.unexpected');
  if (error.status >= 500) return t('errors.server');
  const errors = error.problem.errors ?? [];
  if (errors.length === 1) return translateFieldErrorWithLabel(errors[0], t, labelOf);
  if (errors.length > 1) {
    const lines = errors.map((e) => translateFieldErrorWithLabel(e, t, labelOf));
    return `${t('errors.invalidFields', { count: errors.length })} — ${lines.join(t('errors.lineSeparator'))}`;
  }
  const byStatus = t(`errors.status.${error.status}`, { defaultValue: '' });
  return byStatus || t('errors.unexpected');
}

/** The translated message for a field, whatever prefix the API used for it (`key`, `cf.key`, `customFields.key`). */
export function translatedFieldError(error: unknown, t: TFunction, labelOf: LabelOf | undefined, ...names: string[]): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const errors = error.problem.errors ?? [];
  for (const n of names) {
    const candidates = [n, `cf.${n}`, `customFields.${n}`, `customFields[${n}]`, `changes.${n}`, `changes.cf.${n}`];
    const found = errors.filter((e) => e.field && candidates.includes(e.field));
    if (found.length) return found.map((e) => translateFieldError(e, t, labelOf)).join(' ');
  }
  return undefined;
}

/** Every field error's translated message by the field the API names (what `ApiError.fieldErrors` has in English). */
export function translatedFieldErrors(error: unknown, t: TFunction, labelOf?: LabelOf): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiError)) return out;
  for (const e of error.problem.errors ?? []) {
    if (!e.field) continue;
    const message = translateFieldError(e, t, labelOf);
    out[e.field] = out[e.field] ? `${out[e.field]} ${message}` : message;
  }
  return out;
}
