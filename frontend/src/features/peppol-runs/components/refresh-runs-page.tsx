import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, Loader, Modal, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { currentLanguage } from '@/i18n';
import type { PeppolRefreshRun } from '@/lib/api-types';
import { formatDateTime } from '@/lib/field-format';
import { translateLookupError } from '@/lib/lookup-errors';
import { isRunOpen, useDecideHeldRun, useRefreshRuns, useRunFailures } from '../api/runs';
import { ErrorAlert } from '@/components/error-alert';
import { useErrorText } from '@/hooks/use-error-text';

const STATUS_COLOR: Record<string, string> = { QUEUED: 'gray', RUNNING: 'blue', HELD: 'orange', DONE: 'green', FAILED: 'red' };

/** Past and current Peppol refresh runs: progress, counts by outcome, the clients that failed; admins decide held runs. */
export function RefreshRunsPage({ isAdmin, pollMs }: { isAdmin: boolean; pollMs?: number }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const runs = useRefreshRuns(pollMs);
  return (
    <Stack gap="md" maw={1100}>
      <Title order={2}>{t('list.runs.title')}</Title>
      {runs.isPending ? (
        <Group justify="center" p="xl">
          <Loader />
        </Group>
      ) : runs.error ? (
        <Alert color="red" title={t('common.error')} role="alert">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{errorText.text(runs.error)}</Text>
            <Button size="xs" variant="light" color="red" onClick={() => void runs.refetch()}>
              {t('common.retry')}
            </Button>
          </Stack>
        </Alert>
      ) : runs.data.length === 0 ? (
        <Text c="dimmed">{t('list.runs.empty')}</Text>
      ) : (
        runs.data.map((run) => <RunCard key={run.id} run={run} isAdmin={isAdmin} />)
      )}
    </Stack>
  );
}

function RunCard({ run, isAdmin }: { run: PeppolRefreshRun; isAdmin: boolean }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [showFailures, setShowFailures] = useState(false);
  const [deciding, setDeciding] = useState<'confirm' | 'discard' | undefined>();
  const decide = useDecideHeldRun();
  const open = isRunOpen(run);
  const title = `${t(`list.runs.kind.${run.kind}`)} · ${formatDateTime(run.createdAt ?? run.startedAt, lang) ?? ''}`;
  const outcomes: [string, number, string][] = [
    ['registered', run.registered, 'green'],
    ['notRegistered', run.notRegistered, 'gray'],
    ['hermesOnly', run.hermesOnly, 'yellow'],
    ['noIdentifier', run.noIdentifier, 'gray'],
    ['failed', run.failed, 'red'],
  ];
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={title}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="sm">
            <Title order={4}>{title}</Title>
            <Badge color={STATUS_COLOR[run.status]} variant="light">
              {t(`refreshRun.statuses.${run.status}`, { defaultValue: run.status })}
            </Badge>
          </Group>
          <Text size="xs" c="dimmed">
            {[run.actorName && t('list.runs.startedBy', { name: run.actorName }), run.finishedAt && t('list.runs.finished', { at: formatDateTime(run.finishedAt, lang) })]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        </Group>
        <Group gap="sm" wrap="nowrap">
          <Progress
            flex={1}
            size="lg"
            value={run.total ? (100 * run.done) / run.total : run.status === 'DONE' ? 100 : 0}
            animated={open}
            color={run.status === 'FAILED' ? 'red' : undefined}
            aria-label={t('refreshRun.progress', { done: run.done, total: run.total })}
          />
          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
            {t('refreshRun.progress', { done: run.done, total: run.total })}
          </Text>
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="xs" aria-label={t('list.runs.outcomes')}>
          {outcomes.map(([key, count, color]) => (
            <Paper key={key} withBorder p={6} radius="sm">
              <Text size="xs" c="dimmed">
                {t(`list.runs.${key}`)}
              </Text>
              <Text fw={700} c={count > 0 ? color : undefined}>
                {count}
              </Text>
            </Paper>
          ))}
        </SimpleGrid>
        {run.error && (
          <Alert color="red" p="xs">
            {t('list.runs.error_run', { error: translateLookupError(run, t, lang) })}
          </Alert>
        )}
        {run.status === 'HELD' && (
          <Alert color="orange" title={t('list.runs.held', { count: run.heldDowngrades })}>
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{t('list.runs.heldHint')}</Text>
              {isAdmin && (
                <Group gap="xs">
                  <Button size="xs" color="orange" onClick={() => setDeciding('confirm')}>
                    {t('list.runs.confirm')}
                  </Button>
                  <Button size="xs" variant="default" onClick={() => setDeciding('discard')}>
                    {t('list.runs.discard')}
                  </Button>
                </Group>
              )}
            </Stack>
          </Alert>
        )}
        {run.decidedBy && (
          <Text size="xs" c="dimmed">
            {t('list.runs.decidedBy', { name: run.decidedBy })}
          </Text>
        )}
        {run.failed > 0 && (
          <Anchor component="button" type="button" size="sm" onClick={() => setShowFailures((v) => !v)} aria-expanded={showFailures}>
            {showFailures ? t('list.runs.hideFailures') : t('list.runs.showFailures', { count: run.failed })}
          </Anchor>
        )}
        {showFailures && <Failures runId={run.id} />}
      </Stack>
      <Modal opened={!!deciding} onClose={() => setDeciding(undefined)} title={deciding === 'confirm' ? t('list.runs.confirm') : t('list.runs.discard')}>
        <Stack gap="sm">
          <Text size="sm">
            {deciding === 'confirm' ? t('list.runs.confirmQuestion', { count: run.heldDowngrades }) : t('list.runs.discardQuestion', { count: run.heldDowngrades })}
          </Text>
          <ErrorAlert error={decide.error} />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setDeciding(undefined)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="orange"
              loading={decide.isPending}
              onClick={() => deciding && decide.mutate({ id: run.id, decision: deciding }, { onSuccess: () => setDeciding(undefined) })}
            >
              {deciding === 'confirm' ? t('list.runs.confirm') : t('list.runs.discard')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}

function Failures({ runId }: { runId: string }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const failures = useRunFailures(runId, true);
  if (failures.isPending) return <Loader size="sm" />;
  if (failures.error) {
    return <ErrorAlert error={failures.error} />;
  }
  return (
    <Table withTableBorder verticalSpacing={4} fz="sm" aria-label={t('list.runs.failuresTitle')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('list.runs.client')}</Table.Th>
          <Table.Th>{t('list.runs.error')}</Table.Th>
          <Table.Th>{t('list.runs.at')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {failures.data.map((f) => (
          <Table.Tr key={f.clientId}>
            <Table.Td>
              <Anchor component={Link} to={`/clients/${f.clientId}`} size="sm">
                {f.name}
              </Anchor>
              {f.reference && (
                <Text span size="xs" c="dimmed" ml={6}>
                  {f.reference}
                </Text>
              )}
            </Table.Td>
            <Table.Td data-code={f.errorCode ?? undefined}>{translateLookupError(f, t, lang) ?? t('common.none')}</Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(f.at, lang) ?? t('common.none')}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
