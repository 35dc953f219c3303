import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { FieldCategory } from '@/lib/api-types';
import { CATEGORIES_KEY } from '@/lib/query-keys';

export const categoriesQuery = queryOptions({
  queryKey: CATEGORIES_KEY,
  queryFn: async (): Promise<FieldCategory[]> => {
    const { data } = await api.GET('/api/custom-field-categories');
    return sortCategories((data ?? []) as FieldCategory[]);
  },
  staleTime: 60_000,
});

export function useCategories() {
  return useQuery(categoriesQuery);
}

function sortCategories(categories: FieldCategory[]): FieldCategory[] {
  const byPos = <T extends { position?: number }>(a: T, b: T) => (a.position ?? 0) - (b.position ?? 0);
  return [...categories].sort(byPos).map((c) => ({ ...c, fields: [...(c.fields ?? [])].sort(byPos) }));
}
