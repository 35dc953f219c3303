import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { components } from '@/lib/api-schema';
import { CATEGORIES_KEY } from '@/lib/query-keys';

type Schemas = components['schemas'];
export type FieldOption = Schemas['CustomFieldOption'];
export type Labels = Record<string, string>;
export type ApiToken = Schemas['TokenView'];
/** POST /api/api-tokens answers the token with its secret, shown once (openapi.yaml types the 201 body loosely). */
export type CreatedToken = { id: string; name: string; scopes: string[]; token: string; createdAt: string };

/** After any change to definitions: the card, the list and the bulk-edit dialog read them again at once. */
function useDefinitionsChanged() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: CATEGORIES_KEY });
}

export function useCreateOption(fieldId: string) {
  const changed = useDefinitionsChanged();
  return useMutation({
    mutationFn: async (option: { key: string; labels: Labels; position?: number }) =>
      (await api.POST('/api/custom-fields/{id}/options', { params: { path: { id: fieldId } }, body: option })).data!,
    onSuccess: changed,
  });
}

export function useUpdateOption(fieldId: string) {
  const changed = useDefinitionsChanged();
  return useMutation({
    mutationFn: async ({ option, changes }: { option: FieldOption; changes: { labels?: Labels; position?: number; active?: boolean } }) =>
      (
        await api.PATCH('/api/custom-fields/{id}/options/{optionId}', {
          params: { path: { id: fieldId, optionId: option.id }, header: { 'If-Match': `"${option.version}"` } },
          body: changes,
        })
      ).data!,
    onSuccess: changed,
  });
}

export function useDeleteOption(fieldId: string) {
  const changed = useDefinitionsChanged();
  return useMutation({
    mutationFn: async ({ option, replaceWith }: { option: FieldOption; replaceWith?: string }) => {
      await api.DELETE('/api/custom-fields/{id}/options/{optionId}', {
        params: { path: { id: fieldId, optionId: option.id }, query: replaceWith ? { replaceWith } : {} },
      });
    },
    onSuccess: changed,
  });
}

export function useApiTokens() {
  return useQuery({ queryKey: ['api-tokens'], queryFn: async () => (await api.GET('/api/api-tokens')).data ?? [] });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (token: { name: string; scopes: string[] }) =>
      (await api.POST('/api/api-tokens', { body: token })).data as CreatedToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['api-tokens'] }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      await api.DELETE('/api/api-tokens/{id}', { params: { path: { id } } });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['api-tokens'] }),
  });
}
