import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import type { EmailSend } from '@/features/email/api/email';
import type { ClientPage, ControlView } from '@/lib/api-types';
import { aClient, aUser, aView, categories } from '@/testing/fixtures';
import { fakeApi, noContent, problem, type RecordedCall, type Routes } from '@/testing/fake-api';
import { renderRoutes } from '@/testing/render';
import { standardFields } from '@/testing/standard-fields';
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
    'GET /api/standard-fields': () => standardFields,
    'GET /api/clients': (call) => ({ items: [aClient()], page: Number(call.search.get('page')), size: Number(call.search.get('size')), total: 120, totalExact: true }) satisfies ClientPage,
    ...extra,
  });
  const rendered = renderRoutes([{ path: '/clients', element: <ClientsListRoute /> }], url);
  return { ...api, router: rendered.router };
}

// The filter builder and column chooser dialogs take many Mantine combobox round trips in jsdom: on the shared 2-core
// machine these tests can need more than the default 30 s. A test timeout only bounds a failure; nothing waits on it.
const HEAVY = { timeout: 120_000 };

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

  it('shows an estimated total as such and gets the exact count on demand', async () => {
    const api = setup({
      'GET /api/clients': (call) =>
        call.search.get('count') === 'exact'
          ? ({ items: [aClient()], page: 0, size: 50, total: 123457, totalExact: true } satisfies ClientPage)
          : ({ items: [aClient()], page: 0, size: 50, total: 120000, totalExact: false } satisfies ClientPage),
    });
    const user = userEvent.setup();
    // French groups thousands with a narrow no-break space, which the text matcher reads as a space
    expect(await screen.findByText('≈ 120 000 clients')).toBeInTheDocument();
    expect(api.find('GET', '/api/clients')[0].search.has('count')).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Compter exactement' }));
    expect(await screen.findByText('123 457 clients')).toBeInTheDocument();
    expect(api.find('GET', '/api/clients').at(-1)!.search.get('count')).toBe('exact');
    expect(screen.queryByRole('button', { name: 'Compter exactement' })).not.toBeInTheDocument();
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
    setup({ 'GET /api/clients': () => ({ items: [informed], page: 0, size: 50, total: 1, totalExact: true }) satisfies ClientPage }, `/clients?view=${peppolView.id}`);
    const row = await screen.findByRole('row', { name: /Boulangerie Dupont SRL/ });
    await waitFor(() => expect(within(row).getAllByRole('cell')).toHaveLength(6));
    const cell = within(row).getAllByRole('cell')[4];
    expect(cell).toHaveTextContent('Envoyé');
    expect(cell).toHaveTextContent('30 nov. 2026');
  });

  it('narrows the list with the filter builder, keeps the filter in the URL and shows it as chips', HEAVY, async () => {
    const api = setup();
    const user = userEvent.setup();
    await screen.findByText('Boulangerie Dupont SRL');
    await user.click(screen.getByRole('button', { name: /Ajouter un filtre/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Ajouter un filtre' });
    await user.click(within(dialog).getByRole('combobox', { name: 'Champ' }));
    await user.click(await screen.findByRole('option', { name: 'Assujetti à la TVA' }));
    await user.click(within(dialog).getByRole('radio', { name: 'Oui' }));
    await user.click(within(dialog).getByRole('button', { name: 'Ajouter' }));
    await waitFor(() => expect(api.find('GET', '/api/clients').at(-1)!.search.get('filter')).toBe('vatLiable==true'));
    expect(new URLSearchParams(api.router.state.location.search).get('filter')).toBe('vatLiable==true');
    expect(within(screen.getByRole('list', { name: 'Filtres actifs' })).getByRole('listitem')).toHaveTextContent('Assujetti à la TVA : Oui');

    // removing the last chip lists every client again (the unfiltered page, already loaded)
    await user.click(screen.getByRole('button', { name: 'Retirer le filtre « Assujetti à la TVA\u202f: Oui »' }));
    await waitFor(() => expect(new URLSearchParams(api.router.state.location.search).get('filter')).toBe(''));
    expect(within(screen.getByRole('list', { name: 'Filtres actifs' })).queryAllByRole('listitem')).toHaveLength(0);
    expect(api.find('GET', '/api/clients').filter((c) => c.search.get('filter') === 'vatLiable==true')).toHaveLength(1);
  });

  it('opens on the filter and columns of the URL (a dashboard link), and the chosen columns go into the URL', HEAVY, async () => {
    const api = setup({}, '/clients?filter=' + encodeURIComponent('status==ACTIVE;peppol.status==REGISTERED') + '&columns=name,vatLiable');
    const user = userEvent.setup();
    await screen.findByText('Boulangerie Dupont SRL');
    expect(api.find('GET', '/api/clients').every((c) => c.search.get('filter') === 'status==ACTIVE;peppol.status==REGISTERED')).toBe(true);
    expect(within(screen.getByRole('list', { name: 'Filtres actifs' })).getAllByRole('listitem').map((c) => c.textContent)).toEqual([
      'Statut\u202f: Actif',
      'Statut PEPPOL\u202f: Enregistré',
    ]);
    await waitFor(() => expect(screen.getAllByRole('columnheader').map((h) => h.textContent?.replace(/[▲▼↕]/g, '').trim())).toEqual(['', 'Nom', 'Assujetti TVA']));
    await user.click(screen.getByRole('button', { name: 'Colonnes' }));
    const dialog = await screen.findByRole('dialog', { name: 'Colonnes affichées' });
    await user.click(within(dialog).getByRole('checkbox', { name: 'N° de TVA' }));
    await user.click(within(dialog).getByRole('button', { name: 'Appliquer' }));
    await waitFor(() => expect(new URLSearchParams(api.router.state.location.search).get('columns')).toBe('name,vatLiable,vatNumber'));
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent?.replace(/[▲▼↕]/g, '').trim())).toEqual(['', 'Nom', 'Assujetti TVA', 'N° de TVA']);
  });

  it('shows a server error with a retry instead of an empty list, and a loading state while a new filter loads', async () => {
    let fail = true;
    let release: () => void = () => {};
    const api = setup({
      'GET /api/clients': async (call) => {
        if (fail) return problem(500, 'Database unavailable');
        if (call.search.get('filter')) await new Promise<void>((resolve) => (release = resolve));
        return { items: [aClient()], page: 0, size: 50, total: 1, totalExact: true } satisfies ClientPage;
      },
    });
    const user = userEvent.setup();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent("La liste des clients n’a pas pu être chargée.");
    // the server's English detail is not shown: the French screens say it in French
    expect(alert).toHaveTextContent('Le serveur n’a pas pu traiter la demande.');
    expect(alert).not.toHaveTextContent('Database unavailable');
    expect(screen.queryByText('Aucun client ne correspond.')).not.toBeInTheDocument();
    fail = false;
    await user.click(within(alert).getByRole('button', { name: 'Réessayer' }));
    expect(await screen.findByText('Boulangerie Dupont SRL')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    await user.type(screen.getByRole('textbox', { name: 'Rechercher par nom' }), 'x');
    expect(await screen.findByRole('status', {}, { timeout: 5000 })).toHaveTextContent('Chargement des clients…');
    release();
    await waitFor(() => expect(screen.queryByText('Chargement des clients…')).not.toBeInTheDocument());
    expect(api.find('GET', '/api/clients').at(-1)!.search.get('filter')).toBe('name=like="*x*"');
  });

  it('applies the chosen control view: its filter, sort and columns, kept in the URL', HEAVY, async () => {
    const api = setup();
    const user = userEvent.setup();
    await screen.findByText('Boulangerie Dupont SRL');
    await user.click(screen.getByRole('combobox', { name: 'Affichages de contrôle' }));
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

    // the view's filter shows as one chip; a condition added narrows it, both required
    expect(within(screen.getByRole('list', { name: 'Filtres actifs' })).getByRole('listitem')).toHaveTextContent(`Filtre avancé: ${peppolView.filter}`);
    await user.click(screen.getByRole('button', { name: /Ajouter un filtre/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Ajouter un filtre' });
    await user.click(within(dialog).getByRole('combobox', { name: 'Champ' }));
    await user.click(await screen.findByRole('option', { name: 'Enregistré sur PEPPOL' }));
    await user.click(within(dialog).getByRole('combobox', { name: 'Condition' }));
    await user.click(await screen.findByRole('option', { name: "n'est pas vide" }));
    await user.click(within(dialog).getByRole('button', { name: 'Ajouter' }));
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
        return {
          id: dryRun ? null : '77777777-7777-7777-7777-777777777777',
          matched: 1,
          changed: 1,
          dryRun: dryRun ?? false,
          fields: dryRun ? [{ field: 'cf.peppol_ready', alreadySet: 0, overwritten: 1 }] : null,
        };
      },
    });
    const user = userEvent.setup();
    await screen.findByText('Boulangerie Dupont SRL');
    await user.click(screen.getByRole('button', { name: /Actions/ }));
    // without a selection only the import is offered
    expect(await screen.findByRole('menuitem', { name: 'Editer' })).toBeDisabled();
    expect(screen.getByRole('menuitem', { name: 'Importer' })).toBeEnabled();
    await user.keyboard('{Escape}');
    await user.click(screen.getByRole('checkbox', { name: 'Sélectionner Boulangerie Dupont SRL' }));
    expect(screen.getByText('1 client sélectionné')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /Actions/ }));
    await user.click(await screen.findByRole('menuitem', { name: 'Editer' }));
    const dialog = await screen.findByRole('dialog', { name: 'Modification en masse' });
    expect(within(dialog).getByRole('button', { name: 'Appliquer' })).toBeDisabled();
    await user.click(within(dialog).getByRole('combobox', { name: 'Champs à modifier' }));
    // only fields that may be bulk-edited are offered: not system, document or multi select, nor hidden categories
    expect(screen.queryByRole('option', { name: 'Enregistré sur PEPPOL' })).not.toBeInTheDocument();
    expect(screen.queryByRole('option', { name: 'Services' })).not.toBeInTheDocument();
    await user.click(await screen.findByRole('option', { name: '« PEPPOL ready » ?' }));
    await user.click(within(dialog).getByRole('radio', { name: 'Non' }));
    await user.click(within(dialog).getByRole('button', { name: 'Aperçu' }));
    await within(dialog).findByText('1 client sélectionné, 1 sera modifié.');
    expect(within(dialog).getByText('« PEPPOL ready » ? : 0 client a déjà cette valeur, 1 valeur existante sera écrasée.')).toBeInTheDocument();
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
    await user.click(await screen.findByRole('menuitem', { name: 'Editer' }));
    const dialog = await screen.findByRole('dialog', { name: 'Modification en masse' });
    await user.click(within(dialog).getByRole('combobox', { name: 'Champs à modifier' }));
    await user.click(await screen.findByRole('option', { name: 'Logiciel pour la réception PEPPOL' }));
    await user.click(within(dialog).getByRole('combobox', { name: 'Logiciel pour la réception PEPPOL' }));
    await user.click(await screen.findByRole('option', { name: 'Exact Online' }));
    await user.click(within(dialog).getByRole('button', { name: 'Aperçu' }));
    await within(dialog).findByText('120 clients sélectionnés, 80 seront modifiés.');
    expect(edits[0].body).toEqual({ selection: { filter: '' }, changes: { 'cf.peppol_software_receive': 'exact' }, dryRun: true });
    await user.click(within(dialog).getByRole('button', { name: 'Appliquer' }));
    const message = await within(dialog).findByText('« gone » ne fait pas partie des choix de ce champ.');
    const input = within(dialog).getByRole('combobox', { name: 'Logiciel pour la réception PEPPOL' });
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAttribute('aria-describedby', expect.stringContaining(message.id));
    expect(screen.getByRole('dialog', { name: 'Modification en masse' })).toBeInTheDocument();
  });

  it('offers all clients matching a filter even when they fit on one page, and sends the emails to that filter', async () => {
    const sends: RecordedCall[] = [];
    const dupontFreres = aClient({ id: '22222222-2222-2222-2222-222222222222', reference: 'C-002', name: 'Dupont Frères SA' });
    const send: EmailSend = {
      id: null, status: 'DRY_RUN', templateId: 't-1', templateKey: 'peppol_info', templateName: 'Information Peppol',
      total: 2, pending: 2, sent: 0, failed: 0, skipped: 0, uncertain: 0, cancelled: 0, skippedReasons: {},
    };
    setup({
      'GET /api/clients': (call) =>
        call.search.get('filter')
          ? { items: [aClient(), dupontFreres], page: 0, size: 50, total: 2, totalExact: true }
          : { items: [aClient()], page: 0, size: 50, total: 1, totalExact: true },
      'GET /api/email-templates': () => [
        { id: 't-1', key: 'peppol_info', category: 'PEPPOL', name: 'Information Peppol', variants: {}, version: 0, updatedAt: '2026-01-01T00:00:00Z' },
      ],
      'POST /api/email-templates/{id}/preview': () => ({ language: 'fr', subject: 'Facturation électronique via Peppol', body: '<p>Bonjour</p>', text: 'Bonjour', email: 'info@dupont.be' }),
      'POST /api/email-sends': (call) => {
        sends.push(call);
        return call.body.dryRun ? HttpResponse.json(send) : HttpResponse.json({ ...send, id: 's-1', status: 'QUEUED' }, { status: 202 });
      },
      'GET /api/email-sends/{id}': () => ({ ...send, id: 's-1', status: 'DONE', pending: 0, sent: 2 }),
      'GET /api/email-sends/{id}/messages': () => ({ items: [], page: 0, size: 200, total: 0 }),
    });
    const user = userEvent.setup();
    await screen.findByText('Boulangerie Dupont SRL');
    // no filter and a single page: the rows themselves are the whole list
    expect(screen.queryByRole('button', { name: /correspondant au filtre/ })).not.toBeInTheDocument();

    await user.type(screen.getByRole('textbox', { name: 'Rechercher par nom' }), 'dupont');
    await screen.findByText('Dupont Frères SA');
    // a filter is active: "all matching" is offered although both clients are on this page and none is ticked
    expect(screen.getByRole('checkbox', { name: 'Sélectionner Dupont Frères SA' })).not.toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Sélectionner les 2 clients correspondant au filtre' }));
    expect(screen.getByText('Les 2 clients correspondant au filtre sont sélectionnés')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /Actions/ }));
    await user.click(await screen.findByRole('menuitem', { name: 'Envoyer des courriels' }));
    const dialog = await screen.findByRole('dialog', { name: 'Envoyer des courriels' });
    expect(await within(dialog).findByText('2 destinataires')).toBeInTheDocument();
    expect(sends[0].body).toEqual({ templateId: 't-1', selection: { filter: 'name=like="*dupont*"' }, dryRun: true });
    await user.click(within(dialog).getByRole('button', { name: 'Envoyer' }));
    expect(await within(dialog).findByText('Terminé')).toBeInTheDocument();
    expect(sends[1].body).toEqual({ templateId: 't-1', selection: { filter: 'name=like="*dupont*"' } });
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
      'GET /api/clients': () => ({ items: [aClient()], page: 0, size: 50, total: 1, totalExact: true }),
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

    await user.click(screen.getByRole('combobox', { name: 'Affichages de contrôle' }));
    await user.click(await screen.findByRole('option', { name: 'Suivi PEPPOL' }));
    await waitFor(() => expect(api.router.state.location.search).toContain(`view=${peppolView.id}`));
    expect(screen.queryByRole('button', { name: "Supprimer l'affichage" })).not.toBeInTheDocument();
  });
});
