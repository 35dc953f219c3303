import { useState, type FormEvent } from 'react';
import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { LanguageSwitcher } from '@/components/language-switcher';
import { useLogin, useMe } from '../api/auth';
import { ErrorAlert } from '@/components/error-alert';

export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const me = useMe();
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const from = (location.state as { from?: string } | null)?.from ?? '/clients';
  const expired = new URLSearchParams(location.search).get('expired') === '1';

  if (me.data) return <Navigate to={from} replace />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate({ email, password }, { onSuccess: () => navigate(from, { replace: true }) });
  };

  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Paper withBorder shadow="sm" p="xl" radius="md" w={400} maw="100%">
        <form onSubmit={submit} noValidate>
          <Stack>
            <div>
              <Title order={2}>{t('app.title')}</Title>
              <Text c="dimmed" size="sm">
                {t('app.subtitle')}
              </Text>
            </div>
            <Title order={3}>{t('auth.signInTitle')}</Title>
            {expired && !login.error && <Alert color="yellow">{t('auth.sessionExpired')}</Alert>}
            <ErrorAlert error={login.error} title={t('auth.failed')} />
            <TextInput
              label={t('auth.email')}
              type="email"
              name="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <PasswordInput
              label={t('auth.password')}
              name="password"
              autoComplete="current-password"
              visibilityToggleButtonProps={{ 'aria-label': t('auth.showPassword') }}
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <Button type="submit" loading={login.isPending} fullWidth>
              {t('auth.signIn')}
            </Button>
            <LanguageSwitcher />
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
