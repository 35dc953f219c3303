import { Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { EmailPreview } from '../api/email';

/** A rendered email: subject, then the HTML body in a sandboxed frame (no scripts, no access to the app). */
export function EmailPreviewView({ preview }: { preview: EmailPreview }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm">
      <Stack gap={4}>
        <Text size="xs" c="dimmed">{t('email.previewLanguage', { language: preview.language })}{preview.email ? ` · ${preview.email}` : ''}</Text>
        <Text size="sm" fw={600} data-testid="preview-subject">{preview.subject}</Text>
        <iframe title={preview.subject} sandbox="" srcDoc={preview.body} style={{ width: '100%', minHeight: 260, border: 0 }} />
      </Stack>
    </Paper>
  );
}
