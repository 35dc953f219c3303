import { Badge, Button, Group, Progress, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isSendFinished, useCancelSend, useEmailSend, useSendMessages } from '../api/email';
import { ErrorAlert } from '@/components/error-alert';

/** A send's progress bar, polled to the end, with the per-client results. */
export function SendProgress({ sendId, pollMs, canCancel }: { sendId: string; pollMs?: number; canCancel?: boolean }) {
  const { t } = useTranslation();
  const send = useEmailSend(sendId, pollMs);
  const s = send.data;
  const finished = isSendFinished(s);
  // the per-client table refreshes whenever the counts move
  const messages = useSendMessages(sendId, s ? `${s.status}-${s.pending}-${s.sent}-${s.failed}` : undefined);
  const cancel = useCancelSend();
  if (send.error) return <ErrorAlert error={send.error} />;
  if (!s) return <Text size="sm">{t('common.loading')}</Text>;
  const done = s.total - s.pending;
  return (
    <Stack gap="sm" role="status" aria-label={t('email.sending')}>
      <Group gap="sm">
        <Badge color={finished ? (s.status === 'DONE' ? 'green' : 'gray') : 'blue'} variant="light">
          {t(`email.statuses.${s.status}`, { defaultValue: s.status })}
        </Badge>
        <Text size="sm">{t('email.progress', { done, total: s.total })}</Text>
      </Group>
      <Progress value={s.total ? (100 * done) / s.total : 100} animated={!finished} aria-label={t('email.progress', { done, total: s.total })} />
      <Text size="sm">{t('email.counts', { sent: s.sent, failed: s.failed, skipped: s.skipped, uncertain: s.uncertain })}</Text>
      {canCancel && !finished && (
        <Group>
          <Button size="xs" variant="default" loading={cancel.isPending} onClick={() => cancel.mutate(sendId)}>
            {t('email.cancelSend')}
          </Button>
        </Group>
      )}
      <Table striped withTableBorder aria-label={t('email.results')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('email.client')}</Table.Th>
            <Table.Th>{t('email.address')}</Table.Th>
            <Table.Th>{t('email.status')}</Table.Th>
            <Table.Th>{t('email.error')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(messages.data?.items ?? []).map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>{m.clientName}</Table.Td>
              <Table.Td>{m.email}</Table.Td>
              <Table.Td>{t(`email.messageStatuses.${m.status}`, { defaultValue: m.status })}</Table.Td>
              <Table.Td>{m.status === 'SKIPPED' && m.error ? t(`email.reasons.${m.error}`, { defaultValue: m.error }) : m.error}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
