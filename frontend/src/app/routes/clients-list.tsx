import { useEffect, useMemo, useState } from 'react';
import { Alert, Group, Loader, Pagination, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useCategories } from '@/features/custom-fields/api/get-categories';
import { useClientList } from '@/features/clients/api/clients';
import { ClientsTable } from '@/features/clients/components/clients-table';
import { buildFilter, type ReadyFilter, type RegisteredFilter } from '@/features/clients/utils';

const PAGE_SIZES = ['25', '50', '100', '200'];

/** "Voir tous les clients": server-paginated, sortable, searchable. State lives in the URL. */
export function ClientsListRoute() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const page = Math.max(0, Number(params.get('page') ?? 0) || 0);
  const size = PAGE_SIZES.includes(params.get('size') ?? '') ? Number(params.get('size')) : 50;
  const sort = params.get('sort') ?? 'name';
  const q = params.get('q') ?? '';
  const ready = oneOf<ReadyFilter>(params.get('ready'), ['yes', 'no', 'unset']);
  const registered = oneOf<RegisteredFilter>(params.get('registered'), ['yes', 'no']);
  const [search, setSearch] = useState(q);
  const [debounced] = useDebouncedValue(search, 300);

  const update = (changes: Record<string, string | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v === undefined || v === '') next.delete(k);
          else next.set(k, v);
        }
        return next;
      },
      { replace: true },
    );

  useEffect(() => {
    if (debounced !== q) update({ q: debounced || undefined, page: undefined });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  const categories = useCategories();
  const listFields = useMemo(
    () => (categories.data ?? []).filter((c) => c.showInClientList).flatMap((c) => c.fields),
    [categories.data],
  );
  const list = useClientList({ page, size, sort, filter: buildFilter({ q, ready, registered }) });
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / size));

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('clients.title')}</Title>
          <Text c="dimmed" size="sm">
            {list.data ? t('clients.total', { count: total }) : ' '}
          </Text>
        </div>
        <Group align="flex-end" gap="sm">
          <Select
            label={t('clients.registeredFilter')}
            w={190}
            allowDeselect={false}
            value={registered ?? 'all'}
            onChange={(v) => update({ registered: v === 'all' || !v ? undefined : v, page: undefined })}
            data={[
              { value: 'all', label: t('clients.all') },
              { value: 'yes', label: t('clients.registeredYes') },
              { value: 'no', label: t('clients.registeredNo') },
            ]}
          />
          <Select
            label={t('clients.readyFilter')}
            w={170}
            allowDeselect={false}
            value={ready ?? 'all'}
            onChange={(v) => update({ ready: v === 'all' || !v ? undefined : v, page: undefined })}
            data={[
              { value: 'all', label: t('clients.all') },
              { value: 'yes', label: t('common.yes') },
              { value: 'no', label: t('common.no') },
              { value: 'unset', label: t('common.unset') },
            ]}
          />
          <TextInput
            label={t('clients.search')}
            placeholder={t('clients.searchPlaceholder')}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            w={280}
            rightSection={list.isFetching ? <Loader size="xs" /> : null}
          />
        </Group>
      </Group>
      {(list.error || categories.error) && (
        <Alert color="red" title={t('common.error')} role="alert">
          {(list.error ?? categories.error)?.message}
        </Alert>
      )}
      <Paper withBorder radius="md">
        {list.isPending ? (
          <Group justify="center" p="xl">
            <Loader />
          </Group>
        ) : (
          <ClientsTable
            clients={list.data?.items ?? []}
            fields={listFields}
            sort={sort}
            onSortChange={(s) => update({ sort: s, page: undefined })}
          />
        )}
      </Paper>
      <Group justify="space-between">
        <Pagination
          total={pages}
          value={page + 1}
          onChange={(p) => update({ page: p > 1 ? String(p - 1) : undefined })}
          withEdges
          getControlProps={(control) => ({ 'aria-label': control })}
        />
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            {t('clients.pageSize')}
          </Text>
          <Select
            aria-label={t('clients.pageSize')}
            data={PAGE_SIZES}
            value={String(size)}
            onChange={(v) => v && update({ size: v === '50' ? undefined : v, page: undefined })}
            w={90}
            allowDeselect={false}
          />
        </Group>
      </Group>
    </Stack>
  );
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.includes(value as T) ? (value as T) : undefined;
}
