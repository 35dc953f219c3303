import type { TFunction } from 'i18next';
import type { CustomFieldValue, DocumentValue, FieldDefinition, Labels } from '@/lib/api-types';

/** The label in the user's language, falling back to French, English, Dutch, then the key. */
export function labelOf(labels: Labels | undefined, lang: string, fallback = ''): string {
  if (!labels) return fallback;
  return labels[lang] || labels.fr || labels.en || labels.nl || fallback;
}

export function optionLabel(field: FieldDefinition, key: string, lang: string): string {
  const option = field.options?.find((o) => o.key === key);
  return option ? labelOf(option.labels, lang, key) : key;
}

export function isDocument(value: unknown): value is DocumentValue {
  return !!value && typeof value === 'object' && !Array.isArray(value) && 'name' in value;
}

/** The field that holds the Peppol access point: shows "not registered" when empty. */
export const PEPPOL_REGISTERED_KEY = 'peppol_registered';

export interface FormatContext {
  /** The client's Peppol look-up status; without one, an empty registration reads "not checked yet". */
  peppolStatus?: string | null;
}

/** A custom-field value as text, in the user's language (for tables and read-only cards). */
export function formatFieldValue(
  field: FieldDefinition,
  value: CustomFieldValue | undefined,
  lang: string,
  t: TFunction,
  context?: FormatContext,
): string {
  if (field.key === PEPPOL_REGISTERED_KEY && (value === null || value === undefined || value === '')) {
    return context && !context.peppolStatus ? t('peppol.statuses.UNKNOWN') : t('peppol.notRegistered');
  }
  if (value === null || value === undefined || value === '') return t('common.none');
  switch (field.type) {
    case 'BOOLEAN':
      return value === true ? t('common.yes') : value === false ? t('common.no') : String(value);
    case 'SELECT':
      return optionLabel(field, String(value), lang);
    case 'MULTI_SELECT':
      return Array.isArray(value) && value.length ? value.map((k) => optionLabel(field, k, lang)).join(', ') : t('common.none');
    case 'NUMBER':
      return typeof value === 'number' ? new Intl.NumberFormat(localeOf(lang)).format(value) : String(value);
    case 'DATE':
      return typeof value === 'string' ? formatDate(value, lang) : String(value);
    case 'DOCUMENT':
      return isDocument(value) ? value.name : t('common.none');
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

export function localeOf(lang: string): string {
  return lang === 'nl' ? 'nl-BE' : lang === 'en' ? 'en-GB' : 'fr-BE';
}

export function formatDate(isoDate: string, lang: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return isoDate;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return new Intl.DateTimeFormat(localeOf(lang), { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

export function formatDateTime(iso: string | null | undefined, lang: string): string | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(localeOf(lang), { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}
