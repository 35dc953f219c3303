import { Alert, Badge, Group, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isRunFinished, usePeppolRefreshRun } from '../api/list-actions';
import { useErrorText } from '@/hooks/use-error-text';

/** Progress of a Peppol refresh run started from the list, polled until it is done. */
export function RefreshRunProgress({ runId, onClose, pollMs }: { runId: string; onClose: () => void; pollMs?: number }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const run = usePeppolRefreshRun(runId, pollMs);
  const r = run.data;
  const total = r?.total ?? 0;
  const done = r?.done ?? 0;
  const finished = isRunFinished(r);
  const status = r?.status ?? 'QUEUED';
  return (
    <Alert
      color={status === 'FAILED' || run.error ? 'red' : finished ? 'green' : 'blue'}
      title={t('refreshRun.title')}
      withCloseButton={finished || !!run.error}
      closeButtonLabel={t('refreshRun.close')}
      onClose={onClose}
      role="status"
      aria-label={t('refreshRun.title')}
    >
      {run.error ? (
        <Text size="sm">{errorText.text(run.error)}</Text>
      ) : (
        <Stack gap={6}>
          <Group gap="sm">
            <Badge variant="light" color={finished ? (status === 'DONE' ? 'green' : status === 'HELD' ? 'orange' : 'red') : 'blue'}>
              {t(`refreshRun.statuses.${status}`, { defaultValue: status })}
            </Badge>
            <Text size="sm">{t('refreshRun.progress', { done, total })}</Text>
            <Text size="sm">{t('refreshRun.registered', { count: r?.registered ?? 0 })}</Text>
            <Text size="sm">{t('refreshRun.failed', { count: r?.failed ?? 0 })}</Text>
          </Group>
          <Progress value={total ? (100 * done) / total : finished ? 100 : 0} animated={!finished} aria-label={t('refreshRun.progress', { done, total })} />
        </Stack>
      )}
    </Alert>
  );
}
