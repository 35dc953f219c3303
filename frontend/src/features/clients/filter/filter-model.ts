/**
 * The filter builder's model: the fields a filter can name (standard fields from GET /api/standard-fields, custom
 * fields from the categories), the operators each kind accepts (those of backend clientquery.RsqlCompiler), and the
 * conversion of conditions to the API's RSQL and back. The RSQL string is the one state (in the URL, in a saved
 * view); conditions are read back from it, and what the builder cannot show as conditions stays one raw chip.
 */
import type { FieldDefinition, Labels, StandardFieldView } from '@/lib/api-types';
import { rsqlQuote } from '../utils';

/** How values of a field compare (backend clientquery.FieldKind). */
export type FieldKind = 'TEXT' | 'CODE' | 'NUMBER' | 'DATE' | 'TIMESTAMP' | 'BOOLEAN' | 'UUID' | 'MULTI' | 'PRESENCE';

export type Operator = 'is' | 'isNot' | 'contains' | 'in' | 'between' | 'isEmpty' | 'isNotEmpty';

export const OPERATORS: readonly Operator[] = ['is', 'isNot', 'contains', 'in', 'between', 'isEmpty', 'isNotEmpty'];

export interface FilterField {
  /** The RSQL selector: a standard field's JSON name or `cf.<key>`. */
  selector: string;
  kind: FieldKind;
  labels: Labels;
  /** Allowed values of CODE and MULTI fields (codes or option keys). */
  values: string[];
  /** The custom field behind a `cf.` selector (for its option labels). */
  custom?: FieldDefinition;
  /** The category's labels of a custom field, to group the picker. */
  group?: Labels;
}

export interface Condition {
  selector: string;
  op: Operator;
  /** is / isNot / contains: one value; in: several; between: [from, to] (either may be ''). */
  values: string[];
}

/** The operators a kind accepts, in the picker's order. */
export function operatorsFor(kind: FieldKind): Operator[] {
  switch (kind) {
    case 'TEXT':
      return ['contains', 'is', 'isNot', 'in', 'isEmpty', 'isNotEmpty'];
    case 'CODE':
    case 'MULTI':
      return ['is', 'isNot', 'in', 'isEmpty', 'isNotEmpty'];
    case 'NUMBER':
    case 'DATE':
      return ['is', 'isNot', 'between', 'isEmpty', 'isNotEmpty'];
    case 'TIMESTAMP':
      return ['between', 'isEmpty', 'isNotEmpty'];
    case 'BOOLEAN':
      return ['is', 'isEmpty', 'isNotEmpty'];
    case 'UUID':
      return ['is', 'isNot', 'isEmpty', 'isNotEmpty'];
    case 'PRESENCE':
      return ['isEmpty', 'isNotEmpty'];
  }
}

/** The kind of a custom field's values (backend clientquery.Selectors). */
export function customKind(field: FieldDefinition): FieldKind {
  switch (field.type) {
    case 'NUMBER':
      return 'NUMBER';
    case 'DATE':
      return 'DATE';
    case 'BOOLEAN':
      return 'BOOLEAN';
    case 'SELECT':
      return 'CODE';
    case 'MULTI_SELECT':
      return 'MULTI';
    case 'DOCUMENT':
      return 'PRESENCE';
    default:
      return 'TEXT';
  }
}

/** Every field a filter may name: the filterable standard fields (but the technical id), then each category's fields. */
export function filterFields(
  standard: StandardFieldView[],
  categories: { labels: Labels; fields: FieldDefinition[] }[],
): FilterField[] {
  const out: FilterField[] = standard
    .filter((f) => f.filterable && f.name !== 'id')
    .map((f) => ({ selector: f.name, kind: f.kind as FieldKind, labels: f.labels as Labels, values: f.values }));
  for (const c of categories) {
    for (const f of c.fields) {
      out.push({
        selector: `cf.${f.key}`,
        kind: customKind(f),
        labels: f.labels,
        values: (f.options ?? []).map((o) => o.key),
        custom: f,
        group: c.labels,
      });
    }
  }
  return out;
}

/** Whether a condition has what its operator needs (an incomplete one is not applied). */
export function isComplete(c: Condition): boolean {
  switch (c.op) {
    case 'isEmpty':
    case 'isNotEmpty':
      return true;
    case 'between':
      return c.values.some((v) => v.trim() !== '');
    case 'in':
      return c.values.length > 0;
    default:
      return (c.values[0] ?? '').trim() !== '';
  }
}

const SIMPLE = /^[\w.@:+-]+$/;

/** An argument as RSQL: bare when it is a plain word, quoted otherwise. */
function arg(value: string): string {
  return SIMPLE.test(value) ? value : rsqlQuote(value);
}

/** The next calendar day of YYYY-MM-DD (a timestamp range "to" includes its whole day). */
function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function previousDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** One condition as RSQL (undefined while incomplete). */
export function conditionToRsql(c: Condition, kind?: FieldKind): string | undefined {
  if (!isComplete(c)) return undefined;
  const s = c.selector;
  const one = (c.values[0] ?? '').trim();
  switch (c.op) {
    case 'isEmpty':
      return `${s}=empty=true`;
    case 'isNotEmpty':
      return `${s}=empty=false`;
    case 'is':
      return `${s}==${arg(one)}`;
    case 'isNot':
      return `${s}!=${arg(one)}`;
    case 'contains':
      return `${s}=like=${rsqlQuote(`*${one.replace(/\*/g, '')}*`)}`;
    case 'in':
      return `${s}=in=(${c.values.map(arg).join(',')})`;
    case 'between': {
      const [from = '', to = ''] = c.values.map((v) => v.trim());
      const parts: string[] = [];
      if (from) parts.push(`${s}=ge=${arg(from)}`);
      if (to) parts.push(kind === 'TIMESTAMP' ? `${s}=lt=${arg(nextDay(to))}` : `${s}=le=${arg(to)}`);
      return parts.join(';');
    }
  }
}

/** Every complete condition, all required (`;`); undefined when there is none. */
export function toRsql(conditions: Condition[], fields: FilterField[] = []): string | undefined {
  const kindOf = (s: string) => fields.find((f) => f.selector === s)?.kind;
  const parts = conditions.map((c) => conditionToRsql(c, kindOf(c.selector))).filter((p): p is string => !!p);
  return parts.length ? parts.join(';') : undefined;
}

export interface ParsedFilter {
  conditions: Condition[];
  /** What is not a plain "and" of conditions the builder knows (or-groups, unknown fields): kept as written. */
  rest?: string;
}

/** Splits on `sep` outside quotes and parentheses. */
function splitTop(text: string, sep: string): string[] | undefined {
  const out: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === sep && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (quote || depth !== 0) return undefined;
  out.push(text.slice(start));
  return out;
}

function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v.at(-1) === v[0]) {
    return v.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  return v;
}

const COMPARISON = /^([\w.]+)(==|!=|=in=|=out=|=like=|=empty=|=ge=|=le=|=lt=|=gt=)(.*)$/s;

interface Atom {
  selector: string;
  op: string;
  args: string[];
}

function atom(text: string): Atom | undefined {
  const m = COMPARISON.exec(text.trim());
  if (!m) return undefined;
  const [, selector, op, rawArgs] = m;
  const raw = rawArgs.trim();
  if (raw.startsWith('(')) {
    if (!raw.endsWith(')')) return undefined;
    const items = splitTop(raw.slice(1, -1), ',');
    return items ? { selector, op, args: items.map(unquote) } : undefined;
  }
  return { selector, op, args: [unquote(raw)] };
}

/** Reads an RSQL filter back into the builder's conditions, as far as it is an "and" of simple comparisons. */
export function parseRsql(filter: string | undefined, fields: FilterField[]): ParsedFilter {
  const text = filter?.trim();
  if (!text) return { conditions: [] };
  // `;` binds tighter than `,`: a top-level "or" is kept whole
  const alternatives = splitTop(text, ',');
  const parts = alternatives && alternatives.length === 1 ? splitTop(text, ';') : undefined;
  if (!parts) return { conditions: [], rest: text };
  const known = (s: string) => fields.find((f) => f.selector === s);
  const conditions: Condition[] = [];
  const rest: string[] = [];
  for (const part of parts) {
    const a = atom(part);
    const field = a && known(a.selector);
    if (!a || !field) {
      rest.push(part.trim());
      continue;
    }
    const v = a.args[0] ?? '';
    let c: Condition | undefined;
    switch (a.op) {
      case '=empty=':
        c = v === 'true' || v === 'false' ? { selector: a.selector, op: v === 'true' ? 'isEmpty' : 'isNotEmpty', values: [] } : undefined;
        break;
      case '==':
        c = { selector: a.selector, op: 'is', values: [v] };
        break;
      case '!=':
        c = { selector: a.selector, op: 'isNot', values: [v] };
        break;
      case '=in=':
        c = { selector: a.selector, op: 'in', values: a.args };
        break;
      case '=like=':
        c = /^\*[^*]*\*$/.test(v) ? { selector: a.selector, op: 'contains', values: [v.slice(1, -1)] } : undefined;
        break;
      case '=ge=':
        c = { selector: a.selector, op: 'between', values: [v, ''] };
        break;
      case '=le=':
      case '=lt=': {
        if (a.op === '=lt=' && field.kind !== 'TIMESTAMP') break;
        const to = a.op === '=lt=' ? previousDay(v) : v;
        // "from" then "to" on the same field is one range
        const last = conditions.at(-1);
        if (last && last.selector === a.selector && last.op === 'between' && !last.values[1]) {
          last.values = [last.values[0], to];
          continue;
        }
        c = { selector: a.selector, op: 'between', values: ['', to] };
        break;
      }
    }
    if (c) conditions.push(c);
    else rest.push(part.trim());
  }
  return { conditions, rest: rest.length ? rest.join(';') : undefined };
}

/** `a,b` grouped as `(a,b)` so that an "and" after it does not bind into its last alternative. */
function grouped(filter: string): string {
  const alternatives = splitTop(filter, ',');
  return alternatives && alternatives.length > 1 ? `(${filter})` : filter;
}

/** The builder's conditions and the raw rest, as one filter. */
export function combine(conditions: Condition[], rest: string | undefined, fields: FilterField[]): string | undefined {
  const built = toRsql(conditions, fields);
  const head = rest?.trim();
  if (!built) return head || undefined;
  return head ? `${grouped(head)};${built}` : built;
}
