import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toApiError } from '@/lib/api-error';
import type { ImportMapping, ImportResult } from '@/features/clients/import-mapping';

export interface ImportVariables {
  file: File;
  mapping?: ImportMapping;
  dryRun: boolean;
}

/**
 * POST /api/clients/import (multipart). A 422 of an apply carries the same result (nothing was written): it is
 * returned like a dry run's, its errors listed; other failures throw.
 */
export function useClientImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ file, mapping, dryRun }: ImportVariables): Promise<ImportResult> => {
      const form = new FormData();
      form.append('file', file, file.name);
      if (mapping) form.append('mapping', JSON.stringify(mapping));
      const base = globalThis.location?.origin ?? '';
      const response = await globalThis.fetch(`${base}/api/clients/import?dryRun=${dryRun}`, {
        method: 'POST',
        body: form,
        credentials: 'include',
      });
      if (response.status === 422) {
        const body = (await response.clone().json().catch(() => null)) as ImportResult | null;
        if (body && typeof body.rows === 'number' && Array.isArray(body.columns)) return body;
      }
      if (!response.ok) throw await toApiError(response);
      return (await response.json()) as ImportResult;
    },
    onSuccess: (result, { dryRun }) => {
      if (!dryRun && result.importId) return queryClient.invalidateQueries({ queryKey: ['clients'] });
    },
  });
}
