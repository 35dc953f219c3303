import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { PeppolDashboardSummary } from '@/lib/api-types';
import { fakeApi } from '@/testing/fake-api';
import { renderRoutes } from '@/testing/render';
import { PeppolDashboard } from './peppol-dashboard';

const summary: PeppolDashboardSummary = {
  total: 200,
  byStatus: [
    { value: 'REGISTERED', label: null, count: 120 },
    { value: 'NOT_REGISTERED', label: null, count: 50 },
    { value: null, label: null, count: 30 },
  ],
  byAccessPoint: [
    { value: 'Billit', label: null, count: 70 },
    { value: 'Unifiedpost', label: null, count: 50 },
    { value: null, label: null, count: 80 },
  ],
  bySoftwareReceive: [
    { value: 'billit', label: 'Billit', count: 60 },
    { value: 'other', label: 'Autre', count: 10 },
    { value: null, label: null, count: 130 },
  ],
  bySoftwareSend: [],
  byReadiness: [
    { value: true, label: null, count: 90 },
    { value: false, label: null, count: 40 },
    { value: null, label: null, count: 70 },
  ],
  daily: [
    { date: '2026-11-27', counts: { REGISTERED: 100, NOT_REGISTERED: 60, HERMES_ONLY: 0, NO_IDENTIFIER: 0, LOOKUP_FAILED: 0 } },
    { date: '2026-11-28', counts: { REGISTERED: 110, NOT_REGISTERED: 55, HERMES_ONLY: 0, NO_IDENTIFIER: 0, LOOKUP_FAILED: 0 } },
    { date: '2026-11-29', counts: { REGISTERED: 120, NOT_REGISTERED: 50, HERMES_ONLY: 0, NO_IDENTIFIER: 0, LOOKUP_FAILED: 0 } },
  ],
};

function render() {
  return renderRoutes(
    [
      { path: '/dashboard', element: <PeppolDashboard /> },
      { path: '/clients', element: <p>client list</p> },
    ],
    '/dashboard',
  );
}

describe('Peppol dashboard', () => {
  it('shows the key figures, the breakdowns in French and the status trend', async () => {
    const api = fakeApi({ 'GET /api/peppol/summary': () => summary });
    render();
    expect(await screen.findByRole('heading', { name: 'Tableau de bord Peppol' })).toBeInTheDocument();
    expect(screen.getByText('Clients actifs').nextSibling?.textContent).toBe('200');
    expect(screen.getByText('60 % des clients actifs')).toBeInTheDocument();

    const byStatus = screen.getByRole('region', { name: "Par statut d'enregistrement" });
    expect(within(byStatus).getAllByRole('listitem').map((i) => i.getAttribute('aria-label'))).toEqual([
      'Enregistré\u202f: 120',
      'Non enregistré\u202f: 50',
      'Pas encore vérifié\u202f: 30',
    ]);
    const readiness = screen.getByRole('region', { name: '« PEPPOL ready »\u202f?' });
    expect(within(readiness).getAllByRole('listitem').map((i) => i.getAttribute('aria-label'))).toEqual(['Oui\u202f: 90', 'Non\u202f: 40', 'Non renseigné\u202f: 70']);
    const software = screen.getByRole('region', { name: 'Logiciel de réception' });
    expect(within(software).getAllByRole('listitem').map((i) => i.getAttribute('aria-label'))).toEqual(['Non renseigné\u202f: 130', 'Billit\u202f: 60', 'Autre\u202f: 10']);
    expect(within(screen.getByRole('region', { name: "Logiciel d'envoi" })).getByText('Aucune donnée.')).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Évolution des statuts' })).toBeInTheDocument();
    expect(api.find('GET', '/api/peppol/summary')[0].search.get('days')).toBe('30');
  });

  it('opens the client list filtered to exactly the clients of a figure or a bar', async () => {
    fakeApi({ 'GET /api/peppol/summary': () => summary });
    const { router } = render();
    await screen.findByRole('heading', { name: 'Tableau de bord Peppol' });
    const filterOf = (item: HTMLElement) => {
      const link = item.tagName === 'A' ? item : within(item).getByRole('link');
      return new URLSearchParams(link.getAttribute('href')!.split('?')[1]).get('filter');
    };
    expect(filterOf(screen.getByRole('link', { name: /Enregistrés sur Peppol/ }))).toBe('status==ACTIVE;peppol.status==REGISTERED');
    const software = screen.getByRole('region', { name: 'Logiciel de réception' });
    expect(filterOf(within(software).getByRole('listitem', { name: 'Billit\u202f: 60' }))).toBe('status==ACTIVE;cf.peppol_software_receive==billit');
    expect(filterOf(within(software).getByRole('listitem', { name: 'Non renseigné\u202f: 130' }))).toBe('status==ACTIVE;cf.peppol_software_receive=empty=true');
    const points = screen.getByRole('region', { name: "Par point d'accès" });
    expect(filterOf(within(points).getByRole('listitem', { name: 'Unifiedpost\u202f: 50' }))).toBe('status==ACTIVE;peppol.accessPointName==Unifiedpost');
    const readiness = screen.getByRole('region', { name: '« PEPPOL ready »\u202f?' });
    await userEvent.setup().click(within(within(readiness).getByRole('listitem', { name: 'Non\u202f: 40' })).getByRole('link'));
    await waitFor(() => expect(router.state.location.pathname).toBe('/clients'));
    expect(new URLSearchParams(router.state.location.search).get('filter')).toBe('status==ACTIVE;cf.peppol_ready==false');
  });

  it('asks for a longer series when another period is chosen', async () => {
    const api = fakeApi({ 'GET /api/peppol/summary': () => summary });
    render();
    await screen.findByRole('heading', { name: 'Tableau de bord Peppol' });
    await userEvent.setup().click(screen.getByText('90 jours'));
    await waitFor(() => expect(api.find('GET', '/api/peppol/summary').map((c) => c.search.get('days'))).toContain('90'));
  });
});
