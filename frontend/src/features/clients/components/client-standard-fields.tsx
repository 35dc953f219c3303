import { Checkbox, Input, Select, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Address, Client, ClientInput } from '@/lib/api-types';
import { formatEnterpriseNumber } from '../utils';
import { ResponsibleUserSelect } from './responsible-user-select';

export interface ClientStandardFieldsProps {
  client: Client;
  /** Pending changes, shown over the client's values. */
  draft: ClientInput;
  onChange: (changes: ClientInput) => void;
  readOnly?: boolean;
  errorFor: (field: string) => string | undefined;
}

type TextKey = 'name' | 'reference' | 'legalForm' | 'enterpriseNumber' | 'vatNumber' | 'email';
type AddressKey = keyof Address;

/** The client's standard fields (name, numbers, contact, address), editable or read-only. */
export function ClientStandardFields({ client, draft, onChange, readOnly, errorFor }: ClientStandardFieldsProps) {
  const { t } = useTranslation();
  const merged: Client = { ...client, ...draft, address: { ...(client.address ?? {}), ...(draft.address ?? {}) } } as Client;

  const text = (key: TextKey, extra: { required?: boolean; type?: string } = {}) => {
    const value = (merged[key] as string | null | undefined) ?? '';
    if (readOnly) {
      return (
        <Input.Wrapper key={key} label={t(`client.fields.${key}`)}>
          <Text size="sm">{(key === 'enterpriseNumber' ? formatEnterpriseNumber(value) : value) || t('common.none')}</Text>
        </Input.Wrapper>
      );
    }
    return (
      <TextInput
        key={key}
        label={t(`client.fields.${key}`)}
        required={extra.required}
        type={extra.type}
        value={value}
        error={errorFor(key)}
        onChange={(e) => onChange({ [key]: e.currentTarget.value === '' && !extra.required ? null : e.currentTarget.value })}
      />
    );
  };

  const address = (key: AddressKey) => {
    const value = merged.address?.[key] ?? '';
    if (readOnly) {
      return (
        <Input.Wrapper key={key} label={t(`client.fields.${key}`)}>
          <Text size="sm">{value || t('common.none')}</Text>
        </Input.Wrapper>
      );
    }
    return (
      <TextInput
        key={key}
        label={t(`client.fields.${key}`)}
        value={value}
        error={errorFor(`address.${key}`)}
        onChange={(e) => onChange({ address: { ...(draft.address ?? {}), [key]: e.currentTarget.value === '' ? null : e.currentTarget.value } })}
      />
    );
  };

  const choice = (key: 'type' | 'language' | 'status', options: { value: string; label: string }[]) => {
    const value = (merged[key] as string | undefined) ?? null;
    if (readOnly) {
      return (
        <Input.Wrapper key={key} label={t(`client.fields.${key}`)}>
          <Text size="sm">{options.find((o) => o.value === value)?.label ?? t('common.none')}</Text>
        </Input.Wrapper>
      );
    }
    return (
      <Select
        key={key}
        label={t(`client.fields.${key}`)}
        data={options}
        value={value}
        allowDeselect={false}
        error={errorFor(key)}
        onChange={(v) => v && onChange({ [key]: v })}
      />
    );
  };

  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
      {text('name', { required: true })}
      {text('reference')}
      {choice('type', [
        { value: 'COMPANY', label: t('client.type.COMPANY') },
        { value: 'PERSON', label: t('client.type.PERSON') },
      ])}
      {text('legalForm')}
      {text('enterpriseNumber')}
      {text('vatNumber')}
      {readOnly ? (
        <Input.Wrapper label={t('client.fields.vatLiable')}>
          <Text size="sm">{merged.vatLiable ? t('common.yes') : t('common.no')}</Text>
        </Input.Wrapper>
      ) : (
        <Checkbox
          mt="lg"
          label={t('client.fields.vatLiable')}
          checked={!!merged.vatLiable}
          error={errorFor('vatLiable')}
          onChange={(e) => onChange({ vatLiable: e.currentTarget.checked })}
        />
      )}
      {text('email', { type: 'email' })}
      {choice(
        'language',
        (['fr', 'nl', 'en', 'de'] as const).map((l) => ({ value: l, label: t(`language.${l}`) })),
      )}
      {choice('status', [
        { value: 'ACTIVE', label: t('client.status.ACTIVE') },
        { value: 'ARCHIVED', label: t('client.status.ARCHIVED') },
      ])}
      <ResponsibleUserSelect
        value={merged.responsibleUserId}
        readOnly={readOnly}
        error={errorFor('responsibleUserId')}
        onChange={(responsibleUserId) => onChange({ responsibleUserId })}
      />
      {address('street')}
      {address('postalCode')}
      {address('city')}
      {address('country')}
    </SimpleGrid>
  );
}
