import { useState, type ReactNode } from 'react';
import { Alert, Button, Group, MultiSelect, Radio, Select, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { customFieldLabels } from '@/lib/error-messages';
import { useErrorText } from '@/hooks/use-error-text';
import type { BulkEditResult, ClientSelection, CustomFieldValue, FieldDefinition } from '@/lib/api-types';
import { labelOf } from '@/lib/field-format';
import { currentLanguage } from '@/i18n';
import { newIdempotencyKey, useBulkEdit } from '../api/list-actions';
import { ResponsibleUserSelect } from './responsible-user-select';
import { ErrorAlert } from '@/components/error-alert';

/** Standard fields a bulk edit may set (api.md "Bulk edit"). */
const STANDARD = ['language', 'vatLiable', 'status', 'responsibleUserId'] as const;

export interface BulkEditDialogProps {
  /** Custom fields that may be bulk-edited: of categories shown in the list, not multi select, document or system. */
  fields: FieldDefinition[];
  selection: ClientSelection;
  /** How many clients the selection holds (for the title). */
  count: number;
  /** The card's per-type input for a custom field. */
  renderFieldInput: (field: FieldDefinition, value: CustomFieldValue | undefined, onChange: (v: CustomFieldValue) => void, error?: string) => ReactNode;
  onApplied: (result: BulkEditResult) => void;
  onCancel: () => void;
}

/** Fields that bulk edit accepts, from the categories' definitions. */
export function bulkEditableFields(categories: { showInClientList?: boolean; fields: FieldDefinition[] }[]): FieldDefinition[] {
  return categories
    .filter((c) => c.showInClientList)
    .flatMap((c) => c.fields)
    .filter((f) => f.type !== 'MULTI_SELECT' && f.type !== 'DOCUMENT' && f.type !== 'SYSTEM');
}

/**
 * Mount it when the dialog opens: the Idempotency-Key is made once per opening, so a retried Apply never edits twice.
 * Preview (a dry run) first, then Apply; a 422 shows each message under its field.
 */
export function BulkEditDialog({ fields, selection, count, renderFieldInput, onApplied, onCancel }: BulkEditDialogProps) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [chosen, setChosen] = useState<string[]>([]);
  const [values, setValues] = useState<Record<string, CustomFieldValue>>({});
  const [preview, setPreview] = useState<BulkEditResult | undefined>();
  const bulk = useBulkEdit();
  const fieldLabels = customFieldLabels(fields, lang);
  const errorText = useErrorText(fieldLabels);

  const options = [
    ...STANDARD.map((name) => ({ value: name, label: t(`client.fields.${name}`) })),
    ...fields.map((f) => ({ value: `cf.${f.key}`, label: labelOf(f.labels, lang, f.key) })),
  ];
  const labelFor = (name: string) => options.find((o) => o.value === name)?.label ?? name;
  const changes = () => Object.fromEntries(chosen.map((name) => [name, values[name] ?? null]));
  const errors = errorText.fields(bulk.error);
  const errorOf = (name: string) => errors[`changes.${name}`] ?? (name.startsWith('cf.') ? errors[`changes.${name.slice(3)}`] : undefined);
  const shownErrors = chosen.some((name) => errorOf(name));

  const setValue = (name: string, value: CustomFieldValue) => {
    setValues((v) => ({ ...v, [name]: value }));
    setPreview(undefined);
    bulk.reset();
  };

  const run = (dryRun: boolean) =>
    bulk.mutate(
      { selection, changes: changes(), dryRun, idempotencyKey: dryRun ? undefined : idempotencyKey },
      { onSuccess: (result) => (dryRun ? setPreview(result) : onApplied(result)) },
    );

  const input = (name: string) => {
    const error = errorOf(name);
    const value = values[name];
    if (name === 'language' || name === 'status') {
      const data =
        name === 'language'
          ? (['fr', 'nl', 'en', 'de'] as const).map((l) => ({ value: l, label: t(`language.${l}`) }))
          : (['ACTIVE', 'ARCHIVED'] as const).map((s) => ({ value: s, label: t(`client.status.${s}`) }));
      return (
        <Select
          key={name}
          label={t(`client.fields.${name}`)}
          placeholder={t('field.selectPlaceholder')}
          data={data}
          value={typeof value === 'string' ? value : null}
          onChange={(v) => setValue(name, v)}
          error={error}
        />
      );
    }
    if (name === 'responsibleUserId') {
      return <ResponsibleUserSelect key={name} value={typeof value === 'string' ? value : null} onChange={(v) => setValue(name, v)} error={error} />;
    }
    if (name === 'vatLiable') {
      return (
        <Radio.Group
          key={name}
          label={t('client.fields.vatLiable')}
          value={value === true ? 'true' : value === false ? 'false' : ''}
          onChange={(v) => setValue(name, v === 'true')}
          error={error}
        >
          <Group mt={6} gap="lg">
            <Radio value="true" label={t('common.yes')} />
            <Radio value="false" label={t('common.no')} />
          </Group>
        </Radio.Group>
      );
    }
    const field = fields.find((f) => `cf.${f.key}` === name);
    if (!field) return null;
    return <div key={name}>{renderFieldInput(field, value, (v) => setValue(name, v), error)}</div>;
  };

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('bulk.target', { count })}
      </Text>
      <MultiSelect
        label={t('bulk.fields')}
        placeholder={chosen.length ? undefined : t('bulk.fieldsPlaceholder')}
        data={options}
        value={chosen}
        searchable
        onChange={(v) => {
          setChosen(v);
          setPreview(undefined);
          bulk.reset();
        }}
        nothingFoundMessage={t('list.bulk.noField')}
        maxDropdownHeight={280}
        // in a portal above the dialog: inside it, the dialog's body clipped the list to about two options
        comboboxProps={{ withinPortal: true, position: 'bottom-start' }}
      />
      {chosen.map(input)}
      {preview && (
        <Alert color="blue" role="status">
          <Stack gap={4}>
            <Text size="sm">
              {t('bulk.previewResult', {
                matched: t('bulk.previewMatched', { count: preview.matched }),
                changed: t('bulk.previewChanged', { count: preview.changed }),
              })}
            </Text>
            {(preview.fields ?? []).map((f) => (
              <Text size="sm" key={f.field}>
                {t('list.bulk.fieldsPreview', {
                  field: labelFor(f.field),
                  already: t('list.bulk.fieldsAlready', { count: f.alreadySet }),
                  overwritten: t('list.bulk.fieldsOverwritten', { count: f.overwritten }),
                })}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
      <ErrorAlert error={!shownErrors && bulk.error} title={t('bulk.failed')} labelOf={fieldLabels} />
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {preview ? ' ' : t('bulk.previewFirst')}
        </Text>
        <Group gap="xs">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button variant="light" disabled={!chosen.length} loading={bulk.isPending && bulk.variables?.dryRun} onClick={() => run(true)}>
            {t('bulk.preview')}
          </Button>
          <Button disabled={!preview} loading={bulk.isPending && !bulk.variables?.dryRun} onClick={() => run(false)}>
            {t('bulk.apply')}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
