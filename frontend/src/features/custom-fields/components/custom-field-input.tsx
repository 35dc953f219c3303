import { Anchor, FileButton, Group, Input, MultiSelect, NumberInput, Radio, Select, Text, TextInput, Textarea, Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CustomFieldValue, FieldDefinition } from '@/lib/api-types';
import { currentLanguage } from '@/i18n';
import { formatFieldValue, isDocument, labelOf, type FormatContext } from '@/lib/field-format';

export interface CustomFieldInputProps {
  field: FieldDefinition;
  value: CustomFieldValue | undefined;
  onChange: (value: CustomFieldValue) => void;
  /** Read-only: the user may not write, or the field is written by the system. */
  readOnly?: boolean;
  error?: string;
  /** Where the document of a DOCUMENT field is downloaded from. */
  documentUrl?: string;
  /** Uploads a file for a DOCUMENT field (sent at once, not with the form). */
  onUpload?: (file: File) => void;
  uploading?: boolean;
  /** How values read when shown as text (e.g. the client's Peppol status for the registration field). */
  formatContext?: FormatContext;
}

/** One custom field, edited with the input its type calls for. */
export function CustomFieldInput({ field, value, onChange, readOnly, error, documentUrl, onUpload, uploading, formatContext }: CustomFieldInputProps) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const label = labelOf(field.labels, lang, field.key);
  const required = !!field.required;
  const common = { label, error, required, withAsterisk: required && !readOnly };

  if (field.type === 'SYSTEM') {
    return (
      <Input.Wrapper label={label} description={t('field.systemHint')} error={error}>
        <Text size="sm" data-field={field.key}>
          {formatFieldValue(field, value, lang, t, formatContext)}
        </Text>
      </Input.Wrapper>
    );
  }

  if (field.type === 'DOCUMENT') {
    const doc = isDocument(value) ? value : undefined;
    const href = doc?.url || documentUrl;
    return (
      <Input.Wrapper label={label} error={error} required={common.withAsterisk}>
        <Group gap="sm" mt={4}>
          {doc ? (
            <Anchor href={href} target="_blank" rel="noopener" size="sm">
              {doc.name}
            </Anchor>
          ) : (
            <Text size="sm" c="dimmed">
              {t('field.noDocument')}
            </Text>
          )}
          {!readOnly && onUpload && (
            <FileButton onChange={(f) => f && onUpload(f)}>
              {(props) => (
                <Button {...props} size="xs" variant="light" loading={uploading}>
                  {doc ? t('field.replace') : t('field.upload')}
                </Button>
              )}
            </FileButton>
          )}
        </Group>
      </Input.Wrapper>
    );
  }

  if (readOnly) {
    return (
      <Input.Wrapper label={label} error={error}>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-field={field.key}>
          {formatFieldValue(field, value, lang, t, formatContext)}
        </Text>
      </Input.Wrapper>
    );
  }

  switch (field.type) {
    case 'LONG_TEXT':
      return (
        <Textarea
          {...common}
          autosize
          minRows={3}
          maxRows={12}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.currentTarget.value === '' ? null : e.currentTarget.value)}
        />
      );
    case 'NUMBER':
      return (
        <NumberInput
          {...common}
          decimalSeparator={lang === 'en' ? '.' : ','}
          value={typeof value === 'number' ? value : ''}
          onChange={(v) => onChange(v === '' || v === null ? null : typeof v === 'number' ? v : Number(v))}
        />
      );
    case 'DATE':
      return (
        <TextInput
          {...common}
          type="date"
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.currentTarget.value === '' ? null : e.currentTarget.value)}
        />
      );
    case 'BOOLEAN':
      return (
        <Radio.Group
          {...common}
          value={value === true ? 'true' : value === false ? 'false' : ''}
          onChange={(v) => onChange(v === 'true' ? true : v === 'false' ? false : null)}
        >
          <Group mt={6} gap="lg">
            <Radio value="true" label={t('common.yes')} />
            <Radio value="false" label={t('common.no')} />
            {!required && <Radio value="" label={t('common.unset')} />}
          </Group>
        </Radio.Group>
      );
    case 'SELECT': {
      const current = typeof value === 'string' ? value : null;
      return (
        <Select
          {...common}
          placeholder={t('field.selectPlaceholder')}
          searchable
          clearable={!required}
          nothingFoundMessage={t('common.none')}
          data={optionData(field, lang, t, current ? [current] : [])}
          value={current}
          onChange={(v) => onChange(v ?? null)}
        />
      );
    }
    case 'MULTI_SELECT': {
      const current = Array.isArray(value) ? value : [];
      return (
        <MultiSelect
          {...common}
          placeholder={current.length ? undefined : t('field.selectPlaceholder')}
          searchable
          clearable
          data={optionData(field, lang, t, current)}
          value={current}
          onChange={(v) => onChange(v.length ? v : null)}
        />
      );
    }
    case 'TEXT':
    default:
      return (
        <TextInput
          {...common}
          value={typeof value === 'string' ? value : value == null ? '' : String(value)}
          onChange={(e) => onChange(e.currentTarget.value === '' ? null : e.currentTarget.value)}
        />
      );
  }
}

/** Active options, plus the inactive ones a client still holds (so its value stays visible). */
function optionData(field: FieldDefinition, lang: string, t: (k: string, o?: Record<string, unknown>) => string, held: string[]) {
  const options = field.options ?? [];
  const data = options
    .filter((o) => o.active !== false || held.includes(o.key))
    .map((o) => {
      const l = labelOf(o.labels, lang, o.key);
      return { value: o.key, label: o.active === false ? t('field.inactiveOption', { label: l }) : l };
    });
  for (const key of held) {
    if (!data.some((d) => d.value === key)) data.push({ value: key, label: t('field.inactiveOption', { label: key }) });
  }
  return data;
}
