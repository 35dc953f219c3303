import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { ApiError } from '@/lib/api-error';
import type { components } from '@/lib/api-schema';

export type Me = components['schemas']['Me'];
export type Permission = 'read' | 'write' | 'admin';

export const meQuery = queryOptions({
  queryKey: ['auth', 'me'],
  queryFn: async (): Promise<Me | null> => {
    try {
      const { data } = await api.GET('/api/auth/me');
      return data ?? null;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return null;
      throw e;
    }
  },
  staleTime: 5 * 60_000,
  retry: false,
});

let sessionExpired = false;

/** Remembers that the session ran out (a 401 mid-session), so the sign-in page can say why it is shown. */
export function markSessionExpired() {
  sessionExpired = true;
}

export function takeSessionExpired(): boolean {
  const was = sessionExpired;
  sessionExpired = false;
  return was;
}

export function useMe() {
  return useQuery(meQuery);
}

export function hasPermission(me: Me | null | undefined, permission: Permission): boolean {
  return !!me?.permissions?.includes(permission);
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (credentials: { email: string; password: string }) => {
      await api.POST('/api/auth/login', { body: credentials });
      const { data } = await api.GET('/api/auth/me');
      return data as Me;
    },
    onSuccess: (me) => {
      queryClient.clear();
      queryClient.setQueryData(meQuery.queryKey, me);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      try {
        await api.POST('/api/auth/logout');
      } catch (e) {
        if (!(e instanceof ApiError && e.status === 401)) throw e;
      }
    },
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(meQuery.queryKey, null);
    },
  });
}

/**
 * Saves the signed-in user's own profile: the language (so exports, server-side labels and the digest follow the
 * SPA's language) or the morning digest opt-in.
 */
export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (changes: components['schemas']['UpdateMe']) => {
      const { data } = await api.PATCH('/api/auth/me', { body: changes });
      return data as Me;
    },
    onSuccess: (me) => queryClient.setQueryData(meQuery.queryKey, me),
  });
}
