import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { components } from '@/lib/api-schema';

export type UserRef = components['schemas']['UserRef'];

/** Every user's id, name and active flag (GET /api/users/directory, for any reader): to name and choose a responsible user. */
export const userDirectoryQuery = queryOptions({
  queryKey: ['users', 'directory'],
  queryFn: async (): Promise<UserRef[]> => (await api.GET('/api/users/directory')).data ?? [],
  staleTime: 60_000,
});

export function useUserDirectory() {
  return useQuery(userDirectoryQuery);
}
