import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { MantineProvider } from '@mantine/core';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { I18nextProvider, useTranslation } from 'react-i18next';
import i18n, { isLanguage, storedLanguage } from '@/i18n';
import { setUnauthorizedHandler } from '@/lib/api-client';
import { createQueryClient } from '@/lib/query-client';
import { markSessionExpired, meQuery } from '@/features/auth/api/auth';
import { cssVariablesResolver, themeFor } from './theme';

export function AppProvider({
  children,
  queryClient: given,
  mantineEnv = 'default',
}: {
  children: ReactNode;
  queryClient?: QueryClient;
  /** 'test' renders Mantine without transitions (jsdom runs none). */
  mantineEnv?: 'default' | 'test';
}) {
  const [queryClient] = useState(() => given ?? createQueryClient());
  const { t } = useTranslation();
  const closeLabel = t('common.close');
  const theme = useMemo(() => themeFor(closeLabel), [closeLabel]);

  useEffect(() => {
    // An expired session anywhere: forget the user, which sends the app to the sign-in page.
    setUnauthorizedHandler(() => {
      if (!queryClient.getQueryData(meQuery.queryKey)) return;
      markSessionExpired();
      void queryClient.cancelQueries();
      queryClient.setQueryData(meQuery.queryKey, null);
    });
    // The profile's language applies unless the user picked one in this browser.
    const unsubscribe = queryClient.getQueryCache().subscribe((event) => {
      if (event.query.queryKey[0] === 'auth' && event.type === 'updated') {
        const me = event.query.state.data as { language?: string } | null | undefined;
        if (me && isLanguage(me.language) && !storedLanguage() && i18n.resolvedLanguage !== me.language) {
          void i18n.changeLanguage(me.language);
        }
      }
    });
    return () => {
      setUnauthorizedHandler(undefined);
      unsubscribe();
    };
  }, [queryClient]);

  return (
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme} env={mantineEnv} cssVariablesResolver={cssVariablesResolver}>
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </MantineProvider>
    </I18nextProvider>
  );
}
