import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { PeppolRefreshFailure, PeppolRefreshRun } from '@/lib/api-types';

const OPEN = ['QUEUED', 'RUNNING'];

export function isRunOpen(run: PeppolRefreshRun): boolean {
  return OPEN.includes(run.status);
}

/** The latest refresh runs, newest first; polled while one is queued or running. */
export function useRefreshRuns(pollMs = 2000) {
  return useQuery({
    queryKey: ['peppol', 'refresh-runs', 'latest'],
    queryFn: async (): Promise<PeppolRefreshRun[]> => {
      const { data } = await api.GET('/api/peppol/refresh-runs', { params: { query: { limit: 20 } } });
      return (data ?? []) as PeppolRefreshRun[];
    },
    refetchInterval: (query) => ((query.state.data ?? []).some(isRunOpen) ? pollMs : false),
    staleTime: 0,
  });
}

/** The clients a run could not conclude on (loaded when shown). */
export function useRunFailures(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['peppol', 'refresh-runs', id, 'failures'],
    enabled,
    queryFn: async (): Promise<PeppolRefreshFailure[]> => {
      const { data } = await api.GET('/api/peppol/refresh-runs/{id}/failures', { params: { path: { id }, query: { limit: 200 } } });
      return (data ?? []) as PeppolRefreshFailure[];
    },
  });
}

/** An admin applies (confirm) or drops (discard) the downgrades a HELD run kept back. */
export function useDecideHeldRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, decision }: { id: string; decision: 'confirm' | 'discard' }): Promise<PeppolRefreshRun> => {
      const { data } =
        decision === 'confirm'
          ? await api.POST('/api/peppol/refresh-runs/{id}/confirm', { params: { path: { id } } })
          : await api.POST('/api/peppol/refresh-runs/{id}/discard', { params: { path: { id } } });
      return data as PeppolRefreshRun;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['peppol'] }),
  });
}
