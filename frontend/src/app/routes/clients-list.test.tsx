import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import type { ClientPage, ControlView } from '@/lib/api-types';
import { aClient, aUser, aView, categories } from '@/testing/fixtures';
import { fakeApi, noContent, problem, type RecordedCall, type Routes } from '@/testing/fake-api';
import { renderRoutes } from '@/testing/render';
import { ClientsListRoute } from './clients-list';

const peppolView: ControlView = aView({
  id: '44444444-4444-4444-4444-444444444444',
  name: 'Suivi PEPPOL',
  filter: 'cf.peppol_ready==false,cf.peppol_registered=empty=true',
  sort: '-name',
  columns: ['name', 'vatNumber', 'cf.peppol_ready', 'lastInfoEmailAt', 'cf.gone_field'],
  shared: true,
  standard: true,
});
const myView: ControlView = aView({ id: '55555555-5555-5555-5555-555555555555', name: 'Mes clients', filter: '', sort: 'name', columns: [], shared: false, standard: false });

function setup(extra: Routes = {}, url = '/clients') {
  const api = fakeApi({
    'GET /api/auth/me': () => aUser(),
    'GET /api/custom-field-categories': () => categories,
    'GET /api/views': () => [peppolView, myView],
    'GET /api/clients': (call) => ({ items: [aClient()], page: Number(call.search.get('page')), size: Number(call.search.get('size')), total: 120 }) satisfies ClientPage,
    ...extra,
  });
  const rendered = renderRoutes([{ path: '/clients', element: <ClientsListRoute /> }], url);
  return { ...api, router: rendered.router };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('client list', () => {
  it('asks the server for the first page sorted by name and shows only the list categories', async () => {
    const api = setup();
    expect(await screen.findByText('Boulangerie Dupont SRL')).toBeInTheDocument();
    expect(screen.getByText('120 clients')).toBeInTheDocument();
    const [first] = api.find('GET', '/api/clients');
    expect(Object.fromEntries(first.search)).toEqual({ page: '0', size: '50', sort: 'name' });
    expect(screen.getByRole('columnheader', { name: /Logiciel pour la réception PEPPOL/ })).toBeInTheDocument();
    expect(screen.queryByRole('columnheader', { name: /Mandat/ })).not.toBeInTheDocument();
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

  it("shows when the last info email was sent, and its status, in the view's column", async () => {
    const informed = aClient({ lastInfoEmail: { status: 'SENT', at: '2026-11-30T09:15:00Z' } });
    setup({ 'GET /api/clients': () => ({ items: [informed], page: 0, size: 50, total: 1 }) satisfies ClientPage }, `/clients?view=${peppolView.id}`);
    const row = await screen.findByRole('row', { name: /Boulangerie Dupont SRL/ });
    await waitFor(() => expect(within(row).getAllByRole('cell')).toHaveLength(6));
    const cell = within(row).getAllByRole('cell')[4];
    expect(cell).toHaveTextContent('Envoyé');
    expect(cell).toHaveTextContent('30 nov. 2026');
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

  it('applies the chosen control view: its filter, sort and columns, kept in the URL', async () => {
    const api = setup();
    const user = userEvent.setup();
    await screen.findByText('Boulangerie Dupont SRL');
    await user.click(screen.getByRole('combobox', { name: 'Affichage de contrôle' }));
    await user.click(await screen.findByRole('option', { name: 'Suivi PEPPOL' }));
    await waitFor(() => expect(api.find('GET', '/api/clients').at(-1)!.search.get('filter')).toBe(peppolView.filter));
    expect(api.find('GET', '/api/clients').at(-1)!.search.get('sort')).toBe('-name');
    expect(api.router.state.location.search).toContain(`view=${peppolView.id}`);
    await waitFor(() =>
      expect(screen.getAllByRole('columnheader').map((h) => h.textContent?.replace(/[▲▼↕]/g, '').trim())).toEqual([
        '',
        'Nom',
        'N° de TVA',
        '« PEPPOL ready » ?',
        "Dernier e-mail d'information",
        'cf.gone_field',
      ]),
    );
    const row = screen.getByRole('row', { name: /Boulangerie Dupont SRL/ });
    // ready = yes; the last info email and the unknown field are empty
    expect(within(row).getAllByRole('cell').map((c) => c.textContent)).toEqual(['', 'Boulangerie Dupont SRLC-001', 'BE0123456749', 'Oui', '—', '—']);

    // the quick filters narrow the view's filter, both required
    await user.click(screen.getByRole('combobox', { name: 'Enregistré sur PEPPOL' }));
    await user.click(await screen.findByRole('option', { name: 'Enregistrés' }));
    const combined = `(${peppolView.filter});cf.peppol_registered=empty=false`;
    await waitFor(() => expect(api.find('GET', '/api/clients').at(-1)!.search.get('filter')).toBe(combined));

    // the CSV export carries the same filter, sort and columns
    const href = screen.getByRole('link', { name: 'Exporter CSV' }).getAttribute('href')!;
    const exported = new URL(href, 'http://localhost');
    expect(exported.pathname).toBe('/api/clients/export');
    expect(exported.searchParams.get('filter')).toBe(combined);
    expect(exported.searchParams.get('sort')).toBe('-name');
    expect(exported.searchParams.get('columns')).toBe(peppolView.columns!.join(','));
  });

  it('opens on the view named in the URL and saves the current list as a new view', async () => {
    const created: unknown[] = [];
    const api = setup(
      {
        'POST /api/views': (call) => {
          created.push(call.body);
          // openapi.yaml declares no body for this 201, but the backend answers with the saved view.
          return HttpResponse.json({ id: '66666666-6666-6666-6666-666666666666', ...call.body }, { status: 201 });
        },
      },
      `/clients?view=${peppolView.id}`,
    );
    const user = userEvent.setup();
    await screen.findByText('Boulangerie Dupont SRL');
    // no request without the view's filter
    expect(api.find('GET', '/api/clients').every((c) => c.search.get('filter') === peppolView.filter)).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Enregistrer comme affichage' }));
    const dialog = await screen.findByRole('dialog', { name: 'Enregistrer comme affichage' });
    await user.type(within(dialog).getByRole('textbox', { name: /Nom de l'affichage/ }), 'À relancer');
    await user.click(within(dialog).getByRole('checkbox', { name: 'Partager avec le cabinet' }));
    await user.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(created).toHaveLength(1));
    expect(created[0]).toEqual({ name: 'À relancer', shared: true, filter: peppolView.filter, sort: '-name', columns: peppolView.columns });
    await waitFor(() => expect(api.router.state.location.search).toContain('view=66666666-6666-6666-6666-666666666666'));
  });

  it('bulk-edits the selected rows: preview, then apply with an Idempotency-Key, and tells how many changed', async () => {
    const edits: RecordedCall[] = [];
    const api = setup({
      'POST /api/clients/bulk-edit': (call) => {
        edits.push(call);
        const dryRun = call.body.dryRun;
        return { id: dryRun ? null : '77777777-7777-7777-7777-777777777777', matched: 1, changed: 1, dryRun: dryRun ?? false };
      },
    });
    const user = userEvent.setup();
    await screen.findByText('Boulangerie Dupont SRL');
    expect(screen.getByRole('button', { name: /Actions/ })).toBeDisabled();
    await user.click(screen.getByRole('checkbox', { name: 'Sélectionner Boulangerie Dupont SRL' }));
    expect(screen.getByText('1 client sélectionné')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /Actions/ }));
    await user.click(await screen.findByRole('menuitem', { name: 'Modifier en masse…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Modification en masse' });
    expect(within(dialog).getByRole('button', { name: 'Appliquer' })).toBeDisabled();
    await user.click(within(dialog).getByRole('combobox', { name: 'Champs à modifier' }));
    // only fields that may be bulk-edited are offered: not system, document or multi select, nor hidden categories
    expect(screen.queryByRole('option', { name: 'Enregistré sur PEPPOL' })).not.toBeInTheDocument();
    expect(screen.queryByRole('option', { name: 'Services' })).not.toBeInTheDocument();
    await user.click(await screen.findByRole('option', { name: '« PEPPOL ready » ?' }));
    await user.click(within(dialog).getByRole('radio', { name: 'Non' }));
    await user.click(within(dialog).getByRole('button', { name: 'Aperçu' }));
    await within(dialog).findByText('1 client(s) sélectionné(s), 1 seront modifié(s).');
    expect(edits[0].body).toEqual({ selection: { ids: [aClient().id] }, changes: { 'cf.peppol_ready': false }, dryRun: true });

    const listCalls = api.find('GET', '/api/clients').length;
    await user.click(within(dialog).getByRole('button', { name: 'Appliquer' }));
    await screen.findByText('1 client modifié.');
    expect(edits[1].body).toEqual({ selection: { ids: [aClient().id] }, changes: { 'cf.peppol_ready': false }, dryRun: false });
    expect(edits[1].headers.get('Idempotency-Key')).toMatch(UUID);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    await waitFor(() => expect(api.find('GET', '/api/clients').length).toBeGreaterThan(listCalls));
  });

  it('shows a 422 next to the field it names, and sends the filter when all matching clients are selected', async () => {
    const edits: RecordedCall[] = [];
    setup({
      'POST /api/clients/bulk-edit': (call) => {
        edits.push(call);
        if (call.body.dryRun) return { id: null, matched: 120, changed: 80, dryRun: true };
        return problem(422, "'gone' is not an option of 'peppol_software_receive'", [
          { field: 'changes.cf.peppol_software_receive', code: 'option.unknown', message: "'gone' is not an option", params: { option: 'gone', field: 'peppol_software_receive' } },
        ]);
      },
    });
    const user = userEvent.setup();
    await screen.findByText('Boulangerie Dupont SRL');
    await user.click(screen.getByRole('checkbox', { name: 'Sélectionner la page' }));
    await user.click(screen.getByRole('button', { name: 'Sélectionner les 120 clients correspondant au filtre' }));
    expect(screen.getByText('Les 120 clients correspondant au filtre sont sélectionnés')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /Actions/ }));
    await user.click(await screen.findByRole('menuitem', { name: 'Modifier en masse…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Modification en masse' });
    await user.click(within(dialog).getByRole('combobox', { name: 'Champs à modifier' }));
    await user.click(await screen.findByRole('option', { name: 'Logiciel pour la réception PEPPOL' }));
    await user.click(within(dialog).getByRole('combobox', { name: 'Logiciel pour la réception PEPPOL' }));
    await user.click(await screen.findByRole('option', { name: 'Exact Online' }));
    await user.click(within(dialog).getByRole('button', { name: 'Aperçu' }));
    await within(dialog).findByText('120 client(s) sélectionné(s), 80 seront modifié(s).');
    expect(edits[0].body).toEqual({ selection: { filter: '' }, changes: { 'cf.peppol_software_receive': 'exact' }, dryRun: true });
    await user.click(within(dialog).getByRole('button', { name: 'Appliquer' }));
    const message = await within(dialog).findByText('« gone » ne fait pas partie des choix de ce champ.');
    const input = within(dialog).getByRole('combobox', { name: 'Logiciel pour la réception PEPPOL' });
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAttribute('aria-describedby', expect.stringContaining(message.id));
    expect(screen.getByRole('dialog', { name: 'Modification en masse' })).toBeInTheDocument();
  });

  it('refreshes the Peppol status of the selection and shows the run until it is done', async () => {
    let polls = 0;
    const started: RecordedCall[] = [];
    setup({
      'POST /api/peppol/refresh-runs': (call) => {
        started.push(call);
        return { id: '88888888-8888-8888-8888-888888888888', kind: 'MANUAL', notRegistered: 0, hermesOnly: 0, noIdentifier: 0, heldDowngrades: 0, status: 'QUEUED', total: 1, done: 0, registered: 0, failed: 0 };
      },
      'GET /api/peppol/refresh-runs/{id}': ({ params }) =>
        params.id !== '88888888-8888-8888-8888-888888888888'
          ? problem(404, `No run ${params.id}`)
          : ++polls < 2
          ? { id: '88888888-8888-8888-8888-888888888888', kind: 'MANUAL', notRegistered: 0, hermesOnly: 0, noIdentifier: 0, heldDowngrades: 0, status: 'RUNNING', total: 1, done: 0, registered: 0, failed: 0 }
          : { id: '88888888-8888-8888-8888-888888888888', kind: 'MANUAL', notRegistered: 0, hermesOnly: 0, noIdentifier: 0, heldDowngrades: 0, status: 'DONE', total: 1, done: 1, registered: 1, failed: 0 },
    });
    const user = userEvent.setup();
    await screen.findByText('Boulangerie Dupont SRL');
    await user.click(screen.getByRole('checkbox', { name: 'Sélectionner Boulangerie Dupont SRL' }));
    await user.click(screen.getByRole('button', { name: /Actions/ }));
    await user.click(await screen.findByRole('menuitem', { name: 'Actualiser le statut Peppol' }));
    await waitFor(() => expect(started).toHaveLength(1));
    expect(started[0].body).toEqual({ selection: { ids: [aClient().id] } });
    const progress = await screen.findByRole('status', { name: 'Actualisation du statut Peppol' });
    await within(progress).findByText('Terminé', {}, { timeout: 4000 });
    expect(within(progress).getByText('1 / 1 clients vérifiés')).toBeInTheDocument();
    expect(within(progress).getByText('Enregistrés : 1')).toBeInTheDocument();
  });

  it('offers neither selection nor actions to a read-only user, but still the export', async () => {
    fakeApi({
      'GET /api/auth/me': () => aUser({ role: 'VIEWER', permissions: ['read'] }),
      'GET /api/custom-field-categories': () => categories,
      'GET /api/views': () => [peppolView],
      'GET /api/clients': () => ({ items: [aClient()], page: 0, size: 50, total: 1 }),
    });
    renderRoutes([{ path: '/clients', element: <ClientsListRoute /> }], '/clients');
    await screen.findByText('Boulangerie Dupont SRL');
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Actions/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Enregistrer comme affichage' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Exporter CSV' })).toHaveAttribute('href', '/api/clients/export?excel=true&sort=name&columns=name%2CenterpriseNumber%2CvatNumber%2Ccf.peppol_registered%2Ccf.peppol_software_receive%2Ccf.peppol_software_send%2Ccf.peppol_ready%2Ccf.peppol_comments');
  });

  it('deletes a personal view and goes back to the plain list; shared standard views cannot be deleted', async () => {
    const deleted: string[] = [];
    const api = setup(
      {
        'DELETE /api/views/{id}': (call) => {
          if (call.params.id !== myView.id) return problem(404, `No view ${call.params.id}`);
          deleted.push(call.path);
          return noContent();
        },
      },
      `/clients?view=${myView.id}`,
    );
    const user = userEvent.setup();
    await screen.findByText('Boulangerie Dupont SRL');
    vi.stubGlobal('confirm', () => true);
    await user.click(screen.getByRole('button', { name: "Supprimer l'affichage" }));
    await waitFor(() => expect(deleted).toHaveLength(1));
    await waitFor(() => expect(api.router.state.location.search).not.toContain('view='));

    await user.click(screen.getByRole('combobox', { name: 'Affichage de contrôle' }));
    await user.click(await screen.findByRole('option', { name: 'Suivi PEPPOL' }));
    await waitFor(() => expect(api.router.state.location.search).toContain(`view=${peppolView.id}`));
    expect(screen.queryByRole('button', { name: "Supprimer l'affichage" })).not.toBeInTheDocument();
  });
});
