import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PeppolSummary } from '@/lib/api-pending-paths';
import { formatDateTime } from '@/lib/field-format';
import { currentLanguage } from '@/i18n';
import { PEPPOL_STATUS_COLOR } from '@/lib/peppol-status';


export interface PeppolPanelProps {
  peppol: PeppolSummary | null | undefined;
  /** Shown when the user may write and the refresh endpoint exists. */
  onRefresh?: () => void;
  refreshing?: boolean;
  refreshError?: string;
}

/** The client's last known Peppol registration, read-only. */
export function PeppolPanel({ peppol, onRefresh, refreshing, refreshError }: PeppolPanelProps) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const status = peppol?.status || 'UNKNOWN';
  const statusLabel = t(`peppol.statuses.${status}`, { defaultValue: status });
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Title order={4}>{t('peppol.title')}</Title>
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {t('peppol.status')}
          </Text>
          <Badge color={PEPPOL_STATUS_COLOR[status] ?? 'gray'} variant="light">
            {statusLabel}
          </Badge>
        </Group>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Text size="sm" c="dimmed">
            {t('peppol.accessPoint')}
          </Text>
          <Text size="sm" ta="right">
            {peppol?.accessPointName || t('common.none')}
          </Text>
        </Group>
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {t('peppol.checkedAt')}
          </Text>
          <Text size="sm">{formatDateTime(peppol?.checkedAt, lang) ?? t('peppol.never')}</Text>
        </Group>
        {onRefresh && (
          <Button variant="light" onClick={onRefresh} loading={refreshing}>
            {t('peppol.refresh')}
          </Button>
        )}
        {refreshError && (
          <Text size="sm" c="red" role="alert">
            {refreshError}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
