import { Button, Loader, Paper, Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@/lib/field-format';
import { currentLanguage } from '@/i18n';
import type { HistoryEntry } from '@/lib/api-types';
import { useClientHistory } from '../api/clients';
import { ErrorAlert } from '@/components/error-alert';

export interface ClientHistoryProps {
  clientId: string;
  /** Label of a history field (`name`, `address.city`, `cf.<key>`, `peppol.status`) in the user's language. */
  fieldLabel: (field: string) => string;
  /** A history value (JSON) as text. */
  formatValue: (field: string, value: unknown) => string;
}

const COLOR: Record<string, string> = { CREATED: 'indigo', FIELD: 'blue', PEPPOL: 'green', EMAIL: 'grape', CAMPAIGN: 'orange' };

/** Every change to the client, newest first: who, when, what from and to. */
export function ClientHistory({ clientId, fieldLabel, formatValue }: ClientHistoryProps) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const history = useClientHistory(clientId);
  const entries = history.data?.pages.flatMap((p) => p.items ?? []) ?? [];

  const title = (e: HistoryEntry) => {
    if (e.kind === 'CREATED') return t('history.created');
    if (e.kind === 'EMAIL') return t('history.email');
    if (e.kind === 'CAMPAIGN') return t('history.campaignLeft');
    return e.field ? fieldLabel(e.field) : (e.kind ?? '');
  };
  const change = (e: HistoryEntry) => {
    if (e.kind === 'CREATED' || !e.field) return null;
    if (e.kind === 'EMAIL') {
      // an email entry: {subject, email, status, error, campaignStep} of the message (email package)
      const m = (e.newValue ?? {}) as { subject?: string; email?: string; status?: string; error?: string; campaignStep?: number };
      const step = m.campaignStep ? `${t('email.campaign.stepName', { step: m.campaignStep })} · ` : '';
      return `${step}${m.subject ?? ''} — ${m.email ?? ''} (${t(`email.messageStatuses.${m.status}`, { defaultValue: m.status ?? '' })})${m.error ? ` ${m.error}` : ''}`;
    }
    if (e.kind === 'CAMPAIGN') {
      // a campaign follow-up left the client out: {reason: REGISTERED | READY, campaignStep} (email.EmailCampaigns)
      const c = (e.newValue ?? {}) as { reason?: string; campaignStep?: number };
      const step = c.campaignStep ? `${t('email.campaign.stepName', { step: c.campaignStep })} · ` : '';
      return `${step}${t(`history.campaignLeftReason.${c.reason}`, { defaultValue: c.reason ?? '' })}`;
    }
    const show = (v: unknown) => (v === null || v === undefined ? t('history.cleared') : formatValue(e.field!, v));
    return `${show(e.oldValue)} → ${show(e.newValue)}`;
  };

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t('history.title')}>
      <Title order={4} mb="sm">
        {t('history.title')}
      </Title>
      {history.isPending ? (
        <Loader size="sm" />
) : history.error ? (
        <ErrorAlert error={history.error} />
      ) : entries.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('history.empty')}
        </Text>
      ) : (
        <>
          <Timeline bulletSize={12} lineWidth={2}>
            {entries.map((e) => (
              <Timeline.Item key={e.id} color={COLOR[e.kind ?? ''] ?? 'gray'} title={<Text size="sm" fw={600}>{title(e)}</Text>}>
                {change(e) && (
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                    {change(e)}
                  </Text>
                )}
                <Text size="xs" c="dimmed">
                  {[e.actorName || t('history.system'), formatDateTime(e.at, lang)].filter(Boolean).join(' · ')}
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
          {history.hasNextPage && (
            <Button variant="subtle" size="xs" mt="sm" onClick={() => history.fetchNextPage()} loading={history.isFetchingNextPage}>
              {t('history.more')}
            </Button>
          )}
        </>
      )}
    </Paper>
  );
}
