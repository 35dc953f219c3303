import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { User } from '../api/settings';
import { fakeApi, problem } from '@/testing/fake-api';
import { aUser } from '@/testing/fixtures';
import { renderWithProviders } from '@/testing/render';
import { UserAdmin } from './user-admin';

const admin = aUser({ id: 'u-admin', name: 'Sophie Lambert', email: 'sophie@firm.be', role: 'ADMIN', permissions: ['read', 'write', 'admin'] });
const user = (id: string, name: string, role: User['role'], extra: Partial<User> = {}): User => ({
  id, name, email: `${id}@firm.be`, role, language: 'fr', active: true, peppolDigest: false, version: 3, createdAt: '2026-11-01T08:00:00Z', ...extra,
});
const users = [user('u-admin', 'Sophie Lambert', 'ADMIN'), user('u-jan', 'Jan Peeters', 'STAFF', { peppolDigest: true }), user('u-lea', 'Léa Martin', 'VIEWER')];

describe('Paramètres › Utilisateurs', () => {
  it('lists the users with their roles; the admin’s own row cannot be demoted or deactivated', async () => {
    fakeApi({ 'GET /api/users': () => users });
    renderWithProviders(<UserAdmin currentUserId={admin.id} />);
    const table = await screen.findByRole('table', { name: 'Utilisateurs' });
    const jan = await within(table).findByRole('row', { name: /Jan Peeters/ });
    expect(within(jan).getByRole('combobox', { name: 'Rôle de Jan Peeters' })).toHaveValue('Collaborateur');
    expect(within(jan).getByRole('switch', { name: '« Jan Peeters » actif' })).toBeChecked();
    expect(within(jan).getByTitle('« Jan Peeters » reçoit le résumé Peppol du matin')).toHaveTextContent('Résumé du matin');
    expect(within(table).getByRole('row', { name: /Léa Martin/ })).not.toHaveTextContent('Résumé du matin');
    const self = within(table).getByRole('row', { name: /Sophie Lambert/ });
    expect(within(self).getByText('Vous')).toBeInTheDocument();
    await waitFor(() => expect(within(self).getByRole('combobox', { name: 'Rôle de Sophie Lambert' })).toBeDisabled());
    expect(within(self).getByRole('switch', { name: '« Sophie Lambert » actif' })).toBeDisabled();
  });

  it('creates a user with a role, a first password and a language', async () => {
    const api = fakeApi({
      'GET /api/users': () => users,
      'POST /api/users': ({ body }) => user('u-new', body.name, body.role, { email: body.email, language: body.language ?? 'fr', version: 0 }),
    });
    renderWithProviders(<UserAdmin currentUserId={admin.id} />);
    const u = userEvent.setup();
    await screen.findByRole('row', { name: /Jan Peeters/ });
    await u.type(screen.getByRole('textbox', { name: 'Nom' }), '  Marc Dubois ');
    await u.type(screen.getByRole('textbox', { name: 'Adresse e-mail' }), 'marc@firm.be');
    await u.type(screen.getByLabelText(/Mot de passe initial/), 'premier-mot-de-passe');
    await u.click(screen.getByRole('combobox', { name: 'Rôle' }));
    await u.click(await screen.findByRole('option', { name: 'Lecture seule' }));
    await u.click(screen.getByRole('combobox', { name: 'Langue' }));
    await u.click(await screen.findByRole('option', { name: 'Nederlands' }));
    await u.click(screen.getByRole('button', { name: 'Créer l’utilisateur' }));
    await waitFor(() => expect(api.find('POST', '/api/users')).toHaveLength(1));
    expect(api.find('POST', '/api/users')[0].body).toEqual({ name: 'Marc Dubois', email: 'marc@firm.be', password: 'premier-mot-de-passe', role: 'VIEWER', language: 'nl' });
    expect(await screen.findByRole('status')).toHaveTextContent('Utilisateur « Marc Dubois » créé.');
    expect(screen.getByRole('textbox', { name: 'Nom' })).toHaveValue('');
  });

  it('shows a refused creation next to the field, in French', async () => {
    fakeApi({
      'GET /api/users': () => users,
      'POST /api/users': () => problem(409, 'A user with this email already exists', [{ field: 'email', code: 'email.taken' }]),
    });
    renderWithProviders(<UserAdmin currentUserId={admin.id} />);
    const u = userEvent.setup();
    await u.type(screen.getByRole('textbox', { name: 'Nom' }), 'Jan');
    await u.type(screen.getByRole('textbox', { name: 'Adresse e-mail' }), 'u-jan@firm.be');
    await u.type(screen.getByLabelText(/Mot de passe initial/), 'premier-mot-de-passe');
    await u.click(screen.getByRole('button', { name: 'Créer l’utilisateur' }));
    expect(await screen.findByText('Un utilisateur a déjà cette adresse e-mail.')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Adresse e-mail' })).toHaveAccessibleDescription(/Un utilisateur a déjà cette adresse e-mail/);
  });

  it('changes a role and deactivates a user with If-Match, and says why the last admin stays', async () => {
    const api = fakeApi({
      'GET /api/users': () => users,
      'PATCH /api/users/{id}': ({ params, body }) =>
        body.active === false && params.id === 'u-jan'
          ? problem(409, 'The last active admin cannot be demoted or deactivated', [{ field: 'active', code: 'user.last_admin' }])
          : { ...users.find((x) => x.id === params.id)!, role: body.role ?? 'STAFF', version: 4 },
    });
    renderWithProviders(<UserAdmin currentUserId={admin.id} />);
    const u = userEvent.setup();
    const lea = await screen.findByRole('row', { name: /Léa Martin/ });
    await u.click(within(lea).getByRole('combobox', { name: 'Rôle de Léa Martin' }));
    await u.click(await screen.findByRole('option', { name: 'Administrateur' }));
    await waitFor(() => expect(api.find('PATCH', '/api/users/u-lea')).toHaveLength(1));
    expect(api.find('PATCH', '/api/users/u-lea')[0].body).toEqual({ role: 'ADMIN' });
    expect(api.find('PATCH', '/api/users/u-lea')[0].headers.get('If-Match')).toBe('"3"');

    await u.click(screen.getByRole('switch', { name: '« Jan Peeters » actif' }));
    await waitFor(() => expect(api.find('PATCH', '/api/users/u-jan')).toHaveLength(1));
    expect(api.find('PATCH', '/api/users/u-jan')[0].body).toEqual({ active: false });
    // the field's label, then the reason, each colon after a narrow no-break space (French typography)
    expect((await screen.findByRole('alert')).textContent).toBe('Actif\u202f: Il faut au moins un administrateur actif\u202f: nommez-en d’abord un autre.');
  });
});
