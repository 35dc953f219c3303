import { useState } from 'react';
import { Badge, Button, Group, Pagination, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useEmailSends } from '../api/email';
import { SendProgress } from './send-progress';
import { ErrorAlert } from '@/components/error-alert';

/** Every send with its progress and counts; one opens to its per-client results. */
export function EmailSendsPage({ canCancel }: { canCancel: boolean }) {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(0);
  const [open, setOpen] = useState<string>();
  const sends = useEmailSends(page);
  const items = sends.data?.items ?? [];
  return (
    <Stack>
      <Title order={2}>{t('email.sends')}</Title>
      <ErrorAlert error={sends.error} />
      {items.length === 0 && !sends.isPending && <Text c="dimmed">{t('email.noSends')}</Text>}
      <Table striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('email.createdAt')}</Table.Th>
            <Table.Th>{t('email.template')}</Table.Th>
            <Table.Th>{t('email.by')}</Table.Th>
            <Table.Th>{t('email.status')}</Table.Th>
            <Table.Th>{t('email.total')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>{s.createdAt ? new Date(s.createdAt).toLocaleString(i18n.language) : ''}</Table.Td>
              <Table.Td>
                {s.templateName}
                {!!s.campaignStep && (
                  <Badge ml={6} size="xs" variant="outline">
                    {t('email.campaign.stepName', { step: s.campaignStep })}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{s.actorName}</Table.Td>
              <Table.Td>
                <Badge variant="light">{t(`email.statuses.${s.status}`, { defaultValue: s.status })}</Badge>
                <Progress mt={4} size="sm" value={s.total ? (100 * (s.total - s.pending)) / s.total : 100} aria-label={t('email.progress', { done: s.total - s.pending, total: s.total })} />
              </Table.Td>
              <Table.Td>{t('email.counts', { sent: s.sent, failed: s.failed, skipped: s.skipped, uncertain: s.uncertain })}</Table.Td>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Button size="xs" variant="light" onClick={() => setOpen(open === s.id ? undefined : (s.id ?? undefined))}>{t('email.results')}</Button>
                  {s.campaignId && (
                    <Button size="xs" variant="subtle" component={Link} to={`/email-sends/${s.campaignId}/campaign`}>
                      {t('email.campaign.open')}
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {open && <SendProgress sendId={open} canCancel={canCancel} />}
      <Pagination total={Math.max(1, Math.ceil((sends.data?.total ?? 0) / 25))} value={page + 1} onChange={(p) => setPage(p - 1)} />
    </Stack>
  );
}
