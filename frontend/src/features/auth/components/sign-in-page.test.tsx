import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { api } from '@/lib/api-client';
import { aUser } from '@/testing/fixtures';
import { fakeApi, problem } from '@/testing/fake-api';
import { renderRoutes } from '@/testing/render';
import { RequireAuth } from './require-auth';
import { SignInPage } from './sign-in-page';

const routes = [
  { path: '/sign-in', element: <SignInPage /> },
  { path: '/clients', element: <RequireAuth><p>the client list</p></RequireAuth> },
];

describe('sign-in', () => {
  it('sends an anonymous visitor to the sign-in page, then back where they were going', async () => {
    let signedIn = false;
    const api = fakeApi({
      'GET /api/auth/me': () => (signedIn ? aUser() : problem(401, 'Not authenticated')),
      'POST /api/auth/login': () => {
        signedIn = true;
        return aUser();
      },
    });
    renderRoutes(routes, '/clients');
    const user = userEvent.setup();
    await user.type(await screen.findByRole('textbox', { name: 'Adresse e-mail' }), 'staff@firm.be');
    await user.type(screen.getByLabelText(/Mot de passe/), 'correct horse');
    await user.click(screen.getByRole('button', { name: 'Se connecter' }));
    expect(await screen.findByText('the client list')).toBeInTheDocument();
    expect(api.find('POST', '/api/auth/login')[0].body).toEqual({ email: 'staff@firm.be', password: 'correct horse' });
  });

  it('shows why the sign-in failed', async () => {
    fakeApi({
      'GET /api/auth/me': () => problem(401, 'Not authenticated'),
      // the backend's English words; the page shows the code's French text
      'POST /api/auth/login': () =>
        problem(401, 'Wrong email or password', [{ field: 'password', code: 'auth.wrong_credentials', message: 'Wrong email or password' }]),
    });
    renderRoutes(routes, '/sign-in');
    const user = userEvent.setup();
    await user.type(await screen.findByRole('textbox', { name: 'Adresse e-mail' }), 'x@firm.be');
    await user.type(screen.getByLabelText(/Mot de passe/), 'wrong-password');
    await user.click(screen.getByRole('button', { name: 'Se connecter' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Mot de passe : Adresse e-mail ou mot de passe incorrect.');
    expect(screen.getByRole('alert')).not.toHaveTextContent('Wrong');
  });
});

describe('expired session', () => {
  it('returns to the sign-in page with an explanation when the API answers 401 mid-session', async () => {
    let sessionValid = true;
    fakeApi({
      'GET /api/auth/me': () => (sessionValid ? aUser() : problem(401, 'Not authenticated')),
      'GET /api/users': () => problem(401, 'Not authenticated'),
    });
    renderRoutes(routes, '/clients');
    expect(await screen.findByText('the client list')).toBeInTheDocument();
    sessionValid = false;
    await api.GET('/api/users').catch(() => undefined);
    expect(await screen.findByText('Votre session a expiré. Veuillez vous reconnecter.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Se connecter' })).toBeInTheDocument();
  });
});
