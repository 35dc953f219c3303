import { keepPreviousData, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { ApiError, toApiError } from '@/lib/api-error';
import type { Client, ClientInput, ClientPage, HistoryPage, PeppolRegistration } from '@/lib/api-types';
import type { components, paths } from '@/lib/api-schema';

/** The list's query parameters (openapi.yaml), page and size always sent. */
export type ClientListParams = NonNullable<paths['/api/clients']['get']['parameters']['query']> & { page: number; size: number };

export const clientListQuery = (params: ClientListParams) =>
  queryOptions({
    queryKey: ['clients', 'list', params],
    queryFn: async (): Promise<ClientPage> => {
      const query: ClientListParams = { page: params.page, size: params.size };
      if (params.sort) query.sort = params.sort;
      if (params.filter) query.filter = params.filter;
      if (params.count) query.count = params.count;
      const { data } = await api.GET('/api/clients', { params: { query } });
      return data as ClientPage;
    },
    placeholderData: keepPreviousData,
  });

export function useClientList(params: ClientListParams, options: { enabled?: boolean } = {}) {
  return useQuery({ ...clientListQuery(params), enabled: options.enabled ?? true });
}

export const clientQuery = (id: string) =>
  queryOptions({
    queryKey: ['clients', 'one', id],
    queryFn: async (): Promise<Client> => {
      const { data } = await api.GET('/api/clients/{id}', { params: { path: { id } } });
      return data as Client;
    },
  });

export function useClient(id: string) {
  return useQuery(clientQuery(id));
}

/** Merge patch with If-Match on the version the user edited. */
export function useUpdateClient(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ version, changes }: { version: number; changes: ClientInput }): Promise<Client> => {
      const { data } = await api.PATCH('/api/clients/{id}', {
        params: { path: { id }, header: { 'If-Match': `"${version}"` } },
        // A JSON merge patch: null clears a property (openapi.yaml does not mark the properties nullable).
        body: changes as components['schemas']['ClientInput'],
      });
      return data as Client;
    },
    onSuccess: (client) => {
      queryClient.setQueryData(clientQuery(id).queryKey, client);
      void queryClient.invalidateQueries({ queryKey: ['clients', 'list'] });
    },
  });
}

export const peppolRegistrationQuery = (id: string) =>
  queryOptions({
    queryKey: ['clients', 'peppol', id],
    queryFn: async (): Promise<PeppolRegistration | null> => {
      try {
        const { data } = await api.GET('/api/clients/{id}/peppol', { params: { path: { id } } });
        return (data as PeppolRegistration) ?? null;
      } catch (e) {
        // Details are a bonus over the client's Peppol summary: without them the card still shows the summary.
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
    retry: false,
  });

/** The full registration (participant, access point, last error) behind the client's Peppol summary. */
export function usePeppolRegistration(id: string) {
  return useQuery(peppolRegistrationQuery(id));
}

export function useRefreshPeppol(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (): Promise<PeppolRegistration> => {
      const { data } = await api.POST('/api/clients/{id}/peppol/refresh', { params: { path: { id } } });
      return data as PeppolRegistration;
    },
    onSuccess: (registration) => {
      queryClient.setQueryData(peppolRegistrationQuery(id).queryKey, registration);
      return queryClient.invalidateQueries({ queryKey: ['clients'], predicate: (q) => q.queryKey[1] !== 'peppol' });
    },
  });
}

export function documentUrl(clientId: string, fieldKey: string): string {
  return `/api/clients/${encodeURIComponent(clientId)}/documents/${encodeURIComponent(fieldKey)}`;
}

/** Multipart upload of a DOCUMENT field's file (`PUT /api/clients/{id}/documents/{fieldKey}`). */
export function useUploadDocument(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ fieldKey, file }: { fieldKey: string; file: File }) => {
      const form = new FormData();
      form.append('file', file, file.name);
      const base = globalThis.location?.origin ?? '';
      const response = await globalThis.fetch(base + documentUrl(clientId, fieldKey), {
        method: 'PUT',
        body: form,
        credentials: 'include',
      });
      if (!response.ok) throw await toApiError(response);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['clients'] }),
  });
}

const HISTORY_PAGE = 20;

/** The client's history, newest first, a page at a time. */
export function useClientHistory(id: string) {
  return useInfiniteQuery({
    queryKey: ['clients', 'history', id],
    initialPageParam: 0,
    queryFn: async ({ pageParam }) => {
      const { data } = await api.GET('/api/clients/{id}/history', {
        params: { path: { id }, query: { page: pageParam, size: HISTORY_PAGE } },
      });
      return data as HistoryPage;
    },
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((n, p) => n + (p.items?.length ?? 0), 0);
      return loaded < (last.total ?? 0) ? pages.length : undefined;
    },
  });
}
