import type { ReactNode } from 'react';
import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PeppolRegistration, PeppolSummary } from '@/lib/api-types';
import { formatDateTime } from '@/lib/field-format';
import { currentLanguage } from '@/i18n';
import { PEPPOL_STATUS_COLOR } from '@/lib/peppol-status';
import { wrappingBadgeStyles } from '@/lib/badge-styles';
import { translateLookupError } from '@/lib/lookup-errors';

export interface PeppolPanelProps {
  peppol: PeppolSummary | null | undefined;
  /** The full registration, when the backend provides it. */
  registration?: PeppolRegistration | null;
  /** Shown when the user may write and the refresh endpoint exists. */
  onRefresh?: () => void;
  refreshing?: boolean;
  refreshError?: string;
  /** Offered when the mapping knows the access point's software and it is not the declared one: never applied silently. */
  onApplySoftware?: (software: string) => void;
  /** The declared receiving software (option key) and the name of an option key. */
  declaredSoftware?: string;
  softwareName?: (key: string) => string;
  applyingSoftware?: boolean;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    // a value wider than the room beside its label goes under it, whole (an identifier breaks between its digits
    // only when it is wider than the panel itself)
    <Group justify="space-between" wrap="wrap" align="flex-start" gap="sm" style={{ rowGap: 0 }}>
      <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        {label}
      </Text>
      <Text size="sm" ta="right" style={{ marginLeft: 'auto', overflowWrap: 'break-word', maxWidth: '100%' }}>
        {children}
      </Text>
    </Group>
  );
}

/**
 * A Peppol participant identifier ("iso6523-actorid-upis::0208:0123456749"): it may break after its scheme, never
 * inside the identifier itself, which users read and compare as one number.
 */
function Identifier({ value }: { value: string }) {
  const at = value.indexOf('::');
  const id = <span style={{ whiteSpace: 'nowrap' }}>{at < 0 ? value : value.slice(at + 2)}</span>;
  if (at < 0) return id;
  return (
    <>
      {value.slice(0, at + 2)}
      <wbr />
      {id}
    </>
  );
}

/** The client's Peppol registration as known, and its latest check; read-only. */
export function PeppolPanel({ peppol, registration, onRefresh, refreshing, refreshError, onApplySoftware, declaredSoftware, softwareName, applyingSoftware }: PeppolPanelProps) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const status = registration?.status || peppol?.status || 'UNKNOWN';
  const statusLabel = (s: string) => t(`peppol.statuses.${s}`, { defaultValue: s });
  const accessPoint = registration?.accessPoint?.name || peppol?.accessPointName;
  const checkedAt = registration?.lastCheck?.at ?? peppol?.checkedAt;
  const r = registration;
  // status is what is known; a failed latest check is said beside it, with when the status was last confirmed
  const failedCheck = r?.lastCheck?.outcome === 'LOOKUP_FAILED' ? r.lastCheck : undefined;
  // why the latest check failed, or why the participant it found cannot receive invoices, in the user's language
  const why = r?.lastCheck ? translateLookupError(r.lastCheck, t, lang) : undefined;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t('peppol.title')}>
      <Stack gap="sm">
        <Title order={4}>{t('peppol.title')}</Title>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Text size="sm" c="dimmed" style={{ flexShrink: 0 }}>
            {t('peppol.status')}
          </Text>
          {/* the longest status ("Pré-enregistré sur Hermes uniquement") is wider than the side panel: it wraps, whole */}
          <Badge
            color={PEPPOL_STATUS_COLOR[status] ?? 'gray'}
            variant="light"
            radius="sm"
            styles={{ root: wrappingBadgeStyles.root, label: { ...wrappingBadgeStyles.label, textAlign: 'right' } }}
          >
            {statusLabel(status)}
          </Badge>
        </Group>
        {failedCheck && r?.confirmedAt && (
          <Text size="sm" c="dimmed" ta="right">
            {t('peppol.lastConfirmed', { date: formatDateTime(r.confirmedAt, lang) })}
          </Text>
        )}
        <Row label={t('peppol.accessPoint')}>{accessPoint || t('common.none')}</Row>
        {r?.accessPoint?.seatId && <Row label={t('peppol.seat')}>{[r.accessPoint.seatId, r.accessPoint.country].filter(Boolean).join(' · ')}</Row>}
        {r?.participantId && (
          <Row label={t('peppol.participant')}>
            <Identifier value={r.participantId} />
          </Row>
        )}
        {r?.status && r.status !== 'LOOKUP_FAILED' && <Row label={t('peppol.receives')}>{r.canReceiveInvoices ? t('common.yes') : t('common.no')}</Row>}
        {!failedCheck && why && (
          <Text size="xs" c="orange.8" data-code={r?.lastCheck?.errorCode ?? undefined}>
            {why}
          </Text>
        )}
        {r?.reasons && r.reasons.length > 0 && (
          <Stack gap={4} aria-label={t('peppol.reasons.title')} role="list">
            <Text size="sm" fw={500}>
              {t('peppol.reasons.title')}
            </Text>
            {r.reasons.map((reason) => (
              <Text size="sm" c="orange.8" key={reason.code} role="listitem" data-code={reason.code}>
                {t(`peppol.reasons.${reason.code}`, {
                  ...reason.params,
                  expiresAt: reason.params.expiresAt ? formatDateTime(reason.params.expiresAt, lang) : undefined,
                  software: reason.params.software && softwareName ? softwareName(reason.params.software) : reason.params.software,
                  declared: reason.params.declared && softwareName ? softwareName(reason.params.declared) : reason.params.declared,
                  defaultValue: reason.code,
                })}
              </Text>
            ))}
          </Stack>
        )}
        {onApplySoftware && r?.accessPointSoftware && r.accessPointSoftware !== declaredSoftware && (
          <Button variant="light" size="xs" loading={applyingSoftware} onClick={() => onApplySoftware(r.accessPointSoftware!)}>
            {t('changes.applySoftware', { software: softwareName ? softwareName(r.accessPointSoftware) : r.accessPointSoftware })}
          </Button>
        )}
        <Row label={t('peppol.checkedAt')}>{formatDateTime(checkedAt, lang) ?? t('peppol.never')}</Row>
        {failedCheck && (
          <Text size="xs" c="red" data-code={failedCheck.errorCode ?? undefined}>
            {why
              ? t('peppol.lastCheckFailedWhy', { at: formatDateTime(failedCheck.at, lang) ?? '', why })
              : t('peppol.lastCheckFailed', { at: formatDateTime(failedCheck.at, lang) ?? '' })}
          </Text>
        )}
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
