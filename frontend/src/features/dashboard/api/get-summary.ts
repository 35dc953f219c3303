import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { PeppolDashboardSummary } from '@/lib/api-types';

export const summaryQuery = (days: number) =>
  queryOptions({
    queryKey: ['peppol', 'summary', days],
    queryFn: async (): Promise<PeppolDashboardSummary> => {
      const { data } = await api.GET('/api/peppol/summary', { params: { query: { days } } });
      return data as PeppolDashboardSummary;
    },
    placeholderData: keepPreviousData,
    // the figures link to the list: opening the dashboard shows them as they are now
    staleTime: 0,
  });

export function usePeppolSummary(days: number) {
  return useQuery(summaryQuery(days));
}
