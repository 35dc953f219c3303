import { useState } from 'react';
import { Paper, Select, Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FieldCategory } from '@/lib/api-types';
import { labelOf } from '@/lib/field-format';
import { currentLanguage } from '@/i18n';
import { ApiTokens } from './api-tokens';
import { CategoryEditor } from './category-editor';
import { OptionEditor } from './option-editor';
import { UserAdmin } from './user-admin';
import { ErrorAlert } from '@/components/error-alert';

/**
 * Paramètres (admins): « Champs personnalisés » — categories, fields and the options of each dropdown field —,
 * « Utilisateurs » and the API tokens.
 * The categories come from the composing route (the same query the card and the list read, so a change shows there at once).
 */
export function SettingsPage({ categories, categoriesError, currentUserId }: { categories: FieldCategory[]; categoriesError?: unknown; currentUserId?: string }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const dropdowns = categories.flatMap((c) =>
    (c.fields ?? [])
      .filter((f) => (f.type === 'SELECT' || f.type === 'MULTI_SELECT') && !f.optionSourceFieldId)
      .map((f) => ({ field: f, group: labelOf(c.labels, lang, c.key) })),
  );
  const [fieldId, setFieldId] = useState<string | null>(null);
  const chosen = dropdowns.find((d) => d.field.id === fieldId)?.field;

  return (
    <Stack gap="md" maw={1100}>
      <Title order={2}>{t('settings.title')}</Title>
      <Tabs defaultValue="fields" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="fields">{t('settings.customFields')}</Tabs.Tab>
          <Tabs.Tab value="users">{t('settings.users')}</Tabs.Tab>
          <Tabs.Tab value="tokens">{t('settings.tokens')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="fields" pt="md">
          <ErrorAlert error={categoriesError} mb="md" />
          <Paper withBorder p="md" radius="md" mb="md">
            <CategoryEditor categories={categories} />
          </Paper>
          <Paper withBorder p="md" radius="md">
            <Stack gap="md">
              <Title order={3}>{t('settings.options')}</Title>
              <Select
                label={t('settings.dropdownField')}
                placeholder={t('settings.chooseField')}
                searchable
                data={Object.entries(
                  dropdowns.reduce<Record<string, { value: string; label: string }[]>>((acc, d) => {
                    (acc[d.group] ??= []).push({ value: d.field.id, label: labelOf(d.field.labels, lang, d.field.key) });
                    return acc;
                  }, {}),
                ).map(([group, items]) => ({ group, items }))}
                value={fieldId}
                onChange={setFieldId}
                maw={480}
              />
              {chosen ? (
                <OptionEditor fieldId={chosen.id} options={chosen.options ?? []} />
              ) : (
                <Text size="sm" c="dimmed">
                  {t('settings.chooseFieldHint')}
                </Text>
              )}
            </Stack>
          </Paper>
        </Tabs.Panel>
        <Tabs.Panel value="users" pt="md">
          <Paper withBorder p="md" radius="md">
            <UserAdmin currentUserId={currentUserId} />
          </Paper>
        </Tabs.Panel>
        <Tabs.Panel value="tokens" pt="md">
          <Paper withBorder p="md" radius="md">
            <ApiTokens />
          </Paper>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
