import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AppLayout } from './layout';
import { fakeApi } from '@/testing/fake-api';
import { aUser } from '@/testing/fixtures';
import { renderRoutes } from '@/testing/render';
import { meQuery } from '@/features/auth/api/auth';
import i18n from '@/i18n';

describe('app layout', () => {
  afterEach(async () => {
    localStorage.clear();
    await i18n.changeLanguage('fr');
  });

  it('saves the language chosen in the switcher on the signed-in user profile', async () => {
    const me = aUser({ language: 'fr' });
    const api = fakeApi({
      'PATCH /api/auth/me': (call) => ({ ...me, language: call.body.language ?? me.language }),
    });
    const { queryClient } = renderRoutes([{ path: '/', element: <AppLayout />, children: [{ index: true, element: <p>home</p> }] }], '/');
    queryClient.setQueryData(meQuery.queryKey, me);

    await userEvent.click(await screen.findByText('NL'));

    await waitFor(() => expect(api.find('PATCH', '/api/auth/me')).toHaveLength(1));
    expect(api.find('PATCH', '/api/auth/me')[0].body).toEqual({ language: 'nl' });
    expect(i18n.resolvedLanguage).toBe('nl');
    await waitFor(() => expect(queryClient.getQueryData(meQuery.queryKey)).toMatchObject({ language: 'nl' }));
  });

  it('turns the morning digest on from the user’s own preferences, saved on their profile', async () => {
    const me = aUser({ name: 'Anne Staff', peppolDigest: false });
    const api = fakeApi({
      'PATCH /api/auth/me': (call) => ({ ...me, peppolDigest: call.body.peppolDigest ?? me.peppolDigest }),
    });
    const { queryClient } = renderRoutes([{ path: '/', element: <AppLayout />, children: [{ index: true, element: <p>home</p> }] }], '/');
    queryClient.setQueryData(meQuery.queryKey, me);

    await userEvent.click(await screen.findByRole('button', { name: /Anne Staff/ }));
    const digest = await screen.findByRole('switch', { name: /^Résumé Peppol du matin par e-mail/ });
    expect(digest).not.toBeChecked();
    await userEvent.click(digest);

    await waitFor(() => expect(api.find('PATCH', '/api/auth/me')).toHaveLength(1));
    expect(api.find('PATCH', '/api/auth/me')[0].body).toEqual({ peppolDigest: true });
    await waitFor(() => expect(queryClient.getQueryData(meQuery.queryKey)).toMatchObject({ peppolDigest: true }));
    expect(screen.getByRole('switch', { name: /^Résumé Peppol du matin par e-mail/ })).toBeChecked();
  });
});
