import type { CSSProperties, ReactNode } from 'react';
import { Anchor, Center, Checkbox, Group, Table, Text, UnstyledButton } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Client, FieldDefinition } from '@/lib/api-types';
import { formatDateTime, formatFieldValue, labelOf } from '@/lib/field-format';
import { currentLanguage } from '@/i18n';
import { formatEnterpriseNumber, nextSort, sortDirection } from '../utils';

export interface ClientsTableProps {
  clients: Client[];
  /** Custom fields of the categories shown in the client list, in order. */
  fields: FieldDefinition[];
  sort?: string;
  onSortChange: (sort: string) => void;
  /**
   * Column selectors in order (a control view's `columns`: `name`, `enterpriseNumber`, `cf.<key>`, `lastInfoEmailAt`...);
   * default: name, enterprise number, VAT number and `fields`. Unknown columns and empty values show "—".
   */
  columns?: string[];
  /** Every custom field known (to label and format `cf.<key>` columns outside `fields`). */
  allFields?: FieldDefinition[];
  /** Row selection: shown only when given (users who may write). */
  selection?: {
    selected: ReadonlySet<string>;
    onToggle: (id: string, selected: boolean) => void;
    onTogglePage: (selected: boolean) => void;
  };
}

/** Not sortable: not a selector of the list. */
const UNSORTABLE = new Set(['lastInfoEmailAt']);

export function defaultColumns(fields: FieldDefinition[]): string[] {
  return ['name', 'enterpriseNumber', 'vatNumber', ...fields.map((f) => `cf.${f.key}`)];
}

/** A column's header: a custom field's label, else the standard column's name in the user's language. */
export function columnLabel(column: string, field: FieldDefinition | undefined, lang: string, t: TFunction): string {
  if (field) return labelOf(field.labels, lang, field.key);
  return t(`clients.columns.${column.replace(/\./g, '_')}`, { defaultValue: column });
}

function standardValue(c: Client, column: string, t: TFunction): string | undefined {
  const none = undefined;
  switch (column) {
    case 'enterpriseNumber':
      return formatEnterpriseNumber(c.enterpriseNumber);
    case 'vatLiable':
      return c.vatLiable === true ? t('common.yes') : c.vatLiable === false ? t('common.no') : none;
    case 'type':
      return c.type ? t(`client.type.${c.type}`, { defaultValue: c.type }) : none;
    case 'status':
      return c.status ? t(`client.status.${c.status}`, { defaultValue: c.status }) : none;
    case 'language':
      return c.language ? t(`language.${c.language}`, { defaultValue: c.language }) : none;
    case 'peppol.status':
      return c.peppol?.status ? t(`peppol.statuses.${c.peppol.status}`, { defaultValue: c.peppol.status }) : none;
    case 'peppol.accessPointName':
      return c.peppol?.accessPointName ?? none;
  }
  if (column.startsWith('address.')) {
    const v = (c.address as Record<string, unknown> | null | undefined)?.[column.slice(8)];
    return typeof v === 'string' && v ? v : none;
  }
  if (column === 'lastInfoEmailAt') {
    const last = c.lastInfoEmail;
    if (!last) return none;
    const status = t(`email.messageStatuses.${last.status}`, { defaultValue: last.status });
    return `${formatDateTime(last.at, currentLanguage()) ?? ''} · ${status}`;
  }
  if (column === 'name') return none;
  const v = (c as unknown as Record<string, unknown>)[column];
  return typeof v === 'string' || typeof v === 'number' ? String(v) || none : none;
}

const CHECKBOX_WIDTH = 32;

/** A cell that stays at `left` px while the table scrolls sideways. */
function sticky(left: number): CSSProperties {
  return { position: 'sticky', left, zIndex: 1, background: 'var(--mantine-color-body)' };
}

function SortHeader({ column, label, sort, onSortChange, wrap, style }: { column: string; label: string; sort?: string; onSortChange: (s: string) => void; wrap?: boolean; style?: CSSProperties }) {
  const { t } = useTranslation();
  const dir = sortDirection(sort, column);
  const arrow = dir === 'ascending' ? '▲' : dir === 'descending' ? '▼' : '↕';
  return (
    <Table.Th aria-sort={dir} style={{ ...(wrap ? { minWidth: 110, maxWidth: 180, whiteSpace: 'normal', lineHeight: 1.2 } : { whiteSpace: 'nowrap' }), ...style }}>
      <UnstyledButton onClick={() => onSortChange(nextSort(sort, column))} title={t('clients.sortBy', { column: label })}>
        <Group gap={4} wrap="nowrap" align="flex-start">
          <Text fw={600} size="xs">
            {label}
          </Text>
          <Text size="xs" c={dir === 'none' ? 'dimmed' : undefined} aria-hidden>
            {arrow}
          </Text>
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

export function ClientsTable({ clients, fields, sort, onSortChange, columns, allFields, selection }: ClientsTableProps) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const none = t('common.none');
  const cols = columns?.length ? columns : defaultColumns(fields);
  const fieldOf = (column: string) => {
    if (!column.startsWith('cf.')) return undefined;
    const key = column.slice(3);
    return fields.find((f) => f.key === key) ?? allFields?.find((f) => f.key === key);
  };
  const pageSelected = selection && clients.length > 0 && clients.every((c) => selection.selected.has(c.id));
  // the selection box and the name stay in view while the other columns scroll sideways
  const nameLeft = selection ? CHECKBOX_WIDTH : 0;
  const rowBackground = (id: string) =>
    selection?.selected.has(id) ? 'var(--mantine-color-indigo-0)' : 'var(--mantine-color-body)';
  const someSelected = selection && clients.some((c) => selection.selected.has(c.id));

  const cell = (c: Client, column: string): ReactNode => {
    if (column === 'name') {
      return (
        <Table.Td key={column} style={{ ...sticky(nameLeft), maxWidth: 280, background: rowBackground(c.id) }}>
          <Group gap={6} wrap="nowrap">
            <Anchor component={Link} to={`/clients/${c.id}`} fw={500} size="sm" lh={1.3} truncate="end" title={c.name}>
              {c.name}
            </Anchor>
            {c.reference && (
              <Text span size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {c.reference}
              </Text>
            )}
          </Group>
        </Table.Td>
      );
    }
    const field = fieldOf(column);
    if (field) {
      const text = formatFieldValue(field, c.customFields?.[field.key], lang, t, { peppolStatus: c.peppol?.status });
      return (
        <Table.Td key={column} style={{ maxWidth: field.type === 'LONG_TEXT' ? 240 : 180 }}>
          <Text size="sm" lh={1.3} truncate="end" title={text}>
            {text}
          </Text>
        </Table.Td>
      );
    }
    const text = (column.startsWith('cf.') ? undefined : standardValue(c, column, t)) || none;
    return (
      <Table.Td key={column} style={{ whiteSpace: 'nowrap', maxWidth: 220, overflow: 'hidden', textOverflow: 'ellipsis' }} title={text}>
        {text}
      </Table.Td>
    );
  };

  return (
    <Table.ScrollContainer minWidth={0} type="native">
      <Table highlightOnHover verticalSpacing={3} horizontalSpacing="xs" fz="sm" stickyHeader style={{ whiteSpace: 'nowrap', lineHeight: 1.3 }}>
        <Table.Thead>
          <Table.Tr>
            {selection && (
              <Table.Th w={CHECKBOX_WIDTH} style={{ ...sticky(0), zIndex: 3 }}>
                <Checkbox
                  size="xs"
                  aria-label={t('clients.selectPage')}
                  checked={!!pageSelected}
                  indeterminate={!pageSelected && !!someSelected}
                  disabled={clients.length === 0}
                  onChange={(e) => selection.onTogglePage(e.currentTarget.checked)}
                />
              </Table.Th>
            )}
            {cols.map((column) => {
              const field = fieldOf(column);
              const label = columnLabel(column, field, lang, t);
              if (UNSORTABLE.has(column)) {
                return (
                  <Table.Th key={column} style={{ whiteSpace: 'nowrap' }}>
                    <Text fw={600} size="sm">
                      {label}
                    </Text>
                  </Table.Th>
                );
              }
              return (
                <SortHeader
                  key={column}
                  column={column}
                  label={label}
                  sort={sort}
                  onSortChange={onSortChange}
                  wrap={!!field}
                  style={column === 'name' ? { ...sticky(nameLeft), zIndex: 3 } : undefined}
                />
              );
            })}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {clients.length === 0 ? (
            <Table.Tr>
              <Table.Td colSpan={cols.length + (selection ? 1 : 0)}>
                <Center py="lg">
                  <Text c="dimmed">{t('clients.empty')}</Text>
                </Center>
              </Table.Td>
            </Table.Tr>
          ) : (
            clients.map((c) => (
              <Table.Tr key={c.id} bg={selection?.selected.has(c.id) ? 'var(--mantine-color-indigo-0)' : undefined}>
                {selection && (
                  <Table.Td style={{ ...sticky(0), background: rowBackground(c.id) }}>
                    <Checkbox
                      size="xs"
                      aria-label={t('clients.selectRow', { name: c.name })}
                      checked={selection.selected.has(c.id)}
                      onChange={(e) => selection.onToggle(c.id, e.currentTarget.checked)}
                    />
                  </Table.Td>
                )}
                {cols.map((column) => cell(c, column))}
              </Table.Tr>
            ))
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
