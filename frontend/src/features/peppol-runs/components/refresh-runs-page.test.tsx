import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { PeppolRefreshRun } from '@/lib/api-types';
import { fakeApi, problem } from '@/testing/fake-api';
import { renderRoutes } from '@/testing/render';
import { RefreshRunsPage } from './refresh-runs-page';

const run = (r: Partial<PeppolRefreshRun> & Pick<PeppolRefreshRun, 'id' | 'status'>): PeppolRefreshRun => ({
  kind: 'MANUAL', total: 10, done: 10, registered: 6, notRegistered: 2, hermesOnly: 0, noIdentifier: 1, failed: 1, heldDowngrades: 0,
  createdAt: '2026-11-30T02:00:00Z', actorName: 'Anne Staff', ...r,
});
const done = run({ id: 'run-done', status: 'DONE', failed: 2, finishedAt: '2026-11-30T02:05:00Z' });
const held = run({ id: 'run-held', kind: 'NIGHTLY', status: 'HELD', failed: 0, heldDowngrades: 25, actorName: null });

function setup(isAdmin: boolean) {
  const api = fakeApi({
    'GET /api/peppol/refresh-runs': () => [held, done],
    'GET /api/peppol/refresh-runs/{id}/failures': ({ params }) =>
      params.id === 'run-done'
        ? [
            { clientId: 'c-1', name: 'Garage Martin', reference: 'C-9', enterpriseNumber: '0123456749', error: 'SMP returned 500', at: '2026-11-30T02:04:00Z' },
            {
              clientId: 'c-2', name: 'Boulangerie Dubois', reference: 'C-10', enterpriseNumber: '0403170701', at: '2026-11-30T02:04:30Z',
              error: 'DNS answered SERVFAIL for b-x.iso6523-actorid-upis.edelivery.tech.ec.europa.eu',
              errorCode: 'lookup.dns_servfail', errorParams: { name: 'b-x.iso6523-actorid-upis.edelivery.tech.ec.europa.eu' },
            },
          ]
        : [],
    'POST /api/peppol/refresh-runs/{id}/confirm': () => ({ ...held, status: 'DONE', decidedBy: 'Admin' }),
  });
  renderRoutes([{ path: '/peppol/runs', element: <RefreshRunsPage isAdmin={isAdmin} pollMs={50} /> }], '/peppol/runs');
  return api;
}

describe('refresh runs page', () => {
  it('shows each run with its progress, counts by outcome and the clients that failed', async () => {
    setup(false);
    const user = userEvent.setup();
    const sections = await screen.findAllByRole('region');
    expect(sections).toHaveLength(2);
    const finished = sections[1];
    expect(within(finished).getByText('Terminé')).toBeInTheDocument();
    expect(within(finished).getByRole('progressbar', { name: '10 / 10 clients vérifiés' })).toBeInTheDocument();
    expect(within(finished).getByText('Enregistrés').nextSibling).toHaveTextContent('6');
    expect(within(finished).getByText('Échecs').nextSibling).toHaveTextContent('2');
    await user.click(within(finished).getByRole('button', { name: 'Voir les clients en échec (2)' }));
    const table = await within(finished).findByRole('table', { name: 'Clients en échec' });
    expect(within(table).getByRole('link', { name: 'Garage Martin' })).toHaveAttribute('href', '/clients/c-1');
    // an English message recorded before codes existed is shown as is; a coded one in the user's language
    expect(within(table).getByText('SMP returned 500')).toBeInTheDocument();
    expect(within(table).getByText('Le DNS a répondu SERVFAIL pour b-x.iso6523-actorid-upis.edelivery.tech.ec.europa.eu.')).toHaveAttribute(
      'data-code',
      'lookup.dns_servfail',
    );
    // a held run: only an admin decides
    expect(within(sections[0]).getByText('25 désinscriptions retenues en attente de confirmation')).toBeInTheDocument();
    expect(within(sections[0]).queryByRole('button', { name: 'Confirmer les désinscriptions' })).not.toBeInTheDocument();
  });

  it('lets an admin confirm the downgrades a held run kept back', async () => {
    const api = setup(true);
    const user = userEvent.setup();
    const [heldRun] = await screen.findAllByRole('region');
    await user.click(within(heldRun).getByRole('button', { name: 'Confirmer les désinscriptions' }));
    const dialog = await screen.findByRole('dialog', { name: 'Confirmer les désinscriptions' });
    expect(within(dialog).getByText('Appliquer les 25 désinscriptions retenues ?')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Confirmer les désinscriptions' }));
    await waitFor(() => expect(api.find('POST', '/api/peppol/refresh-runs/run-held/confirm')).toHaveLength(1));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('says in French why a decision was refused, not the server\'s English message', async () => {
    fakeApi({
      'GET /api/peppol/refresh-runs': () => [held, done],
      'GET /api/peppol/refresh-runs/{id}/failures': () => [],
      'POST /api/peppol/refresh-runs/{id}/confirm': () =>
        problem(409, 'Refresh run run-held is DONE, not HELD', [
          { field: 'status', code: 'status.conflict', message: 'Refresh run run-held is DONE, not HELD', params: { status: 'DONE' } },
        ]),
    });
    renderRoutes([{ path: '/peppol/runs', element: <RefreshRunsPage isAdmin pollMs={50} /> }], '/peppol/runs');
    const user = userEvent.setup();
    const [heldRun] = await screen.findAllByRole('region');
    await user.click(within(heldRun).getByRole('button', { name: 'Confirmer les désinscriptions' }));
    const dialog = await screen.findByRole('dialog', { name: 'Confirmer les désinscriptions' });
    await user.click(within(dialog).getByRole('button', { name: 'Confirmer les désinscriptions' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Impossible dans l’état actuel (DONE).');
    expect(within(dialog).queryByText(/not HELD/)).not.toBeInTheDocument();
  });
});
