import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ClientPage } from '@/lib/api-types';
import { aClient, aUser, categories } from '@/testing/fixtures';
import { fakeApi } from '@/testing/fake-api';
import { renderRoutes } from '@/testing/render';
import { ClientsListRoute } from './clients-list';

function setup() {
  const api = fakeApi({
    'GET /api/auth/me': () => aUser(),
    'GET /api/custom-field-categories': () => categories,
    'GET /api/clients': (call) => ({ items: [aClient()], page: Number(call.search.get('page')), size: Number(call.search.get('size')), total: 120 }) satisfies ClientPage,
  });
  renderRoutes([{ path: '/clients', element: <ClientsListRoute /> }], '/clients');
  return api;
}

describe('client list', () => {
  it('asks the server for the first page sorted by name and shows only the list categories', async () => {
    const api = setup();
    expect(await screen.findByText('Boulangerie Dupont SRL')).toBeTruthy();
    expect(screen.getByText('120 clients')).toBeTruthy();
    const [first] = api.find('GET', '/api/clients');
    expect(Object.fromEntries(first.search)).toEqual({ page: '0', size: '50', sort: 'name' });
    expect(screen.getByRole('columnheader', { name: /Logiciel pour la réception PEPPOL/ })).toBeTruthy();
    expect(screen.queryByRole('columnheader', { name: /Mandat/ })).toBeNull();
  });

  it('filters by name with an RSQL like filter, and pages and sorts on the server', async () => {
    const api = setup();
    const user = userEvent.setup();
    await screen.findByText('Boulangerie Dupont SRL');
    await user.type(screen.getByRole('textbox', { name: 'Rechercher par nom' }), 'dupont sa');
    await waitFor(() => expect(api.find('GET', '/api/clients').some((c) => c.search.get('filter') === 'name=like="*dupont sa*"')).toBe(true));

    await user.click(screen.getByRole('button', { name: '2' }));
    await waitFor(() => expect(api.find('GET', '/api/clients').some((c) => c.search.get('page') === '1')).toBe(true));

    await user.click(screen.getByRole('button', { name: /« PEPPOL ready » \?/ }));
    await waitFor(() =>
      expect(api.find('GET', '/api/clients').at(-1)!.search.get('sort')).toBe('cf.peppol_ready'),
    );
    // a new sort starts again at the first page, keeping the filter
    expect(api.find('GET', '/api/clients').at(-1)!.search.get('page')).toBe('0');
    expect(api.find('GET', '/api/clients').at(-1)!.search.get('filter')).toBe('name=like="*dupont sa*"');
  });

  it('narrows the list with the Peppol quick filters', async () => {
    const api = setup();
    const user = userEvent.setup();
    await screen.findByText('Boulangerie Dupont SRL');
    await user.click(screen.getByRole('combobox', { name: 'Enregistré sur PEPPOL' }));
    await user.click(await screen.findByRole('option', { name: 'Non enregistrés' }));
    await user.click(screen.getByRole('combobox', { name: '« PEPPOL ready »' }));
    await user.click(await screen.findByRole('option', { name: 'Non' }));
    await waitFor(() =>
      expect(api.find('GET', '/api/clients').at(-1)!.search.get('filter')).toBe('cf.peppol_ready==false;cf.peppol_registered=empty=true'),
    );
  });
});
