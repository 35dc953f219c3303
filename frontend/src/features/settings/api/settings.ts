import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { components } from '@/lib/api-schema';
import { CATEGORIES_KEY } from '@/lib/query-keys';

type Schemas = components['schemas'];
export type FieldOption = Schemas['CustomFieldOption'];
export type Labels = Record<string, string>;
export type ApiToken = Schemas['TokenView'];
export type Category = Schemas['CustomFieldCategory'];
export type Field = Schemas['CustomField'];
export type FieldType = Schemas['FieldType'];
export type User = Schemas['UserView'];
export type Role = User['role'];
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

const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });

export function useCreateCategory() {
  const changed = useDefinitionsChanged();
  return useMutation({
    mutationFn: async (category: { key: string; labels: Labels; position?: number; showInClientList?: boolean }) =>
      (await api.POST('/api/custom-field-categories', { body: category })).data!,
    onSuccess: changed,
  });
}

export function useUpdateCategory() {
  const changed = useDefinitionsChanged();
  return useMutation({
    mutationFn: async ({ category, changes }: { category: Category; changes: { labels?: Labels; position?: number; showInClientList?: boolean } }) =>
      (
        await api.PATCH('/api/custom-field-categories/{id}', {
          params: { path: { id: category.id }, header: ifMatch(category.version) },
          body: changes,
        })
      ).data!,
    onSuccess: changed,
  });
}

export function useDeleteCategory() {
  const changed = useDefinitionsChanged();
  return useMutation({
    mutationFn: async (category: Category) => {
      await api.DELETE('/api/custom-field-categories/{id}', { params: { path: { id: category.id } } });
    },
    onSuccess: changed,
  });
}

export function useCreateField() {
  const changed = useDefinitionsChanged();
  return useMutation({
    mutationFn: async (field: { categoryId: string; key: string; labels: Labels; type: FieldType; required?: boolean; position?: number }) =>
      (await api.POST('/api/custom-fields', { body: field })).data!,
    onSuccess: changed,
  });
}

export function useUpdateField() {
  const changed = useDefinitionsChanged();
  return useMutation({
    mutationFn: async ({ field, changes }: { field: Field; changes: { labels?: Labels; position?: number; required?: boolean; type?: FieldType } }) =>
      (
        await api.PATCH('/api/custom-fields/{id}', {
          params: { path: { id: field.id }, header: ifMatch(field.version) },
          body: changes,
        })
      ).data!,
    onSuccess: changed,
  });
}

export function useDeleteField() {
  const changed = useDefinitionsChanged();
  return useMutation({
    mutationFn: async (field: Field) => {
      await api.DELETE('/api/custom-fields/{id}', { params: { path: { id: field.id } } });
    },
    onSuccess: changed,
  });
}

export const USERS_KEY = ['users'] as const;

export function useUsers() {
  return useQuery({ queryKey: USERS_KEY, queryFn: async () => (await api.GET('/api/users')).data ?? [] });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (user: { email: string; name: string; role: Role; password: string; language?: string }) =>
      // openapi.yaml types the 201 body loosely: it is the created user
      (await api.POST('/api/users', { body: user })).data as User,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: USERS_KEY }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ user, changes }: { user: User; changes: { role?: Role; active?: boolean; name?: string } }) =>
      (await api.PATCH('/api/users/{id}', { params: { path: { id: user.id }, header: ifMatch(user.version) }, body: changes })).data!,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: USERS_KEY }),
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
