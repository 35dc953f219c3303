import { useState } from 'react';
import { Button, Checkbox, Group, Loader, NumberInput, Paper, Select, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ClientSelection } from '@/lib/api-types';
import { type EmailTemplate, type FollowUpRule, useEmailTemplates, usePreview, useSendDryRun, useStartSend } from '../api/email';
import { SendProgress } from './send-progress';
import { EmailPreviewView } from './email-preview';
import { useErrorText } from '@/hooks/use-error-text';
import { translateFieldError } from '@/lib/error-messages';
import { ErrorAlert } from '@/components/error-alert';

/**
 * Client list → Actions → Send emails: choose a template, preview it for one selected client, see who will be skipped
 * and why, send, then follow the progress to the end with the per-client results.
 */
export function SendEmailsDialog({ selection, count, previewClient, onClose, pollMs }: {
  selection: ClientSelection;
  count: number;
  /** One of the selected clients, to preview the email for. */
  previewClient?: { id: string; name: string };
  onClose: () => void;
  pollMs?: number;
}) {
  const { t } = useTranslation();
  const templates = useEmailTemplates();
  const [templateId, setTemplateId] = useState<string | undefined>();
  const chosen = templateId ?? templates.data?.find((x) => x.key === 'peppol_info')?.id;
  const preview = usePreview(chosen, previewClient?.id);
  const dryRun = useSendDryRun(chosen, selection);
  const start = useStartSend();
  const [sendId, setSendId] = useState<string>();
  const [followUp, setFollowUp] = useState<FollowUpRule | undefined>();

  if (sendId) {
    return (
      <Stack>
        <SendProgress sendId={sendId} pollMs={pollMs} canCancel />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('email.close')}</Button>
        </Group>
      </Stack>
    );
  }
  const d = dryRun.data;
  return (
    <Stack>
      <Text size="sm">{t('email.selected', { count })}</Text>
      <Select
        label={t('email.template')}
        placeholder={t('email.chooseTemplate')}
        data={(templates.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
        value={chosen ?? null}
        onChange={(v) => setTemplateId(v ?? undefined)}
        allowDeselect={false}
      />
      {d && (
        <Paper withBorder p="sm" aria-label={t('email.recipients', { count: d.pending })}>
          <Text size="sm" fw={600}>{t('email.recipients', { count: d.pending })}</Text>
          {d.skipped > 0 && (
            <>
              <Text size="sm" c="orange">{t('email.skipped', { count: d.skipped })}</Text>
              {Object.entries(d.skippedReasons).map(([reason, n]) => (
                <Text size="sm" key={reason}>• {t(`email.reasons.${reason}`, { defaultValue: reason })} : {n}</Text>
              ))}
            </>
          )}
        </Paper>
      )}
      <ErrorAlert error={dryRun.error} />
      {previewClient && (
        <Stack gap={4}>
          <Text size="sm" fw={600}>{t('email.preview', { name: previewClient.name })}</Text>
          {preview.isPending && chosen ? <Loader size="sm" /> : preview.data && <EmailPreviewView preview={preview.data} />}
          <ErrorAlert error={preview.error} />
        </Stack>
      )}
      <FollowUpFields value={followUp} onChange={setFollowUp} templates={templates.data ?? []} serverError={start.error} />
      <ErrorAlert error={start.error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
        <Button
          disabled={!chosen || !d || d.pending === 0 || !followUpValid(followUp)}
          loading={start.isPending}
          onClick={() => chosen && start.mutate({ templateId: chosen, selection, followUp }, { onSuccess: (s) => setSendId(s.id ?? undefined) })}
        >
          {t('email.send')}
        </Button>
      </Group>
    </Stack>
  );
}

/** The follow-up rule of a send: off, or after N days at most K times, with the same template or another one. */
export function FollowUpFields({ value, onChange, templates, serverError }: {
  value: FollowUpRule | undefined;
  onChange: (rule: FollowUpRule | undefined) => void;
  templates: EmailTemplate[];
  /** The failed send: its errors on followUp.* show under their fields. */
  serverError?: unknown;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const range = (n: number | undefined, min: number, max: number, field: string) =>
    typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max
      ? errorText.field(serverError, `followUp.${field}`)
      : translateFieldError({ field: `followUp.${field}`, code: 'range', message: '', params: { min, max } }, t);
  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Checkbox
          label={t('email.followUp.enable')}
          description={t('email.followUp.hint')}
          checked={!!value}
          onChange={(e) => onChange(e.currentTarget.checked ? { afterDays: 14, maxTimes: 2, templateId: null } : undefined)}
        />
        {value && (
          <Group grow align="flex-start">
            <NumberInput
              label={t('email.followUp.afterDays')}
              min={1}
              max={365}
              allowDecimal={false}
              clampBehavior="none"
              value={value.afterDays ?? ''}
              error={range(value.afterDays, 1, 365, 'afterDays')}
              onChange={(n) => onChange({ ...value, afterDays: typeof n === 'number' ? n : (undefined as unknown as number) })}
            />
            <NumberInput
              label={t('email.followUp.maxTimes')}
              min={1}
              max={10}
              allowDecimal={false}
              clampBehavior="none"
              value={value.maxTimes ?? ''}
              error={range(value.maxTimes, 1, 10, 'maxTimes')}
              onChange={(n) => onChange({ ...value, maxTimes: typeof n === 'number' ? n : (undefined as unknown as number) })}
            />
            <Select
              label={t('email.followUp.template')}
              data={[{ value: '', label: t('email.followUp.sameTemplate') }, ...templates.map((x) => ({ value: x.id, label: x.name }))]}
              value={value.templateId ?? ''}
              onChange={(v) => onChange({ ...value, templateId: v ? v : null })}
              allowDeselect={false}
              error={errorText.field(serverError, 'followUp.templateId')}
            />
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

/** A rule the server accepts (1–365 days, 1–10 times), or none. */
export function followUpValid(rule: FollowUpRule | undefined) {
  if (!rule) return true;
  const ok = (n: unknown, max: number) => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= max;
  return ok(rule.afterDays, 365) && ok(rule.maxTimes, 10);
}
