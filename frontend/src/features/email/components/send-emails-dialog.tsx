import { useState } from 'react';
import { Alert, Button, Group, Loader, Paper, Select, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ClientSelection } from '@/lib/api-types';
import { useEmailTemplates, usePreview, useSendDryRun, useStartSend } from '../api/email';
import { SendProgress } from './send-progress';
import { EmailPreviewView } from './email-preview';
import { useErrorText } from '@/hooks/use-error-text';

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
  const errorText = useErrorText();
  const templates = useEmailTemplates();
  const [templateId, setTemplateId] = useState<string | undefined>();
  const chosen = templateId ?? templates.data?.find((x) => x.key === 'peppol_info')?.id;
  const preview = usePreview(chosen, previewClient?.id);
  const dryRun = useSendDryRun(chosen, selection);
  const start = useStartSend();
  const [sendId, setSendId] = useState<string>();

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
      {dryRun.error && <Alert color="red" role="alert">{errorText.text(dryRun.error)}</Alert>}
      {previewClient && (
        <Stack gap={4}>
          <Text size="sm" fw={600}>{t('email.preview', { name: previewClient.name })}</Text>
          {preview.isPending && chosen ? <Loader size="sm" /> : preview.data && <EmailPreviewView preview={preview.data} />}
          {preview.error && <Alert color="red" role="alert">{errorText.text(preview.error)}</Alert>}
        </Stack>
      )}
      {start.error && <Alert color="red" role="alert">{errorText.text(start.error)}</Alert>}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
        <Button
          disabled={!chosen || !d || d.pending === 0}
          loading={start.isPending}
          onClick={() => chosen && start.mutate({ templateId: chosen, selection }, { onSuccess: (s) => setSendId(s.id ?? undefined) })}
        >
          {t('email.send')}
        </Button>
      </Group>
    </Stack>
  );
}
