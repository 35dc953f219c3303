import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeApi } from '@/testing/fake-api';
import { renderRoutes } from '@/testing/render';
import type { EmailCampaign } from '../api/email';
import { CampaignPage } from './campaign-page';

const day = (date: string, informed: number, followUpsSent: number, ready: number, registered: number, cum: number[]) => ({
  date, informed, followUpsSent, ready, registered,
  cumulativeInformed: cum[0], cumulativeFollowUpsSent: cum[1], cumulativeReady: cum[2], cumulativeRegistered: cum[3],
});
const campaign: EmailCampaign = {
  id: 's-1', status: 'RUNNING', templateName: 'Information Peppol', actorName: 'Admin', startedAt: '2026-11-20T09:00:00Z',
  followUp: { afterDays: 7, maxTimes: 2, templateId: null }, nextFollowUpAt: '2026-12-04T09:00:00Z',
  recipients: 3, informed: 3, followUpsSent: 2, ready: 1, registered: 1, pending: 1,
  steps: [
    { step: 0, sendId: 's-1', status: 'DONE', templateName: 'Information Peppol', createdAt: '2026-11-20T09:00:00Z', total: 3, sent: 3, skipped: 0 },
    { step: 1, sendId: 's-2', status: 'DONE', templateName: 'Information Peppol', createdAt: '2026-11-27T09:00:00Z', total: 2, sent: 2, skipped: 0 },
  ],
  days: [day('2026-11-20', 3, 0, 0, 0, [3, 0, 0, 0]), day('2026-11-24', 0, 0, 0, 1, [3, 0, 0, 1]), day('2026-11-27', 0, 2, 1, 0, [3, 2, 1, 1])],
};

describe('CampaignPage', () => {
  it('shows the totals, the steps and the recipients, each linking to the client, filtered by state', async () => {
    const api = fakeApi({
      'GET /api/email-sends/{id}/campaign': () => campaign,
      'GET /api/email-sends/{id}/campaign/recipients': (call) => {
        const all = [
          { clientId: 'c-1', clientName: 'Dupont', reference: 'D1', state: 'PENDING', sent: 2, lastSentAt: '2026-11-27T09:01:00Z' },
          { clientId: 'c-2', clientName: 'Janssens', reference: 'J1', state: 'REGISTERED', sent: 1, lastSentAt: '2026-11-20T09:01:00Z' },
        ];
        const items = all.filter((r) => !call.search.get('state') || r.state === call.search.get('state'));
        return { items, page: 0, size: 50, total: items.length };
      },
    });
    renderRoutes([{ path: '/email-sends/:id/campaign', element: <CampaignPage sendId="s-2" /> }], '/email-sends/s-2/campaign');

    expect(await screen.findByRole('heading', { name: 'Campagne\u202f: Information Peppol' })).toBeInTheDocument();
    expect(screen.getByText('En cours')).toBeInTheDocument();
    expect(screen.getByText('Relance après 7 jours, au plus 2 fois')).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Relances envoyées' })).toHaveTextContent('2');
    expect(screen.getByRole('group', { name: 'Toujours en attente' })).toHaveTextContent('1');
    expect(screen.getByRole('img', { name: 'Entonnoir par jour' })).toBeInTheDocument();
    const steps = within(screen.getByRole('region', { name: 'Étapes' }));
    expect(steps.getByText('Premier envoi')).toBeInTheDocument();
    expect(steps.getByText('Relance 1')).toBeInTheDocument();
    expect(steps.getByText('2 envoyés sur 2')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Exporter le registre (CSV)' })).toHaveAttribute('href', '/api/email-sends/s-1/campaign/record?excel=true');

    const recipients = within(screen.getByRole('region', { name: 'Destinataires' }));
    expect(await recipients.findByRole('link', { name: 'Dupont' })).toHaveAttribute('href', '/clients/c-1');
    expect(recipients.getByRole('link', { name: 'Janssens' })).toBeInTheDocument();
    // the recipients of the campaign (s-1), not of the follow-up the URL names
    expect(api.find('GET', '/api/email-sends/s-1/campaign/recipients').length).toBeGreaterThan(0);

    await userEvent.click(recipients.getByRole('radio', { name: 'En attente' }));
    await waitFor(() => expect(recipients.queryByRole('link', { name: 'Janssens' })).not.toBeInTheDocument());
    expect(recipients.getByRole('link', { name: 'Dupont' })).toBeInTheDocument();
    expect(api.find('GET', '/api/email-sends/s-1/campaign/recipients').some((c) => c.search.get('state') === 'PENDING')).toBe(true);
  });
});
