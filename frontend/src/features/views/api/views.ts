import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { ControlView, ControlViewInput } from '@/lib/api-types';

export const viewsQuery = queryOptions({
  queryKey: ['views'],
  queryFn: async (): Promise<ControlView[]> => {
    const { data } = await api.GET('/api/views');
    return (data ?? []) as ControlView[];
  },
  staleTime: 60_000,
});

/** Shared views and the user's own, the standard ones first. */
export function useViews() {
  return useQuery(viewsQuery);
}

export function useCreateView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (view: ControlViewInput): Promise<ControlView> => {
      const { data } = await api.POST('/api/views', { body: view });
      return data as ControlView;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: viewsQuery.queryKey }),
  });
}

export function useDeleteView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      await api.DELETE('/api/views/{id}', { params: { path: { id } } });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: viewsQuery.queryKey }),
  });
}
