import { Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PEPPOL_INFO, useClientEmails, useEmailSend, useSendPeppolInfo } from '../api/email';
import { ErrorAlert } from '@/components/error-alert';

/** Beside "PEPPOL ready" on the client card: when the info email was last sent, and (re)send it. */
export function PeppolInfoEmail({ clientId, canWrite, pollMs }: { clientId: string; canWrite: boolean; pollMs?: number }) {
  const { t, i18n } = useTranslation();
  const send = useSendPeppolInfo(clientId);
  const progress = useEmailSend(send.data?.id ?? undefined, pollMs);
  // reload the client's emails when the queued one changes status
  const emails = useClientEmails(clientId, progress.data ? `${progress.data.status}-${progress.data.sent}-${progress.data.failed}` : undefined);
  const last = emails.data?.items?.find((m) => m.templateKey === PEPPOL_INFO && m.status !== 'SKIPPED') ?? emails.data?.items?.find((m) => m.templateKey === PEPPOL_INFO);
  const when = last ? new Date(last.sentAt ?? last.updatedAt).toLocaleString(i18n.language) : undefined;
  return (
    <Stack gap={4} aria-label={t('email.infoEmail')}>
      <Group gap="sm">
        <Text size="sm" data-testid="last-info-email">
          {last ? t('email.lastInfo', { date: when, status: t(`email.messageStatuses.${last.status}`, { defaultValue: last.status }) }) : t('email.neverSent')}
        </Text>
        {canWrite && (
          <Button size="xs" variant="light" loading={send.isPending} onClick={() => send.mutate()}>
            {t('email.resendInfo')}
          </Button>
        )}
      </Group>
      {last?.status === 'SKIPPED' && last.error && <Text size="xs" c="orange">{t(`email.reasons.${last.error}`, { defaultValue: last.error })}</Text>}
      <ErrorAlert error={send.error} />
    </Stack>
  );
}
