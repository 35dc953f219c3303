import { Alert, Anchor, Badge, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  canMatch,
  duplicateFields,
  type ImportColumn,
  type ImportMapping,
  type ImportResult,
  type ImportTarget,
} from '@/features/clients/import-mapping';
import { translateFieldError } from '@/lib/error-messages';
import type { FieldError } from '@/lib/api-error';

/** Step 2: each column of the file and the field it goes to (guessed from its header; "ignore" leaves it out). */
export function ImportMappingStep({
  columns,
  mapping,
  targets,
  onChange,
}: {
  columns: ImportColumn[];
  mapping: ImportMapping;
  targets: ImportTarget[];
  onChange: (next: ImportMapping) => void;
}) {
  const { t } = useTranslation();
  const twice = duplicateFields(mapping);
  const options = [{ value: '', label: t('clientImport.ignore') }, ...targets];
  return (
    <Stack gap="sm">
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('clientImport.column')}</Table.Th>
            <Table.Th>{t('clientImport.field')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {columns.map((c) => {
            const field = mapping[c.header] ?? null;
            return (
              <Table.Tr key={c.index}>
                <Table.Td>{c.header}</Table.Td>
                <Table.Td>
                  <Select
                    aria-label={t('clientImport.fieldOf', { column: c.header })}
                    data={options}
                    value={field ?? ''}
                    searchable
                    allowDeselect={false}
                    error={field && twice.includes(field) ? t('clientImport.twice') : undefined}
                    onChange={(value) => onChange({ ...mapping, [c.header]: value ? value : null })}
                  />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {!canMatch(mapping) && (
        <Alert color="orange" role="alert">
          {t('clientImport.needsMatch')}
        </Alert>
      )}
    </Stack>
  );
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

/** Step 3: counts, errors by row and column, and what each row changes (field: old → new). */
export function ImportPreview({ result }: { result: ImportResult }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Group gap="sm">
        <Badge color="gray" variant="light">{t('clientImport.rows', { count: result.rows })}</Badge>
        <Badge color="green" variant="light">{t('clientImport.created', { count: result.created })}</Badge>
        <Badge color="blue" variant="light">{t('clientImport.changed', { count: result.changed })}</Badge>
        <Badge color="gray" variant="light">{t('clientImport.unchanged', { count: result.unchanged })}</Badge>
        <Badge color={result.errors.length ? 'red' : 'gray'} variant="light">{t('clientImport.errors', { count: result.errors.length })}</Badge>
      </Group>
      {result.errors.length > 0 && (
        <Table aria-label={t('clientImport.errorsTitle')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('clientImport.row')}</Table.Th>
              <Table.Th>{t('clientImport.column')}</Table.Th>
              <Table.Th>{t('clientImport.problem')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.errors.slice(0, 200).map((e, i) => (
              <Table.Tr key={i}>
                <Table.Td>{e.row}</Table.Td>
                <Table.Td>{e.column ?? e.field ?? '—'}</Table.Td>
                <Table.Td>{translateFieldError({ field: e.field ?? '', code: e.code as FieldError['code'], message: e.message, params: e.params }, t)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {result.items.length > 0 && (
        <Table aria-label={t('clientImport.changesTitle')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('clientImport.row')}</Table.Th>
              <Table.Th>{t('clientImport.action')}</Table.Th>
              <Table.Th>{t('clientImport.client')}</Table.Th>
              <Table.Th>{t('clientImport.changes')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.items.slice(0, 200).map((item) => (
              <Table.Tr key={item.row}>
                <Table.Td>{item.row}</Table.Td>
                <Table.Td>{item.action === 'CREATE' ? t('clientImport.create') : t('clientImport.change')}</Table.Td>
                <Table.Td>{item.clientId ? <Anchor component={Link} to={`/clients/${item.clientId}`}>{item.name}</Anchor> : item.name}</Table.Td>
                <Table.Td>
                  {item.changes.map((c) => (
                    <Text key={c.field} size="sm">
                      {c.field} : {show(c.oldValue)} → {show(c.newValue)}
                    </Text>
                  ))}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {(result.items.length > 200 || result.errors.length > 200) && <Text size="sm" c="dimmed">{t('clientImport.first200')}</Text>}
    </Stack>
  );
}
