import { Popover, Stack, Switch, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '@/hooks/use-error-text';
import { useUpdateMe, type Me } from '../api/auth';

/**
 * The signed-in user's name in the header, opening their own preferences: the morning digest email of the Peppol
 * changes of the clients they are responsible for (off until they turn it on). The language is the header's switcher.
 */
export function ProfileMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const updateMe = useUpdateMe();
  return (
    <Popover position="bottom-end" withArrow shadow="md" width={320}>
      <Popover.Target>
        <UnstyledButton title={t('auth.preferences')}>
          <Stack gap={0} align="flex-end">
            <Text size="sm" fw={500}>
              {me.name || me.email}
            </Text>
            {me.role && (
              <Text size="xs" c="dimmed" visibleFrom="sm">
                {t(`auth.role.${me.role}`)}
              </Text>
            )}
          </Stack>
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="sm">
          <Text size="sm" fw={500}>
            {t('auth.preferences')}
          </Text>
          <Switch
            label={t('auth.digest')}
            description={t('auth.digestHint')}
            checked={me.peppolDigest}
            disabled={updateMe.isPending}
            onChange={(e) => updateMe.mutate({ peppolDigest: e.currentTarget.checked })}
          />
          {updateMe.error ? (
            <Text size="xs" c="red" role="alert">
              {errorText.text(updateMe.error)}
            </Text>
          ) : null}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
