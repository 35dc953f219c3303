import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { components } from '@/lib/api-schema';
import type { ClientSelection } from '@/lib/api-types';

type Schemas = components['schemas'];
export type EmailTemplate = Schemas['EmailTemplate'];
export type EmailTemplateInput = Schemas['EmailTemplateInput'];
export type EmailVariant = Schemas['EmailTemplateVariant'];
export type EmailPreview = Schemas['EmailPreview'];
export type EmailSend = Schemas['EmailSend'];
export type EmailMessage = Schemas['EmailMessage'];
export type FollowUpRule = Schemas['EmailFollowUpRule'];
export type EmailCampaign = Schemas['EmailCampaign'];
export type CampaignRecipient = Schemas['EmailCampaignRecipient'];
export const TEMPLATE_LANGUAGES = ['fr', 'nl', 'en', 'de'] as const;
export const PEPPOL_INFO = 'peppol_info';

/** An Idempotency-Key for one click on "send" (a retried request then never queues a second send). */
function idempotencyKey(): Record<string, string> {
  const c = globalThis.crypto;
  return typeof c?.randomUUID === 'function' ? { 'Idempotency-Key': c.randomUUID() } : {};
}

export function isSendFinished(send: EmailSend | undefined) {
  return send?.status === 'DONE' || send?.status === 'CANCELLED';
}

export function useEmailTemplates() {
  return useQuery({
    queryKey: ['email-templates'],
    queryFn: async () => (await api.GET('/api/email-templates')).data as EmailTemplate[],
  });
}

export function usePlaceholders() {
  return useQuery({
    queryKey: ['email-templates', 'placeholders'],
    queryFn: async () => (await api.GET('/api/email-templates/placeholders')).data!,
  });
}

/** Renders a stored template (or an unsaved variant of it) for one client. */
export function usePreview(templateId: string | undefined, clientId: string | undefined, variant?: { language: string; subject: string; body: string }) {
  return useQuery({
    queryKey: ['email-preview', templateId, clientId, variant],
    enabled: !!templateId && !!clientId,
    placeholderData: keepPreviousData,
    retry: false,
    queryFn: async () =>
      (
        await api.POST('/api/email-templates/{id}/preview', {
          params: { path: { id: templateId! } },
          body: variant
            ? { clientId: clientId!, language: variant.language, variant: { subject: variant.subject, body: variant.body } }
            : { clientId: clientId! },
        })
      ).data as EmailPreview,
  });
}

export function useSaveTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, input }: { id?: string; input: EmailTemplateInput }) =>
      id
        ? ((await api.PATCH('/api/email-templates/{id}', { params: { path: { id } }, body: input })).data as EmailTemplate)
        : ((await api.POST('/api/email-templates', { body: input })).data as unknown as EmailTemplate),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['email-templates'] }),
  });
}

/** Counts what a send would do (recipients, skipped clients and why) without queuing anything. */
export function useSendDryRun(templateId: string | undefined, selection: ClientSelection) {
  return useQuery({
    queryKey: ['email-send-dry-run', templateId, selection],
    enabled: !!templateId,
    retry: false,
    queryFn: async () =>
      (await api.POST('/api/email-sends', { params: { header: {} }, body: { templateId: templateId!, selection, dryRun: true } })).data as unknown as EmailSend,
  });
}

export function useStartSend() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ templateId, selection, followUp }: { templateId: string; selection: ClientSelection; followUp?: FollowUpRule }) =>
      (await api.POST('/api/email-sends', { params: { header: idempotencyKey() }, body: followUp ? { templateId, selection, followUp } : { templateId, selection } }))
        .data as unknown as EmailSend,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['email-sends'] }),
  });
}

/** A send's progress, polled until it is DONE or CANCELLED. */
export function useEmailSend(id: string | undefined, pollMs = 1000) {
  return useQuery({
    queryKey: ['email-sends', id],
    enabled: !!id,
    queryFn: async () => (await api.GET('/api/email-sends/{id}', { params: { path: { id: id! } } })).data as EmailSend,
    refetchInterval: (q) => (isSendFinished(q.state.data) ? false : pollMs),
    staleTime: 0,
  });
}

export function useEmailSends(page: number) {
  return useQuery({
    queryKey: ['email-sends', 'list', page],
    queryFn: async () => (await api.GET('/api/email-sends', { params: { query: { page, size: 25 } } })).data!,
    refetchInterval: 3000,
  });
}

export function useSendMessages(id: string | undefined, refreshKey: unknown) {
  return useQuery({
    queryKey: ['email-sends', id, 'messages', refreshKey],
    enabled: !!id,
    placeholderData: keepPreviousData,
    queryFn: async () =>
      (await api.GET('/api/email-sends/{id}/messages', { params: { path: { id: id! }, query: { size: 200 } } })).data!,
  });
}

export function useCancelSend() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => (await api.POST('/api/email-sends/{id}/cancel', { params: { path: { id } } })).data as EmailSend,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['email-sends'] }),
  });
}

export function useClientEmails(clientId: string, refreshKey?: unknown) {
  return useQuery({
    queryKey: ['client-emails', clientId, refreshKey],
    queryFn: async () => (await api.GET('/api/clients/{id}/emails', { params: { path: { id: clientId }, query: { size: 50 } } })).data!,
  });
}

/** The PEPPOL ready field's action: the standard peppol_info email to this one client. */
export function useSendPeppolInfo(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      (await api.POST('/api/clients/{id}/peppol-info-email', { params: { path: { id: clientId }, header: idempotencyKey() } })).data as unknown as EmailSend,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['client-emails', clientId] }),
  });
}

/** A send's campaign (its first send and follow-ups): steps, totals and the funnel per day. */
export function useCampaign(sendId: string | undefined) {
  return useQuery({
    queryKey: ['email-sends', sendId, 'campaign'],
    enabled: !!sendId,
    queryFn: async () => (await api.GET('/api/email-sends/{id}/campaign', { params: { path: { id: sendId! } } })).data as EmailCampaign,
    refetchInterval: 5000,
  });
}

export function useCampaignRecipients(sendId: string | undefined, state: string | undefined, page: number) {
  return useQuery({
    queryKey: ['email-sends', sendId, 'campaign', 'recipients', state, page],
    enabled: !!sendId,
    placeholderData: keepPreviousData,
    queryFn: async () =>
      (await api.GET('/api/email-sends/{id}/campaign/recipients', { params: { path: { id: sendId! }, query: { state, page, size: 50 } } })).data!,
  });
}

/** The CSV record of who was informed when (Excel's Belgian flavour: semicolons and a byte-order mark). */
export function campaignRecordUrl(sendId: string) {
  return `/api/email-sends/${encodeURIComponent(sendId)}/campaign/record?excel=true`;
}
