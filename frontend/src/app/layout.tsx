import { AppShell, Burger, Button, Group, NavLink, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { LanguageSwitcher } from '@/components/language-switcher';
import { useLogout, useMe, useUpdateMe } from '@/features/auth/api/auth';
import { ProfileMenu } from '@/features/auth/components/profile-menu';

export function AppLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const me = useMe().data;
  const logout = useLogout();
  const updateMe = useUpdateMe();
  const navigate = useNavigate();
  const { pathname } = useLocation();

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="menu" />
            <Title order={4}>{t('app.title')}</Title>
          </Group>
          <Group gap="md" wrap="nowrap">
            <LanguageSwitcher onChosen={(language) => updateMe.mutate({ language })} />
            {me && <ProfileMenu me={me} />}
            <Button variant="subtle" size="xs" loading={logout.isPending} onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/sign-in') })}>
              {t('auth.signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <NavLink component={Link} to="/clients" label={t('nav.clients')} active={pathname.startsWith('/clients')} onClick={close} />
        <NavLink component={Link} to="/dashboard" label={t('nav.dashboard')} active={pathname.startsWith('/dashboard')} onClick={close} />
        <NavLink component={Link} to="/peppol/runs" label={t('list.runs.nav')} active={pathname.startsWith('/peppol/runs')} onClick={close} />
        <NavLink component={Link} to="/peppol/changes" label={t('nav.changes')} active={pathname.startsWith('/peppol/changes')} onClick={close} />
        <NavLink component={Link} to="/email-sends" label={t('email.sends')} active={pathname.startsWith('/email-sends')} onClick={close} />
        {me?.role === 'ADMIN' && (
          <NavLink component={Link} to="/settings" label={t('settings.title')} active={pathname === '/settings'} onClick={close} />
        )}
        {me?.role === 'ADMIN' && (
          <NavLink component={Link} to="/settings/email-templates" label={t('email.templates')} active={pathname.startsWith('/settings/email-templates')} onClick={close} />
        )}
      </AppShell.Navbar>
      <AppShell.Main bg="gray.0">
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
