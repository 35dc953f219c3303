import { useState } from 'react';
import { Badge, Button, Group, Menu, Paper, Select, Stack, Table, Tabs, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { ApiError } from '@/lib/api-error';
import { TEMPLATE_LANGUAGES, type EmailTemplate, type EmailVariant, usePlaceholders, usePreview, useEmailTemplates, useSaveTemplate } from '../api/email';
import { EmailPreviewView } from './email-preview';
import { useErrorText } from '@/hooks/use-error-text';
import { ErrorAlert } from '@/components/error-alert';

type Variants = Record<string, EmailVariant>;

/** Settings → Email templates (admins): the list, and an editor per language with a live preview for a chosen client. */
export function EmailTemplatesPage() {
  const { t } = useTranslation();
  const templates = useEmailTemplates();
  const [editing, setEditing] = useState<EmailTemplate | 'new' | undefined>();
  if (editing) return <TemplateEditor template={editing === 'new' ? undefined : editing} onDone={() => setEditing(undefined)} />;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('email.templates')}</Title>
        <Button onClick={() => setEditing('new')}>{t('email.newTemplate')}</Button>
      </Group>
      <ErrorAlert error={templates.error} />
      <Table striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('email.name')}</Table.Th>
            <Table.Th>{t('email.key')}</Table.Th>
            <Table.Th>{t('email.category')}</Table.Th>
            <Table.Th>{t('email.languages')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(templates.data ?? []).map((tpl) => (
            <Table.Tr key={tpl.id}>
              <Table.Td>{tpl.name}</Table.Td>
              <Table.Td><code>{tpl.key}</code></Table.Td>
              <Table.Td>{t(`email.categories.${tpl.category}`)}</Table.Td>
              <Table.Td>{Object.keys(tpl.variants).map((l) => <Badge key={l} variant="light" mr={4}>{l}</Badge>)}</Table.Td>
              <Table.Td>
                <Button size="xs" variant="light" onClick={() => setEditing(tpl)}>{t('email.edit')}</Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function TemplateEditor({ template, onDone }: { template?: EmailTemplate; onDone: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [key, setKey] = useState(template?.key ?? '');
  const [name, setName] = useState(template?.name ?? '');
  const [category, setCategory] = useState<string>(template?.category ?? 'GENERAL');
  const [variants, setVariants] = useState<Variants>(template?.variants ?? { fr: { subject: '', body: '' } });
  const [language, setLanguage] = useState<string>(Object.keys(variants)[0] ?? 'fr');
  const [chosenClientId, setClientId] = useState<string | undefined>();
  const placeholders = usePlaceholders();
  const save = useSaveTemplate();
  const clients = useQuery({
    queryKey: ['clients', 'preview-choice'],
    queryFn: async () => (await api.GET('/api/clients', { params: { query: { size: 50, sort: 'name' } } })).data!,
  });
  // the first client of the list until one is chosen
  const clientId = chosenClientId ?? clients.data?.items?.[0]?.id;
  const current = variants[language];
  const [debounced] = useDebouncedValue(current, 400);
  // the live preview renders the unsaved text (a stored template is needed to preview against)
  const preview = usePreview(template?.id, clientId, debounced && debounced.subject && debounced.body ? { language, ...debounced } : undefined);
  const errors = errorText.fields(save.error);
  if (preview.error instanceof ApiError) {
    for (const [f, m] of Object.entries(errorText.fields(preview.error))) errors[f.replace(/^variant\./, `variants.${language}.`)] = m;
  }

  const setCurrent = (change: Partial<EmailVariant>) => setVariants((v) => ({ ...v, [language]: { ...(v[language] ?? { subject: '', body: '' }), ...change } }));
  const insert = (placeholder: string) => setCurrent({ body: `${current?.body ?? ''}{${placeholder}}` });
  const all = [...(placeholders.data?.standard ?? []), ...(placeholders.data?.custom ?? [])];

  return (
    <Stack>
      <Title order={2}>{template ? t('email.editTemplate') : t('email.newTemplate')}</Title>
      <Group grow>
        <TextInput label={t('email.key')} value={key} onChange={(e) => setKey(e.currentTarget.value)} error={errors.key} disabled={template?.key === 'peppol_info'} />
        <TextInput label={t('email.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} />
        <Select label={t('email.category')} data={['PEPPOL', 'GENERAL'].map((c) => ({ value: c, label: t(`email.categories.${c}`) }))} value={category} onChange={(v) => setCategory(v ?? 'GENERAL')} allowDeselect={false} />
      </Group>
      <Tabs value={language} onChange={(v) => setLanguage(v ?? 'fr')}>
        <Tabs.List>
          {TEMPLATE_LANGUAGES.map((l) => (
            <Tabs.Tab key={l} value={l}>{l.toUpperCase()}{variants[l] ? '' : ' –'}</Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      {current ? (
        <Group align="flex-start" grow>
          <Stack>
            <TextInput label={t('email.subject')} value={current.subject} onChange={(e) => setCurrent({ subject: e.currentTarget.value })} error={errors[`variants.${language}.subject`]} />
            <Textarea label={t('email.body')} autosize minRows={12} value={current.body} onChange={(e) => setCurrent({ body: e.currentTarget.value })} error={errors[`variants.${language}.body`]} styles={{ input: { fontFamily: 'monospace' } }} />
            <Group>
              <Menu withinPortal>
                <Menu.Target>
                  <Button variant="default" size="xs">{t('email.placeholders')}</Button>
                </Menu.Target>
                <Menu.Dropdown mah={300} style={{ overflowY: 'auto' }}>
                  {all.map((p) => <Menu.Item key={p} onClick={() => insert(p)}>{`{${p}}`}</Menu.Item>)}
                </Menu.Dropdown>
              </Menu>
              <Button variant="subtle" size="xs" color="red" onClick={() => setVariants((v) => Object.fromEntries(Object.entries(v).filter(([l]) => l !== language)))}>
                {t('email.removeVariant')}
              </Button>
            </Group>
          </Stack>
          <Stack>
            <Select label={t('email.previewFor')} searchable data={(clients.data?.items ?? []).map((c) => ({ value: String(c.id), label: String(c.name) }))} value={clientId ?? null} onChange={(v) => setClientId(v == null ? undefined : String(v))} />
            {preview.data && <EmailPreviewView preview={preview.data} />}
          </Stack>
        </Group>
      ) : (
        <Paper withBorder p="md">
          <Text size="sm">{t('email.noVariant')}</Text>
          <Button mt="sm" size="xs" onClick={() => setCurrent({})}>{t('email.addVariant')}</Button>
        </Paper>
      )}
      <ErrorAlert error={save.error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>{t('common.cancel')}</Button>
        <Button
          loading={save.isPending}
          onClick={() =>
            save.mutate(
              { id: template?.id, input: { key, name, category: category as EmailTemplate['category'], variants, version: template?.version } },
              { onSuccess: onDone },
            )
          }
        >
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}
