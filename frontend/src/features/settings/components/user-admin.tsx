import { useState } from 'react';
import { Alert, Badge, Button, Group, PasswordInput, Select, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '@/hooks/use-error-text';
import { useCreateUser, useUpdateUser, useUsers, type Role } from '../api/settings';
import { ErrorAlert } from '@/components/error-alert';

const ROLES: Role[] = ['ADMIN', 'STAFF', 'VIEWER'];
const LANGUAGES = ['fr', 'nl', 'en'] as const;

/**
 * Paramètres › Utilisateurs: the firm's users, a new one with a role (and a first password to hand over), a role
 * change, deactivation. An admin's own row stays as it is (the server refuses self-demotion), and the server keeps
 * at least one active admin (`user.last_admin`).
 */
export function UserAdmin({ currentUserId }: { currentUserId?: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const users = useUsers();
  const create = useCreateUser();
  const update = useUpdateUser();
  const empty = { name: '', email: '', password: '', role: 'STAFF' as Role, language: 'fr' };
  const [draft, setDraft] = useState(empty);
  const roleChoices = ROLES.map((r) => ({ value: r, label: t(`auth.role.${r}`) }));
  const fieldError = (name: string) => (create.error ? errorText.field(create.error, name) : undefined);
  const failure = [users.error, update.error].find(Boolean);

  return (
    <Stack gap="md">
      <Title order={3}>{t('settings.users')}</Title>
      <Table withTableBorder verticalSpacing={4} aria-label={t('settings.users')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('settings.userName')}</Table.Th>
            <Table.Th>{t('auth.email')}</Table.Th>
            <Table.Th>{t('settings.role')}</Table.Th>
            <Table.Th>{t('settings.active')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(users.data ?? []).map((u) => {
            const self = u.id === currentUserId;
            return (
              <Table.Tr key={u.id}>
                <Table.Td>
                  <Group gap="xs">
                    <Text size="sm">{u.name}</Text>
                    {self && <Badge variant="light">{t('settings.you')}</Badge>}
                    {!u.active && <Badge color="gray">{t('settings.inactive')}</Badge>}
                    {u.peppolDigest && (
                      <Badge variant="outline" title={t('settings.digestOf', { user: u.name })}>
                        {t('settings.digest')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{u.email}</Text>
                </Table.Td>
                <Table.Td>
                  <Select
                    size="xs"
                    aria-label={t('settings.roleOf', { user: u.name })}
                    data={roleChoices}
                    value={u.role}
                    allowDeselect={false}
                    disabled={self}
                    onChange={(v) => v && v !== u.role && update.mutate({ user: u, changes: { role: v as Role } })}
                    w={170}
                  />
                </Table.Td>
                <Table.Td>
                  <Switch
                    aria-label={t('settings.activeOf', { option: u.name })}
                    checked={u.active}
                    disabled={self}
                    onChange={(e) => update.mutate({ user: u, changes: { active: e.currentTarget.checked } })}
                  />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <ErrorAlert error={failure} />

      <Title order={4}>{t('settings.newUser')}</Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(
            { ...draft, name: draft.name.trim(), email: draft.email.trim() },
            { onSuccess: () => setDraft(empty) },
          );
        }}
      >
        <Stack gap="xs" maw={720}>
          <Group grow align="flex-start">
            <TextInput label={t('settings.userName')} required value={draft.name} error={fieldError('name')} onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })} />
            <TextInput label={t('auth.email')} type="email" required value={draft.email} error={fieldError('email')} onChange={(e) => setDraft({ ...draft, email: e.currentTarget.value })} />
          </Group>
          <Group grow align="flex-start">
            <PasswordInput
              label={t('settings.firstPassword')}
              description={t('settings.firstPasswordHint')}
              required
              value={draft.password}
              error={fieldError('password')}
              onChange={(e) => setDraft({ ...draft, password: e.currentTarget.value })}
            />
            <Select label={t('settings.role')} data={roleChoices} value={draft.role} allowDeselect={false} onChange={(v) => v && setDraft({ ...draft, role: v as Role })} />
            <Select
              label={t('language.label')}
              data={LANGUAGES.map((l) => ({ value: l, label: t(`language.${l}`) }))}
              value={draft.language}
              allowDeselect={false}
              onChange={(v) => v && setDraft({ ...draft, language: v })}
            />
          </Group>
          <ErrorAlert error={!fieldError('name') && !fieldError('email') && !fieldError('password') && create.error} />
          <Group>
            <Button type="submit" loading={create.isPending} disabled={!draft.name.trim() || !draft.email.trim() || !draft.password}>
              {t('settings.createUser')}
            </Button>
            {create.isSuccess && (
              // an Alert's dark text on light green: a green text on white is below the 4.5:1 contrast (axe)
              <Alert color="green" role="status" py={6}>
                {t('settings.userCreated', { name: create.data.name })}
              </Alert>
            )}
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
