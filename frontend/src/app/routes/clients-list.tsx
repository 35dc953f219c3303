import { useEffect, useMemo, useState } from 'react';
import { Alert, Anchor, Box, Button, Group, Loader, LoadingOverlay, Menu, Modal, Pagination, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { hasPermission, useMe } from '@/features/auth/api/auth';
import { useCategories } from '@/features/custom-fields/api/get-categories';
import { CustomFieldInput } from '@/features/custom-fields/components/custom-field-input';
import { useClientList } from '@/features/clients/api/clients';
import { exportUrl, useStartPeppolRefresh } from '@/features/clients/api/list-actions';
import { BulkEditDialog, bulkEditableFields } from '@/features/clients/components/bulk-edit-dialog';
import { ClientsTable, columnLabel, defaultColumns } from '@/features/clients/components/clients-table';
import { ColumnChooser } from '@/features/clients/components/column-chooser';
import { FilterBuilder } from '@/features/clients/components/filter-builder';
import { useStandardFields } from '@/features/clients/api/standard-fields';
import { filterFields } from '@/features/clients/filter/filter-model';
import { RefreshRunProgress } from '@/features/clients/components/refresh-run-progress';
import { andFilters, searchFilter } from '@/features/clients/utils';
import { SendEmailsDialog } from '@/features/email/components/send-emails-dialog';
import { useViews } from '@/features/views/api/views';
import { ViewPicker } from '@/features/views/components/view-picker';
import type { ClientSelection, ControlView } from '@/lib/api-types';
import { labelOf } from '@/lib/field-format';
import { currentLanguage } from '@/i18n';
import { useErrorText } from '@/hooks/use-error-text';
import { ErrorAlert } from '@/components/error-alert';

const PAGE_SIZES = ['25', '50', '100', '200'];

/**
 * "Voir tous les clients": server-paginated, sortable, searchable, seen through a control view (its filter, sort and
 * columns). State lives in the URL: `view`, `filter` (the builder's RSQL; absent: the view's), `columns` (absent: the
 * view's), `q` (name search), `sort`, `page`, `size`. Users who may write select rows (or everything matching the
 * filter) and edit them in bulk, email them or refresh their Peppol status.
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
  // `filter` / `columns` present (even empty) in the URL: the user's own; absent: the view's
  const builtFilter = params.has('filter') ? params.get('filter') || undefined : view?.filter || undefined;
  const urlColumns = params.has('columns') ? (params.get('columns') ?? '').split(',').filter(Boolean) : undefined;
  const [search, setSearch] = useState(q);
  const [debounced] = useDebouncedValue(search, 300);

  /** undefined removes a parameter; '' keeps it, empty (an emptied filter stays apart from "the view's"). */
  const update = (changes: Record<string, string | undefined>, keepEmpty: string[] = []) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v === undefined || (v === '' && !keepEmpty.includes(k))) next.delete(k);
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
  const standardFields = useStandardFields();
  const fields = useMemo(() => filterFields(standardFields.data ?? [], categories.data ?? []), [standardFields.data, categories.data]);
  const filter = andFilters(builtFilter, searchFilter(q));
  const defaults = defaultColumns(listFields);
  const columns = urlColumns?.length ? urlColumns : view?.columns?.length ? view.columns : defaults;
  const lang = currentLanguage();
  const columnOptions = useMemo(() => {
    const standard = (standardFields.data ?? []).filter((f) => f.name !== 'id').map((f) => ({ value: f.name, label: columnLabel(f.name, undefined, lang, t) }));
    const custom = (categories.data ?? []).flatMap((c) =>
      c.fields.map((f) => ({ value: `cf.${f.key}`, label: `${labelOf(f.labels, lang, f.key)} (${labelOf(c.labels, lang, c.key)})` })),
    );
    return [...standard, ...custom];
  }, [standardFields.data, categories.data, lang, t]);
  // above 1000 matches the server estimates the total; the user may ask for the exact count (kept until the filter changes)
  const [exactFor, setExactFor] = useState<string | undefined>();
  const exactAsked = exactFor === (filter ?? '');
  const list = useClientList({ page, size, sort, filter, ...(exactAsked ? { count: 'exact' as const } : {}) }, { enabled: !viewPending });
  const total = list.data?.total ?? 0;
  const totalExact = list.data?.totalExact ?? true;
  const shownTotal = `${totalExact ? '' : '≈ '}${new Intl.NumberFormat(currentLanguage()).format(total)}`;
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
  // "All N matching": whenever a filter narrows the list (whatever the page size), and across pages of the whole list
  const offerAllMatching = canWrite && !allMatching && total > 0 && (!!filter || (pageAllSelected && total > items.length));

  const [bulkOpen, setBulkOpen] = useState(false);
  const [emailOpen, setEmailOpen] = useState(false);
  const [notice, setNotice] = useState<string | undefined>();
  const [runId, setRunId] = useState<string | undefined>();
  const startRefresh = useStartPeppolRefresh();

  const chooseView = (v: ControlView | undefined) => {
    setSearch('');
    update({ view: v?.id, sort: v?.sort || undefined, q: undefined, filter: undefined, columns: undefined, page: undefined });
  };
  // the rows on screen are those of another filter or page while the new ones load
  const stale = list.isFetching && list.isPlaceholderData;

  return (
    <Stack gap={8}>
      <Group justify="space-between" align="center" gap="sm">
        <Group gap="sm" align="center" wrap="nowrap">
          <Title order={3}>{t('clients.title')}</Title>
          <Text c="dimmed" size="sm" aria-live="polite" style={{ whiteSpace: 'nowrap' }}>
            {list.data ? t('clients.total', { count: total, shown: shownTotal }) : ' '}
          </Text>
          {list.data && !totalExact && (
            <Anchor component="button" type="button" size="sm" title={t('clients.estimateHint')} onClick={() => setExactFor(filter ?? '')} style={{ whiteSpace: 'nowrap' }}>
              {t('clients.countExactly')}
            </Anchor>
          )}
          <ViewPicker value={viewId} onChange={chooseView} current={{ filter, sort, columns }} canWrite={canWrite} userId={me?.id} compact />
        </Group>
        <TextInput
          aria-label={t('clients.search')}
          placeholder={t('clients.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={220}
          size="xs"
          rightSection={list.isFetching ? <Loader size="xs" /> : null}
        />
      </Group>
      <Group justify="space-between" align="center" gap="sm" wrap="nowrap">
        <Box style={{ flex: 1, minWidth: 0 }}>
          <FilterBuilder fields={fields} filter={builtFilter} onChange={(f) => update({ filter: f ?? '', page: undefined }, ['filter'])} />
        </Box>
        <Group gap="sm" align="center" wrap="nowrap">
          {canWrite && selectionCount > 0 && (
            <Text size="sm" aria-live="polite">
              {allMatching ? t('clients.allMatchingSelected', { count: total, shown: shownTotal }) : t('clients.selected', { count: selectionCount })}
            </Text>
          )}
          {offerAllMatching && (
            <Anchor component="button" type="button" size="sm" onClick={() => setAllMatching(true)}>
              {t('clients.selectAllMatching', { count: total, shown: shownTotal })}
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
                <Button variant="light" size="compact-sm" rightSection="▾">
                  {t('clients.actions')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item disabled={selectionCount === 0} onClick={() => setBulkOpen(true)}>{t('clients.bulkEdit')}</Menu.Item>
                <Menu.Item disabled={selectionCount === 0} onClick={() => setEmailOpen(true)}>{t('email.sendEmails')}</Menu.Item>
                <Menu.Item
                  disabled={selectionCount === 0}
                  onClick={() =>
                    startRefresh.mutate(selection, {
                      onSuccess: (run) => setRunId(run.id),
                    })
                  }
                >
                  {t('clients.refreshPeppol')}
                </Menu.Item>
                <Menu.Divider />
                <Menu.Item component={Link} to="/clients/import">
                  {t('clientImport.importMenu')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          )}
          <ColumnChooser
            available={columnOptions}
            columns={columns}
            defaults={defaults}
            onChange={(next) => update({ columns: next.join(',') })}
          />
          <Button component="a" variant="default" size="compact-sm" href={exportUrl({ filter, sort, columns })} download>
            {t('clients.exportCsv')}
          </Button>
        </Group>
      </Group>
      {notice && (
        <Alert color="green" role="status" withCloseButton onClose={() => setNotice(undefined)}>
          {notice}
        </Alert>
      )}
      <ErrorAlert error={startRefresh.error} withCloseButton onClose={() => startRefresh.reset()} />
      {runId && <RefreshRunProgress runId={runId} onClose={() => setRunId(undefined)} />}
      <ErrorAlert error={!list.error && categories.error} title={t('common.error')} />
      <Paper withBorder radius="md" pos="relative">
        {list.error ? (
          <Alert color="red" title={t('list.state.loadFailed')} role="alert" m="sm">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{errorText.text(list.error)}</Text>
              <Button size="xs" variant="light" color="red" loading={list.isFetching} onClick={() => void list.refetch()}>
                {t('list.state.retry')}
              </Button>
            </Stack>
          </Alert>
        ) : list.isPending || viewPending ? (
          <Group justify="center" p="xl" role="status" aria-label={t('list.state.loading')}>
            <Loader />
            <Text size="sm" c="dimmed">
              {t('list.state.loading')}
            </Text>
          </Group>
        ) : (
          <Box aria-busy={stale}>
          <LoadingOverlay
            visible={stale}
            zIndex={3}
            overlayProps={{ blur: 1, backgroundOpacity: 0.55 }}
            loaderProps={{ children: <Group gap="xs" role="status"><Loader size="sm" /><Text size="sm">{t('list.state.loading')}</Text></Group> }}
          />
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
          </Box>
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
