import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { components } from '@/lib/api-schema';

export type PeppolChange = components['schemas']['PeppolChange'];
export const CHANGE_KINDS = ['REGISTERED', 'SWITCHED_ACCESS_POINT', 'DEREGISTERED', 'LOST_CREDIT_NOTES', 'CERTIFICATE_EXPIRING'] as const;

export interface ChangeFilter {
  kind?: string;
  responsibleUserId?: string;
}

/** GET /api/peppol/changes, newest first (one page of 200). */
export function usePeppolChanges(filter: ChangeFilter) {
  return useQuery({
    queryKey: ['peppol', 'changes', filter],
    queryFn: async () => {
      const { data } = await api.GET('/api/peppol/changes', {
        params: { query: { kind: filter.kind ? [filter.kind] : undefined, responsibleUserId: filter.responsibleUserId, size: 200 } },
      });
      return data!;
    },
  });
}

/**
 * Sets the client's receiving software to the one the mapping knows for its access point: only when the user asks
 * (never silently). A merge patch on the client's current version.
 */
export function useApplySoftware() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ clientId, software }: { clientId: string; software: string }) => {
      const { data: client } = await api.GET('/api/clients/{id}', { params: { path: { id: clientId } } });
      await api.PATCH('/api/clients/{id}', {
        params: { path: { id: clientId }, header: { 'If-Match': `"${client!.version}"` } },
        body: { customFields: { peppol_software_receive: software } } as unknown as components['schemas']['ClientInput'],
      });
    },
    onSuccess: (_, { clientId }) => {
      void queryClient.invalidateQueries({ queryKey: ['peppol', 'changes'] });
      void queryClient.invalidateQueries({ queryKey: ['clients'] });
      void queryClient.invalidateQueries({ queryKey: ['clients', 'peppol', clientId] });
    },
  });
}
