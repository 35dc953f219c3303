import { Anchor, Center, Group, Table, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Client, FieldDefinition } from '@/lib/api-types';
import { formatFieldValue, labelOf } from '@/lib/field-format';
import { currentLanguage } from '@/i18n';
import { formatEnterpriseNumber, nextSort, sortDirection } from '../utils';

export interface ClientsTableProps {
  clients: Client[];
  /** Custom fields of the categories shown in the client list, in order. */
  fields: FieldDefinition[];
  sort?: string;
  onSortChange: (sort: string) => void;
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

export function ClientsTable({ clients, fields, sort, onSortChange }: ClientsTableProps) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const none = t('common.none');

  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover verticalSpacing="xs" stickyHeader>
        <Table.Thead>
          <Table.Tr>
            <SortHeader column="name" label={t('clients.columns.name')} sort={sort} onSortChange={onSortChange} />
            <SortHeader column="enterpriseNumber" label={t('clients.columns.enterpriseNumber')} sort={sort} onSortChange={onSortChange} />
            <SortHeader column="vatNumber" label={t('clients.columns.vatNumber')} sort={sort} onSortChange={onSortChange} />
            {fields.map((f) => (
              <SortHeader key={f.key} column={`cf.${f.key}`} label={labelOf(f.labels, lang, f.key)} sort={sort} onSortChange={onSortChange} wrap />
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {clients.length === 0 ? (
            <Table.Tr>
              <Table.Td colSpan={3 + fields.length}>
                <Center py="lg">
                  <Text c="dimmed">{t('clients.empty')}</Text>
                </Center>
              </Table.Td>
            </Table.Tr>
          ) : (
            clients.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td miw={220}>
                  <Anchor component={Link} to={`/clients/${c.id}`} fw={500}>
                    {c.name}
                  </Anchor>
                  {c.reference && (
                    <Text size="xs" c="dimmed">
                      {c.reference}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatEnterpriseNumber(c.enterpriseNumber) ?? none}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{c.vatNumber || none}</Table.Td>
                {fields.map((f) => (
                  <Table.Td key={f.key} style={f.type === 'LONG_TEXT' ? { maxWidth: 280 } : undefined}>
                    <Text size="sm" lineClamp={2}>
                      {formatFieldValue(f, c.customFields?.[f.key], lang, t, { peppolStatus: c.peppol?.status })}
                    </Text>
                  </Table.Td>
                ))}
              </Table.Tr>
            ))
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
