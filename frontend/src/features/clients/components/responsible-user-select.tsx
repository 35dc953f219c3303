import { Input, Select, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useUserDirectory } from '../api/users';

export interface ResponsibleUserSelectProps {
  value: string | null | undefined;
  onChange: (userId: string | null) => void;
  readOnly?: boolean;
  error?: string;
}

/**
 * The client's responsible user, chosen by name in a searchable list of the active users (a deactivated user
 * still responsible for this client stays shown, marked, until someone else is chosen); clearable.
 */
export function ResponsibleUserSelect({ value, onChange, readOnly, error }: ResponsibleUserSelectProps) {
  const { t } = useTranslation();
  const users = useUserDirectory().data ?? [];
  const label = t('client.fields.responsibleUserId');
  const nameOf = (id: string) => {
    const u = users.find((x) => x.id === id);
    if (!u) return t('client.unknownUser');
    return u.active ? u.name : t('client.inactiveUser', { name: u.name });
  };
  if (readOnly) {
    return (
      <Input.Wrapper label={label}>
        <Text size="sm">{value ? nameOf(value) : t('common.none')}</Text>
      </Input.Wrapper>
    );
  }
  const data = users.filter((u) => u.active || u.id === value).map((u) => ({ value: u.id, label: nameOf(u.id) }));
  if (value && !data.some((d) => d.value === value)) data.push({ value, label: nameOf(value) });
  return (
    <Select
      label={label}
      placeholder={t('client.chooseResponsible')}
      data={data}
      value={value ?? null}
      onChange={(v) => onChange(v)}
      searchable
      clearable
      nothingFoundMessage={t('client.noUserFound')}
      error={error}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
