import { useState } from 'react';
import { Alert, Button, Checkbox, Code, CopyButton, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@/lib/field-format';
import { currentLanguage } from '@/i18n';
import { useApiTokens, useCreateToken, useRevokeToken, type CreatedToken } from '../api/settings';
import { ErrorAlert } from '@/components/error-alert';

const SCOPES = ['read', 'write', 'admin'] as const;

/** API tokens for integrators and scripts: create (the secret is shown once, with a copy button), last use, revoke. */
export function ApiTokens() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const tokens = useApiTokens();
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(['read']);
  const [created, setCreated] = useState<CreatedToken | undefined>();

  return (
    <Stack gap="md">
      <Title order={3}>{t('settings.tokens')}</Title>
      {created && (
        <Alert color="green" role="status" title={t('settings.tokenCreated', { name: created.name })}>
          <Stack gap="xs">
            <Text size="sm">{t('settings.tokenOnce')}</Text>
            <Group gap="xs">
              <Code aria-label={t('settings.tokenSecret')}>{created.token}</Code>
              <CopyButton value={created.token}>
                {({ copied, copy }) => (
                  <Button size="xs" variant="default" onClick={copy}>
                    {copied ? t('settings.copied') : t('settings.copy')}
                  </Button>
                )}
              </CopyButton>
              <Button size="xs" variant="subtle" onClick={() => setCreated(undefined)}>
                {t('settings.tokenStored')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      <Group align="flex-end">
        <TextInput label={t('settings.tokenName')} value={name} onChange={(e) => setName(e.currentTarget.value)} required />
        <Checkbox.Group label={t('settings.scopes')} value={scopes} onChange={setScopes}>
          <Group gap="sm" mt={6}>
            {SCOPES.map((s) => (
              <Checkbox key={s} value={s} label={t(`settings.scope.${s}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <Button
          disabled={!name.trim() || !scopes.length}
          loading={create.isPending}
          onClick={() =>
            create.mutate(
              { name: name.trim(), scopes },
              {
                onSuccess: (token) => {
                  setCreated(token);
                  setName('');
                },
              },
            )
          }
        >
          {t('settings.createToken')}
        </Button>
      </Group>
      <ErrorAlert error={create.error ?? revoke.error ?? tokens.error} />
      <Table withTableBorder aria-label={t('settings.tokens')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('settings.tokenName')}</Table.Th>
            <Table.Th>{t('settings.scopes')}</Table.Th>
            <Table.Th>{t('settings.tokenPrefix')}</Table.Th>
            <Table.Th>{t('settings.createdAt')}</Table.Th>
            <Table.Th>{t('settings.lastUsed')}</Table.Th>
            <Table.Th>{t('settings.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(tokens.data ?? []).map((token) => (
            <Table.Tr key={token.id}>
              <Table.Td>{token.name}</Table.Td>
              <Table.Td>{token.scopes.map((s) => t(`settings.scope.${s}`, { defaultValue: s })).join(', ')}</Table.Td>
              <Table.Td>
                <Code>{token.prefix}…</Code>
              </Table.Td>
              <Table.Td>{formatDateTime(token.createdAt, lang)}</Table.Td>
              <Table.Td>{token.lastUsedAt ? formatDateTime(String(token.lastUsedAt), lang) : t('settings.neverUsed')}</Table.Td>
              <Table.Td>
                {token.revokedAt ? (
                  <Text size="sm">{t('settings.revokedOn', { date: formatDateTime(String(token.revokedAt), lang) })}</Text>
                ) : (
                  <Button size="xs" variant="default" color="red" loading={revoke.isPending && revoke.variables === token.id} onClick={() => revoke.mutate(token.id)}>
                    {t('settings.revoke')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
