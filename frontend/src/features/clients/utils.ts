/** 0123456749 → 0123.456.749 (BCE/KBO display form). */
export function formatEnterpriseNumber(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const digits = value.replace(/\D/g, '');
  return digits.length === 10 ? `${digits.slice(0, 4)}.${digits.slice(4, 7)}.${digits.slice(7)}` : value;
}

/** An RSQL argument, quoted so spaces, commas and quotes in user input stay part of the value. */
export function rsqlQuote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The list filter for the search box: name contains the text (case-insensitive). */
export function searchFilter(text: string): string | undefined {
  const q = text.trim().replace(/\*/g, '');
  return q ? `name=like=${rsqlQuote(`*${q}*`)}` : undefined;
}

export type ReadyFilter = 'yes' | 'no' | 'unset';
export type RegisteredFilter = 'yes' | 'no';

export interface ListFilters {
  q?: string;
  ready?: ReadyFilter;
  registered?: RegisteredFilter;
}

/** The RSQL filter for the list's search box and quick filters, all of them required (`;`). */
export function buildFilter({ q, ready, registered }: ListFilters): string | undefined {
  const parts: string[] = [];
  const search = searchFilter(q ?? '');
  if (search) parts.push(search);
  if (ready === 'yes') parts.push('cf.peppol_ready==true');
  if (ready === 'no') parts.push('cf.peppol_ready==false');
  if (ready === 'unset') parts.push('cf.peppol_ready=empty=true');
  if (registered === 'yes') parts.push('cf.peppol_registered=empty=false');
  if (registered === 'no') parts.push('cf.peppol_registered=empty=true');
  return parts.length ? parts.join(';') : undefined;
}

/** Clicking a header: ascending first, then descending, then ascending again. */
export function nextSort(current: string | undefined, column: string): string {
  return current === column ? `-${column}` : column;
}

export function sortDirection(current: string | undefined, column: string): 'ascending' | 'descending' | 'none' {
  if (current === column) return 'ascending';
  if (current === `-${column}`) return 'descending';
  return 'none';
}

/** Both filters must hold: `(a);(b)`, each part grouped so an `or` inside stays inside. */
export function andFilters(...filters: (string | null | undefined)[]): string | undefined {
  const parts = filters.map((f) => f?.trim()).filter((f): f is string => !!f);
  if (parts.length <= 1) return parts[0];
  return parts.map((f) => (/[,]/.test(f) ? `(${f})` : f)).join(';');
}
