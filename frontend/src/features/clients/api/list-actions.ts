import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { BulkEditResult, ClientSelection, CustomFieldValue, PeppolRefreshRun } from '@/lib/api-types';
import type { components } from '@/lib/api-schema';

/**
 * The CSV export of the clients matching the filter, with the list's sort and columns (the session cookie goes along),
 * in the Excel flavour (semicolons, byte-order mark) that Belgian spreadsheet users open directly.
 */
export function exportUrl({ filter, sort, columns }: { filter?: string; sort?: string; columns?: string[] }): string {
  const query = new URLSearchParams({ excel: 'true' });
  if (filter) query.set('filter', filter);
  if (sort) query.set('sort', sort);
  if (columns?.length) query.set('columns', columns.join(','));
  const qs = query.toString();
  return `/api/clients/export${qs ? `?${qs}` : ''}`;
}

/** A UUID for an Idempotency-Key (randomUUID needs a secure context; fall back on getRandomValues). */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  const b = new Uint8Array(16);
  c.getRandomValues(b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export interface BulkEditVariables {
  selection: ClientSelection;
  /** By standard field name (language, vatLiable, status) or custom-field key; null clears a custom field. */
  changes: Record<string, CustomFieldValue>;
  dryRun: boolean;
  idempotencyKey?: string;
}

/** POST /api/clients/bulk-edit: a dry run counts, a real run writes everything or nothing. */
export function useBulkEdit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ selection, changes, dryRun, idempotencyKey }: BulkEditVariables): Promise<BulkEditResult> => {
      const { data } = await api.POST('/api/clients/bulk-edit', {
        params: { header: idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {} },
        body: { selection, changes: changes as components['schemas']['BulkEditRequest']['changes'], dryRun },
      });
      return data as BulkEditResult;
    },
    onSuccess: (_result, { dryRun }) => {
      if (!dryRun) return queryClient.invalidateQueries({ queryKey: ['clients'] });
    },
  });
}

/** Starts a Peppol registration refresh of the selection (202 with the run). */
export function useStartPeppolRefresh() {
  return useMutation({
    mutationFn: async (selection: ClientSelection): Promise<PeppolRefreshRun> => {
      const { data } = await api.POST('/api/peppol/refresh-runs', { body: { selection } });
      return data as PeppolRefreshRun;
    },
  });
}

// HELD waits for an admin's decision: polling stops there too
const FINISHED = ['DONE', 'FAILED', 'HELD'];

export function isRunFinished(run: PeppolRefreshRun | undefined): boolean {
  return !!run?.status && FINISHED.includes(run.status);
}

/** A refresh run's progress, polled every second until it is DONE (or FAILED); then the list is refreshed. */
export function usePeppolRefreshRun(id: string | undefined, pollMs = 1000) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: ['peppol', 'refresh-runs', id],
    enabled: !!id,
    queryFn: async (): Promise<PeppolRefreshRun> => {
      const { data } = await api.GET('/api/peppol/refresh-runs/{id}', { params: { path: { id: id! } } });
      const run = data as PeppolRefreshRun;
      if (isRunFinished(run)) void queryClient.invalidateQueries({ queryKey: ['clients'] });
      return run;
    },
    refetchInterval: (query) => (isRunFinished(query.state.data) ? false : pollMs),
    staleTime: 0,
  });
}
