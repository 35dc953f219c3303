import { useState } from 'react';
import { Anchor, Badge, Button, Group, Pagination, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DailyLineChart } from '@/components/daily-line-chart';
import { Link } from 'react-router';
import { localeOf } from '@/lib/field-format';
import { currentLanguage } from '@/i18n';
import { campaignRecordUrl, useCampaign, useCampaignRecipients } from '../api/email';
import { ErrorAlert } from '@/components/error-alert';

const STATES = ['PENDING', 'READY', 'REGISTERED'] as const;
const STATUS_COLOR: Record<string, string> = { RUNNING: 'blue', FINISHED: 'green', CANCELLED: 'gray' };

function Figure({ label, value, color }: { label: string; value: string; color?: string }) {
  return (
    <Paper withBorder p="md" radius="md" role="group" aria-label={label}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} c={color}>
        {value}
      </Text>
    </Paper>
  );
}

/**
 * A campaign (a send and its automatic follow-ups): the funnel per day — informed, follow-ups sent, ready,
 * registered —, its steps, its recipients (each opening the client) and the CSV record of who was informed when.
 */
export function CampaignPage({ sendId }: { sendId: string }) {
  const { t } = useTranslation();
  const locale = localeOf(currentLanguage());
  const fmt = new Intl.NumberFormat(locale);
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const dayLabel = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' });
  const campaign = useCampaign(sendId);
  const [state, setState] = useState<string>('');
  const [page, setPage] = useState(0);
  const recipients = useCampaignRecipients(campaign.data?.id, state || undefined, page);

  if (campaign.error) return <ErrorAlert error={campaign.error} />;
  const c = campaign.data;
  if (!c) return <Text size="sm">{t('common.loading')}</Text>;

  const series = [
    { name: 'cumulativeInformed', label: t('email.campaign.informed'), color: 'blue.6' },
    { name: 'cumulativeFollowUpsSent', label: t('email.campaign.followUpsSent'), color: 'orange.6' },
    { name: 'cumulativeReady', label: t('email.campaign.ready'), color: 'indigo.6' },
    { name: 'cumulativeRegistered', label: t('email.campaign.registered'), color: 'green.6' },
  ];
  const data = c.days.map((d) => ({ ...d, day: dayLabel.format(new Date(`${d.date}T12:00:00Z`)) }));
  const happened = c.days.some((d) => d.informed + d.followUpsSent + d.ready + d.registered > 0);

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/email-sends" size="sm">
        ← {t('email.campaign.back')}
      </Anchor>
      <Group justify="space-between">
        <Title order={2}>{t('email.campaign.title', { name: c.templateName })}</Title>
        <Button component="a" href={campaignRecordUrl(c.id)} variant="light" download>
          {t('email.campaign.export')}
        </Button>
      </Group>
      <Group gap="sm">
        <Badge color={STATUS_COLOR[c.status] ?? 'gray'} variant="light">
          {t(`email.campaign.statuses.${c.status}`, { defaultValue: c.status })}
        </Badge>
        <Text size="sm">{t('email.campaign.startedAt', { date: dateTime.format(new Date(c.startedAt)), by: c.actorName ?? '' })}</Text>
        <Text size="sm" c="dimmed">
          {c.followUp
            ? t('email.followUp.summary', {
                days: t('email.followUp.days', { count: c.followUp.afterDays }),
                times: t('email.followUp.times', { count: c.followUp.maxTimes }),
              })
            : t('email.campaign.noFollowUp')}
        </Text>
        {c.nextFollowUpAt && <Text size="sm">{t('email.campaign.nextFollowUp', { date: dateTime.format(new Date(c.nextFollowUpAt)) })}</Text>}
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }}>
        <Figure label={t('email.campaign.recipients')} value={fmt.format(c.recipients)} />
        <Figure label={t('email.campaign.informed')} value={fmt.format(c.informed)} color="blue" />
        <Figure label={t('email.campaign.followUpsSent')} value={fmt.format(c.followUpsSent)} color="orange" />
        <Figure label={t('email.campaign.ready')} value={fmt.format(c.ready)} color="indigo" />
        <Figure label={t('email.campaign.registered')} value={fmt.format(c.registered)} color="green" />
        <Figure label={t('email.campaign.pending')} value={fmt.format(c.pending)} />
      </SimpleGrid>
      <Paper withBorder p="md" radius="md" component="section" aria-label={t('email.campaign.funnel')}>
        <Title order={4} mb="sm">
          {t('email.campaign.funnel')}
        </Title>
        {happened ? (
          <DailyLineChart label={t('email.campaign.funnel')} data={data} series={series} locale={locale} curveType="stepAfter" h={260} />
        ) : (
          <Text size="sm" c="dimmed">
            {t('email.campaign.empty')}
          </Text>
        )}
      </Paper>
      <Paper withBorder p="md" radius="md" component="section" aria-label={t('email.campaign.steps')}>
        <Title order={4} mb="sm">
          {t('email.campaign.steps')}
        </Title>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('email.campaign.step')}</Table.Th>
              <Table.Th>{t('email.createdAt')}</Table.Th>
              <Table.Th>{t('email.template')}</Table.Th>
              <Table.Th>{t('email.status')}</Table.Th>
              <Table.Th>{t('email.total')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {c.steps.map((s) => (
              <Table.Tr key={s.sendId}>
                <Table.Td>{s.step === 0 ? t('email.campaign.firstSend') : t('email.campaign.stepName', { step: s.step })}</Table.Td>
                <Table.Td>{dateTime.format(new Date(s.createdAt))}</Table.Td>
                <Table.Td>{s.templateName}</Table.Td>
                <Table.Td>{t(`email.statuses.${s.status}`, { defaultValue: s.status })}</Table.Td>
                <Table.Td>{t('email.campaign.sentOf', { sent: fmt.format(s.sent), total: fmt.format(s.total) })}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Paper withBorder p="md" radius="md" component="section" aria-label={t('email.campaign.recipients')}>
        <Group justify="space-between" mb="sm">
          <Title order={4}>{t('email.campaign.recipients')}</Title>
          <SegmentedControl
            size="xs"
            aria-label={t('email.campaign.state')}
            value={state}
            onChange={(v) => {
              setState(v);
              setPage(0);
            }}
            data={[{ value: '', label: t('email.campaign.all') }, ...STATES.map((s) => ({ value: s, label: t(`email.campaign.states.${s}`) }))]}
          />
        </Group>
        <ErrorAlert error={recipients.error} />
        <Table striped aria-label={t('email.campaign.recipients')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('email.client')}</Table.Th>
              <Table.Th>{t('email.campaign.state')}</Table.Th>
              <Table.Th>{t('email.campaign.emailsSent')}</Table.Th>
              <Table.Th>{t('email.campaign.lastSentAt')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(recipients.data?.items ?? []).map((r) => (
              <Table.Tr key={r.clientId}>
                <Table.Td>
                  <Anchor component={Link} to={`/clients/${r.clientId}`}>
                    {r.clientName}
                  </Anchor>
                  {r.reference && (
                    <Text span size="xs" c="dimmed" ml={6}>
                      {r.reference}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{t(`email.campaign.states.${r.state}`, { defaultValue: r.state })}</Table.Td>
                <Table.Td>{fmt.format(r.sent)}</Table.Td>
                <Table.Td>{r.lastSentAt ? dateTime.format(new Date(r.lastSentAt)) : ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {(recipients.data?.total ?? 0) > 50 && (
          <Pagination mt="sm" total={Math.ceil((recipients.data?.total ?? 0) / 50)} value={page + 1} onChange={(p) => setPage(p - 1)} />
        )}
      </Paper>
    </Stack>
  );
}
