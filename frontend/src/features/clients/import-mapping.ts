import type { FieldCategory, StandardFieldView } from '@/lib/api-types';
import type { components } from '@/lib/api-schema';

export type ImportColumn = components['schemas']['ImportColumn'];
export type ImportResult = components['schemas']['ImportResult'];

/** A field a column can be imported into: standard writable fields, then custom fields (not system ones or documents). */
export interface ImportTarget {
  value: string;
  label: string;
}

export function importTargets(standard: StandardFieldView[], categories: FieldCategory[], lang: string): ImportTarget[] {
  const label = (labels: Record<string, string> | undefined, fallback: string) => labels?.[lang] ?? labels?.fr ?? fallback;
  const out: ImportTarget[] = standard.filter((f) => f.writable).map((f) => ({ value: f.name, label: label(f.labels, f.name) }));
  for (const c of categories) {
    for (const f of c.fields) {
      if (f.type === 'SYSTEM' || f.type === 'DOCUMENT') continue;
      out.push({ value: `cf.${f.key}`, label: label(f.labels as Record<string, string>, f.key) });
    }
  }
  return out;
}

/** header → field (null ignores the column), starting from what the server guessed. */
export type ImportMapping = Record<string, string | null>;

export function guessedMapping(columns: ImportColumn[]): ImportMapping {
  const out: ImportMapping = {};
  for (const c of columns) out[c.header] = c.field ?? null;
  return out;
}

/** Fields chosen by more than one column (the server refuses them, the screen says so first). */
export function duplicateFields(mapping: ImportMapping): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const field of Object.values(mapping)) {
    if (!field) continue;
    if (seen.has(field)) twice.add(field);
    seen.add(field);
  }
  return [...twice];
}

/** Rows are matched by enterprise number or reference: one of them must be mapped. */
export function canMatch(mapping: ImportMapping): boolean {
  return Object.values(mapping).some((f) => f === 'enterpriseNumber' || f === 'reference');
}
