import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { StandardFieldView } from '@/lib/api-types';

/** The client's standard fields as the backend declares them (selectors, kinds, allowed values, labels). */
export const standardFieldsQuery = queryOptions({
  queryKey: ['standard-fields'],
  queryFn: async (): Promise<StandardFieldView[]> => {
    const { data } = await api.GET('/api/standard-fields');
    return (data ?? []) as StandardFieldView[];
  },
  staleTime: Infinity,
});

export function useStandardFields() {
  return useQuery(standardFieldsQuery);
}
