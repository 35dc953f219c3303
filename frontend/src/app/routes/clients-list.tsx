import { useEffect, useMemo, useState } from 'react';
import { Alert, Anchor, Button, Group, Loader, Menu, Modal, Pagination, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { hasPermission, useMe } from '@/features/auth/api/auth';
import { useCategories } from '@/features/custom-fields/api/get-categories';
import { CustomFieldInput } from '@/features/custom-fields/components/custom-field-input';
import { useClientList } from '@/features/clients/api/clients';
import { exportUrl, useStartPeppolRefresh } from '@/features/clients/api/list-actions';
import { BulkEditDialog, bulkEditableFields } from '@/features/clients/components/bulk-edit-dialog';
import { ClientsTable, defaultColumns } from '@/features/clients/components/clients-table';
import { RefreshRunProgress } from '@/features/clients/components/refresh-run-progress';
import { andFilters, buildFilter, type ReadyFilter, type RegisteredFilter } from '@/features/clients/utils';
import { SendEmailsDialog } from '@/features/email/components/send-emails-dialog';
import { useViews } from '@/features/views/api/views';
import { ViewPicker } from '@/features/views/components/view-picker';
import type { ClientSelection, ControlView } from '@/lib/api-types';
import { useErrorText } from '@/hooks/use-error-text';

const PAGE_SIZES = ['25', '50', '100', '200'];

/**
 * "Voir tous les clients": server-paginated, sortable, searchable, seen through a control view (its filter, sort and
 * columns). State lives in the URL (`view`, `q`, quick filters, `sort`, `page`, `size`). Users who may write select rows
 * (or everything matching the filter) and bulk-edit them or refresh their Peppol status.
 */
export function ClientsListRoute() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [params, setParams] = useSearchParams();
  const page = Math.max(0, Number(params.get('page') ?? 0) || 0);
  const size = PAGE_SIZES.includes(params.get('size') ?? '') ? Number(params.get('size')) : 50;
  const viewId = params.get('view') ?? undefined;
  const me = useMe().data;
  const canWrite = hasPermission(me, 'write');
  const views = useViews();
  const view = viewId ? views.data?.find((v) => v.id === viewId) : undefined;
  const viewPending = !!viewId && views.isPending;
  const sort = params.get('sort') ?? (view?.sort || 'name');
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
  const allFields = useMemo(() => (categories.data ?? []).flatMap((c) => c.fields), [categories.data]);
  const editableFields = useMemo(() => bulkEditableFields(categories.data ?? []), [categories.data]);
  const filter = andFilters(view?.filter, buildFilter({ q, ready, registered }));
  const columns = view?.columns?.length ? view.columns : defaultColumns(listFields);
  const list = useClientList({ page, size, sort, filter }, { enabled: !viewPending });
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / size));
  const items = list.data?.items ?? [];

  // Selection: ids picked row by row, or everything matching the filter; a new filter starts over.
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const [allMatching, setAllMatching] = useState(false);
  const clearSelection = () => {
    setSelected(new Set());
    setAllMatching(false);
  };
  useEffect(clearSelection, [filter]);
  const selectionCount = allMatching ? total : selected.size;
  const selection: ClientSelection = allMatching ? { filter: filter ?? '' } : { ids: [...selected] };
  const pageAllSelected = items.length > 0 && items.every((c) => selected.has(c.id));

  const [bulkOpen, setBulkOpen] = useState(false);
  const [emailOpen, setEmailOpen] = useState(false);
  const [notice, setNotice] = useState<string | undefined>();
  const [runId, setRunId] = useState<string | undefined>();
  const startRefresh = useStartPeppolRefresh();

  const chooseView = (v: ControlView | undefined) => {
    setSearch('');
    update({ view: v?.id, sort: v?.sort || undefined, q: undefined, ready: undefined, registered: undefined, page: undefined });
  };

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
      <Group justify="space-between" align="flex-end">
        <ViewPicker value={viewId} onChange={chooseView} current={{ filter, sort, columns }} canWrite={canWrite} userId={me?.id} />
        <Group gap="sm" align="center">
          {canWrite && selectionCount > 0 && (
            <Text size="sm" aria-live="polite">
              {allMatching ? t('clients.allMatchingSelected', { count: total }) : t('clients.selected', { count: selectionCount })}
            </Text>
          )}
          {canWrite && !allMatching && pageAllSelected && total > items.length && (
            <Anchor component="button" type="button" size="sm" onClick={() => setAllMatching(true)}>
              {t('clients.selectAllMatching', { count: total })}
            </Anchor>
          )}
          {canWrite && selectionCount > 0 && (
            <Anchor component="button" type="button" size="sm" c="dimmed" onClick={clearSelection}>
              {t('clients.clearSelection')}
            </Anchor>
          )}
          {canWrite && (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button variant="light" disabled={selectionCount === 0} rightSection="▾">
                  {t('clients.actions')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item onClick={() => setBulkOpen(true)}>{t('clients.bulkEdit')}</Menu.Item>
                <Menu.Item onClick={() => setEmailOpen(true)}>{t('email.sendEmails')}</Menu.Item>
                <Menu.Item
                  onClick={() =>
                    startRefresh.mutate(selection, {
                      onSuccess: (run) => setRunId(run.id),
                    })
                  }
                >
                  {t('clients.refreshPeppol')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          )}
          <Button component="a" variant="default" href={exportUrl({ filter, sort, columns })} download>
            {t('clients.exportCsv')}
          </Button>
        </Group>
      </Group>
      {notice && (
        <Alert color="green" role="status" withCloseButton onClose={() => setNotice(undefined)}>
          {notice}
        </Alert>
      )}
      {startRefresh.error && (
        <Alert color="red" role="alert" withCloseButton onClose={() => startRefresh.reset()}>
          {errorText.text(startRefresh.error)}
        </Alert>
      )}
      {runId && <RefreshRunProgress runId={runId} onClose={() => setRunId(undefined)} />}
      {(list.error || categories.error) && (
        <Alert color="red" title={t('common.error')} role="alert">
          {errorText.text(list.error ?? categories.error)}
        </Alert>
      )}
      <Paper withBorder radius="md">
        {list.isPending || viewPending ? (
          <Group justify="center" p="xl">
            <Loader />
          </Group>
        ) : (
          <ClientsTable
            clients={items}
            fields={listFields}
            allFields={allFields}
            columns={columns}
            sort={sort}
            onSortChange={(s) => update({ sort: s, page: undefined })}
            selection={
              canWrite
                ? {
                    selected,
                    onToggle: (id, on) => {
                      setAllMatching(false);
                      setSelected((prev) => {
                        const next = new Set(prev);
                        if (on) next.add(id);
                        else next.delete(id);
                        return next;
                      });
                    },
                    onTogglePage: (on) => {
                      setAllMatching(false);
                      setSelected((prev) => {
                        const next = new Set(prev);
                        for (const c of items) {
                          if (on) next.add(c.id);
                          else next.delete(c.id);
                        }
                        return next;
                      });
                    },
                  }
                : undefined
            }
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
      <Modal opened={emailOpen} onClose={() => setEmailOpen(false)} title={t('email.dialogTitle')} size="xl">
        {emailOpen && (
          <SendEmailsDialog
            selection={selection}
            count={selectionCount}
            previewClient={(() => {
              const c = allMatching ? items[0] : items.find((x) => selected.has(x.id));
              return c ? { id: c.id, name: c.name } : undefined;
            })()}
            onClose={() => setEmailOpen(false)}
          />
        )}
      </Modal>
      <Modal opened={bulkOpen} onClose={() => setBulkOpen(false)} title={t('bulk.title')} size="lg">
        {bulkOpen && (
          <BulkEditDialog
            fields={editableFields}
            selection={selection}
            count={selectionCount}
            renderFieldInput={(field, value, onChange, error) => <CustomFieldInput field={field} value={value} onChange={onChange} error={error} />}
            onCancel={() => setBulkOpen(false)}
            onApplied={(result) => {
              setBulkOpen(false);
              setNotice(t('clients.bulkDone', { count: result.changed }));
              clearSelection();
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.includes(value as T) ? (value as T) : undefined;
}
