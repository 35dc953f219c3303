import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Client, HistoryEntry, PeppolRegistration } from '@/lib/api-types';
import { aClient, aUser, categories } from '@/testing/fixtures';
import { fakeApi, problem, type Handler } from '@/testing/fake-api';
import { renderRoutes } from '@/testing/render';
import { ClientCardRoute } from './client-card';

const client = aClient({ customFields: { peppol_registered: null, peppol_ready: false }, peppol: { status: 'NOT_REGISTERED', accessPointName: null, checkedAt: '2026-11-28T02:00:00Z', reason: [] } });
const path = `/api/clients/${client.id}`;
const history = [
  { id: 4, at: '2026-12-05T08:00:00Z', kind: 'CAMPAIGN', field: 'campaign.left', oldValue: null, newValue: { reason: 'REGISTERED', campaignId: 'c-1', campaignStep: 1, sendId: 's-2' }, actorId: null, actorName: null, bulkEditId: null, importId: null },
  { id: 3, at: '2026-11-28T09:15:00Z', kind: 'FIELD', field: 'cf.peppol_software_receive', oldValue: null, newValue: 'billit', actorId: null, actorName: 'Anne Staff', bulkEditId: null, importId: null },
  { id: 2, at: '2026-11-28T02:00:00Z', kind: 'PEPPOL', field: 'peppol.status', oldValue: 'NOT_REGISTERED', newValue: 'REGISTERED', actorId: null, actorName: null, bulkEditId: null, importId: null },
  { id: 1, at: '2026-11-01T10:00:00Z', kind: 'CREATED', field: null, oldValue: null, newValue: null, actorId: null, actorName: 'Anne Staff', bulkEditId: null, importId: null },
] satisfies HistoryEntry[];

// Only this client exists: the card must ask for the id in its URL.
const getClient: Handler<'GET /api/clients/{id}'> = ({ params }) => (params.id === client.id ? client : problem(404, `No client ${params.id}`));

function setup(user = aUser(), patch?: Handler<'PATCH /api/clients/{id}'>) {
  const api = fakeApi({
    'GET /api/auth/me': () => user,
    'GET /api/custom-field-categories': () => categories,
    'GET /api/clients/{id}': getClient,
    'GET /api/clients/{id}/history': () => ({ items: history, page: 0, size: 20, total: history.length }),
    'GET /api/users/directory': () => [
      { id: 'u-anne', name: 'Anne Staff', active: true },
      { id: 'u-jan', name: 'Jan Peeters', active: true },
      { id: 'u-old', name: 'Paul Ancien', active: false },
    ],
    'PATCH /api/clients/{id}': patch ?? ((call) => ({ ...client, ...(call.body as Partial<Client>), customFields: { ...client.customFields, ...call.body.customFields }, version: client.version + 1 })),
  });
  renderRoutes([{ path: '/clients/:id', element: <ClientCardRoute /> }], `/clients/${client.id}`);
  return api;
}

describe('client card', () => {
  it('saves the changed custom fields with If-Match on the loaded version', async () => {
    const api = setup();
    const user = userEvent.setup();
    const peppol = await screen.findByRole('region', { name: 'PEPPOL' });
    await user.click(within(peppol).getByRole('radio', { name: 'Oui' }));
    await user.type(within(peppol).getByRole('textbox', { name: 'Commentaire(s)' }), 'Prêt');
    await user.click(screen.getAllByRole('button', { name: 'Enregistrer' })[0]);

    await screen.findByText('Modifications enregistrées.');
    const [patch] = api.find('PATCH', path);
    expect(patch.headers.get('If-Match')).toBe('"3"');
    expect(patch.body).toEqual({ customFields: { peppol_ready: true, peppol_comments: 'Prêt' } });
  });

  it('sets the responsible user by choosing a name among the active users', async () => {
    const api = setup();
    const user = userEvent.setup();
    const picker = await screen.findByRole('combobox', { name: 'Responsable' });
    await user.type(picker, 'jan');
    // a deactivated user is not offered
    expect(screen.queryByRole('option', { name: 'Paul Ancien (désactivé)' })).not.toBeInTheDocument();
    await user.click(await screen.findByRole('option', { name: 'Jan Peeters' }));
    await user.click(screen.getAllByRole('button', { name: 'Enregistrer' })[0]);
    await screen.findByText('Modifications enregistrées.');
    expect(api.find('PATCH', path)[0].body).toEqual({ responsibleUserId: 'u-jan' });
  });

  it('shows the Peppol state read-only with "not registered" for the registration field', async () => {
    setup();
    const peppol = await screen.findByRole('region', { name: 'PEPPOL' });
    expect(within(peppol).getByText('Non enregistré')).toBeInTheDocument();
    expect(screen.getByText('Enregistrement Peppol')).toBeInTheDocument();
    expect(screen.getAllByText('Non enregistré').length).toBeGreaterThanOrEqual(2);
    expect(screen.getByRole('button', { name: 'Actualiser le statut Peppol' })).toBeInTheDocument();
  });

  it('shows the server validation message next to the field at fault', async () => {
    setup(aUser(), () =>
      problem(422, 'At most 4000 characters', [{ field: 'customFields.peppol_comments', code: 'too_long', message: 'At most 4000 characters', params: { max: 4000 } }]),
    );
    const user = userEvent.setup();
    const peppol = await screen.findByRole('region', { name: 'PEPPOL' });
    const comments = within(peppol).getByRole('textbox', { name: 'Commentaire(s)' });
    await user.type(comments, 'x');
    await user.click(screen.getAllByRole('button', { name: 'Enregistrer' })[0]);
    await screen.findByRole('alert');
    expect(comments).toHaveAttribute('aria-invalid', 'true');
    // in French, under the field and in the banner with the field's label (not customFields.peppol_comments)
    expect(within(peppol).getByText(/^4\s000 caractères au maximum\.$/)).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(/Commentaire\(s\) : 4\s000 caractères au maximum\./);
    expect(screen.getByRole('alert')).not.toHaveTextContent(/At most|customFields/);
  });

  it('explains a stale version and offers to reload', async () => {
    setup(aUser(), () => problem(412, 'The client was changed by someone else'));
    const user = userEvent.setup();
    const peppol = await screen.findByRole('region', { name: 'PEPPOL' });
    await user.click(within(peppol).getByRole('radio', { name: 'Oui' }));
    await user.click(screen.getAllByRole('button', { name: 'Enregistrer' })[0]);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Ce client a été modifié entre-temps');
    expect(within(alert).getByRole('button', { name: 'Recharger' })).toBeInTheDocument();
  });

  it('on a stale version, reloads the latest keeping the user\'s edits and says what someone else changed', async () => {
    let loads = 0;
    const newer = { ...client, name: 'Boulangerie Dupont & Fils', customFields: { ...client.customFields, peppol_software_receive: 'exact' }, version: 4 };
    const patches: unknown[] = [];
    fakeApi({
      'GET /api/auth/me': () => aUser(),
      'GET /api/custom-field-categories': () => categories,
      'GET /api/clients/{id}': () => (++loads === 1 ? client : newer),
      'GET /api/clients/{id}/history': () => ({ items: [], page: 0, size: 20, total: 0 }),
      'PATCH /api/clients/{id}': (call) => {
        patches.push({ ifMatch: call.headers.get('If-Match'), body: call.body });
        return call.headers.get('If-Match') === '"3"' ? problem(412, 'The client was changed by someone else') : { ...newer, customFields: { ...newer.customFields, peppol_ready: true }, version: 5 };
      },
    });
    renderRoutes([{ path: '/clients/:id', element: <ClientCardRoute /> }], `/clients/${client.id}`);
    const user = userEvent.setup();
    const peppol = await screen.findByRole('region', { name: 'PEPPOL' });
    await user.click(within(peppol).getByRole('radio', { name: 'Oui' }));
    await user.click(screen.getAllByRole('button', { name: 'Enregistrer' })[0]);
    const alert = await screen.findByRole('alert');
    await user.click(within(alert).getByRole('button', { name: 'Recharger en gardant mes modifications' }));

    const kept = await screen.findByText("Modifié entre-temps par quelqu'un d'autre : Nom, Logiciel pour la réception PEPPOL");
    expect(kept).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Boulangerie Dupont & Fils' })).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'PEPPOL' })).getByRole('radio', { name: 'Oui' })).toBeChecked();
    await user.click(screen.getAllByRole('button', { name: 'Enregistrer' })[0]);
    await screen.findByText('Modifications enregistrées.');
    expect(patches).toEqual([
      { ifMatch: '"3"', body: { customFields: { peppol_ready: true } } },
      { ifMatch: '"4"', body: { customFields: { peppol_ready: true } } },
    ]);
  });

  it('asks before leaving the card with unsaved changes', async () => {
    fakeApi({
      'GET /api/auth/me': () => aUser(),
      'GET /api/custom-field-categories': () => categories,
      'GET /api/clients/{id}': getClient,
      'GET /api/clients/{id}/history': () => ({ items: [], page: 0, size: 20, total: 0 }),
    });
    const { router } = renderRoutes(
      [
        { path: '/clients/:id', element: <ClientCardRoute /> },
        { path: '/clients', element: <p>the list</p> },
      ],
      `/clients/${client.id}`,
    );
    const user = userEvent.setup();
    const peppol = await screen.findByRole('region', { name: 'PEPPOL' });
    await user.click(within(peppol).getByRole('radio', { name: 'Oui' }));
    expect(screen.getByRole('region', { name: 'Modifications non enregistrées' })).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: /Voir tous les clients/ }));
    let dialog = await screen.findByRole('dialog', { name: 'Modifications non enregistrées' });
    await user.click(within(dialog).getByRole('button', { name: 'Rester sur la fiche' }));
    expect(router.state.location.pathname).toBe(`/clients/${client.id}`);
    expect(within(screen.getByRole('region', { name: 'PEPPOL' })).getByRole('radio', { name: 'Oui' })).toBeChecked();

    await user.click(screen.getByRole('link', { name: /Voir tous les clients/ }));
    dialog = await screen.findByRole('dialog', { name: 'Modifications non enregistrées' });
    await user.click(within(dialog).getByRole('button', { name: 'Quitter sans enregistrer' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/clients'));
    expect(screen.getByText('the list')).toBeInTheDocument();
  });

  it('is read-only for a viewer', async () => {
    setup(aUser({ role: 'VIEWER', permissions: ['read'] }));
    await screen.findByRole('region', { name: 'PEPPOL' });
    expect(screen.getByText('Lecture seule : vous ne pouvez pas modifier ce client.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Enregistrer' })).not.toBeInTheDocument();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(screen.queryByRole('radio')).not.toBeInTheDocument();
  });

  it('labels fields in the language of the user profile', async () => {
    setup(aUser({ language: 'en' }));
    expect(await screen.findByRole('region', { name: 'PEPPOL' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Comment(s)' })).toBeTruthy());
    expect(screen.getByRole('button', { name: 'Save' })).toBeInTheDocument();
  });

  it('lists the history with field labels and values in the user language', async () => {
    setup();
    const section = await screen.findByRole('region', { name: 'Historique' });
    await within(section).findByText('Logiciel pour la réception PEPPOL');
    expect(within(section).getByText('(vide) → Billit')).toBeInTheDocument();
    expect(within(section).getByText('Statut Peppol')).toBeInTheDocument();
    expect(within(section).getByText('Non enregistré → Enregistré')).toBeInTheDocument();
    expect(within(section).getByText('Client créé')).toBeInTheDocument();
    expect(within(section).getByText('A quitté la campagne')).toBeInTheDocument();
    expect(within(section).getByText('Relance 1 · Inscrit sur Peppol')).toBeInTheDocument();
    expect(within(section).getAllByText(/^Système · /)).toHaveLength(2);
  });

  it('shows the known status, when it was last confirmed and the error of a failed latest check, and refreshes on demand', async () => {
    const api = fakeApi({
      'GET /api/auth/me': () => aUser(),
      'GET /api/custom-field-categories': () => categories,
      'GET /api/clients/{id}': getClient,
      'GET /api/clients/{id}/history': () => ({ items: [], page: 0, size: 20, total: 0 }),
      'GET /api/clients/{id}/peppol': () => ({
        clientId: client.id,
        status: 'REGISTERED',
        participantId: '0208:0123456749',
        accessPoint: { name: 'Billit', seatId: 'PBE000123', country: 'BE' },
        documentTypes: [],
        canReceiveInvoices: true,
        confirmedAt: '2026-11-20T02:00:00Z',
        lastCheck: { outcome: 'LOOKUP_FAILED', at: '2026-11-29T02:00:00Z', error: 'SMP timeout' },
        reasons: [{ code: 'no_credit_notes', params: { accessPoint: 'Billit' } }],
        identifiers: [],
      }) satisfies PeppolRegistration,
      'POST /api/clients/{id}/peppol/refresh': () => ({
        clientId: client.id,
        status: 'REGISTERED',
        participantId: '0208:0123456749',
        accessPoint: { name: 'Billit' },
        documentTypes: [],
        canReceiveInvoices: true,
        confirmedAt: '2026-11-29T10:00:00Z',
        lastCheck: { outcome: 'REGISTERED', at: '2026-11-29T10:00:00Z', error: null },
        reasons: [],
        identifiers: [],
      }) satisfies PeppolRegistration,
    });
    renderRoutes([{ path: '/clients/:id', element: <ClientCardRoute /> }], `/clients/${client.id}`);
    const panel = await screen.findByRole('region', { name: 'Enregistrement Peppol' });
    await within(panel).findByText(/^dernière confirmation le /);
    expect(within(panel).getByText(/^dernière confirmation le /).textContent).toContain('2026');
    expect(within(panel).getByText('Enregistré')).toBeInTheDocument();
    expect(within(panel).queryByText('Vérification échouée')).toBeNull();
    expect(within(panel).getByText('PBE000123 · BE')).toBeInTheDocument();
    expect(within(panel).getByText(/La dernière vérification a échoué .*: SMP timeout/)).toBeInTheDocument();
    // the diagnosis, in the user's language
    expect(within(panel).getByText('Reçoit les factures mais pas les notes de crédit')).toBeInTheDocument();

    await userEvent.setup().click(within(panel).getByRole('button', { name: 'Actualiser le statut Peppol' }));
    await waitFor(() => expect(within(panel).queryByText(/^dernière confirmation le /)).toBeNull());
    expect(within(panel).getByText('Enregistré')).toBeTruthy();
    expect(within(panel).queryByText(/SMP timeout/)).toBeNull();
    expect(within(panel).queryByText('Reçoit les factures mais pas les notes de crédit')).toBeNull();
    expect(within(panel).getByText('Reçoit des factures').nextSibling?.textContent).toBe('Oui');
    expect(api.find('POST', `${path}/peppol/refresh`)).toHaveLength(1);
  });

  it('says when the client does not exist', async () => {
    fakeApi({
      'GET /api/auth/me': () => aUser(),
      'GET /api/custom-field-categories': () => categories,
      'GET /api/clients/{id}': getClient,
    });
    renderRoutes([{ path: '/clients/:id', element: <ClientCardRoute /> }], '/clients/nope');
    expect(await screen.findByRole('alert')).toHaveTextContent('Client introuvable.');
  });
});
