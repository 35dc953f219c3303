import type { ReactNode } from 'react';
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

function columnLabel(column: string, field: FieldDefinition | undefined, lang: string, t: TFunction): string {
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

function SortHeader({ column, label, sort, onSortChange, wrap }: { column: string; label: string; sort?: string; onSortChange: (s: string) => void; wrap?: boolean }) {
  const { t } = useTranslation();
  const dir = sortDirection(sort, column);
  const arrow = dir === 'ascending' ? '▲' : dir === 'descending' ? '▼' : '↕';
  return (
    <Table.Th aria-sort={dir} style={wrap ? { minWidth: 120, maxWidth: 200 } : { whiteSpace: 'nowrap' }}>
      <UnstyledButton onClick={() => onSortChange(nextSort(sort, column))} title={t('clients.sortBy', { column: label })}>
        <Group gap={4} wrap="nowrap" align="flex-start">
          <Text fw={600} size="sm">
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
  const someSelected = selection && clients.some((c) => selection.selected.has(c.id));

  const cell = (c: Client, column: string): ReactNode => {
    if (column === 'name') {
      return (
        <Table.Td key={column} miw={220}>
          <Anchor component={Link} to={`/clients/${c.id}`} fw={500}>
            {c.name}
          </Anchor>
          {c.reference && (
            <Text size="xs" c="dimmed">
              {c.reference}
            </Text>
          )}
        </Table.Td>
      );
    }
    const field = fieldOf(column);
    if (field) {
      return (
        <Table.Td key={column} style={field.type === 'LONG_TEXT' ? { maxWidth: 280 } : undefined}>
          <Text size="sm" lineClamp={2}>
            {formatFieldValue(field, c.customFields?.[field.key], lang, t, { peppolStatus: c.peppol?.status })}
          </Text>
        </Table.Td>
      );
    }
    return (
      <Table.Td key={column} style={{ whiteSpace: 'nowrap' }}>
        {(column.startsWith('cf.') ? undefined : standardValue(c, column, t)) || none}
      </Table.Td>
    );
  };

  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover verticalSpacing="xs" stickyHeader>
        <Table.Thead>
          <Table.Tr>
            {selection && (
              <Table.Th w={40}>
                <Checkbox
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
              return <SortHeader key={column} column={column} label={label} sort={sort} onSortChange={onSortChange} wrap={!!field} />;
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
                  <Table.Td>
                    <Checkbox
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
