import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import { fakeApi } from '@/testing/fake-api';
import { renderWithProviders } from '@/testing/render';
import type { EmailSend } from '../api/email';
import { SendEmailsDialog } from './send-emails-dialog';

const template = { id: 't-1', key: 'peppol_info', category: 'PEPPOL' as const, name: 'Information Peppol', variants: {}, version: 0, updatedAt: '2026-01-01T00:00:00Z' };
const base: EmailSend = {
  id: null, status: 'DRY_RUN', templateId: 't-1', templateKey: 'peppol_info', templateName: 'Information Peppol',
  total: 3, pending: 2, sent: 0, failed: 0, skipped: 1, uncertain: 0, cancelled: 0, skippedReasons: { 'email.missing': 1 },
};

describe('SendEmailsDialog', () => {
  it('previews for a selected client, shows who is skipped and why, sends once and follows the progress to the end', async () => {
    let polls = 0;
    const api = fakeApi({
      'GET /api/email-templates': () => [template],
      'POST /api/email-templates/{id}/preview': () => ({ language: 'fr', subject: 'Facturation électronique via Peppol : Dupont', body: '<p>Bonjour</p>', text: 'Bonjour', email: 'a@b.be' }),
      'POST /api/email-sends': (call) =>
        (call.body as { dryRun?: boolean }).dryRun ? HttpResponse.json(base) : HttpResponse.json({ ...base, id: 's-1', status: 'QUEUED' }, { status: 202 }),
      'GET /api/email-sends/{id}': () => {
        polls += 1;
        return polls < 2 ? { ...base, id: 's-1', status: 'SENDING', pending: 2 } : { ...base, id: 's-1', status: 'DONE', pending: 0, sent: 2 };
      },
      'GET /api/email-sends/{id}/messages': () => ({
        items: [
          { id: 1, sendId: 's-1', clientId: 'c-1', clientName: 'Dupont', email: 'a@b.be', status: 'SENT', attempts: 1, templateKey: 'peppol_info', templateName: 'x', updatedAt: '' },
          { id: 2, sendId: 's-1', clientId: 'c-3', clientName: 'Sans adresse', status: 'SKIPPED', error: 'email.missing', attempts: 0, templateKey: 'peppol_info', templateName: 'x', updatedAt: '' },
        ],
        page: 0, size: 200, total: 2,
      }),
    });
    const onClose = vi.fn();
    renderWithProviders(
      <SendEmailsDialog selection={{ filter: 'cf.peppol_ready==false' }} count={3} previewClient={{ id: 'c-1', name: 'Dupont' }} onClose={onClose} pollMs={20} />,
    );

    expect(await screen.findByText('Facturation électronique via Peppol : Dupont')).toBeInTheDocument();
    expect(await screen.findByText('2 destinataires')).toBeInTheDocument();
    expect(screen.getByText('1 client ignoré')).toBeInTheDocument();
    expect(screen.getByText(/pas d'adresse e-mail : 1/)).toBeInTheDocument();
    const dryRun = api.find('POST', '/api/email-sends')[0];
    expect(dryRun.body).toEqual({ templateId: 't-1', selection: { filter: 'cf.peppol_ready==false' }, dryRun: true });
    expect(dryRun.headers.get('Idempotency-Key')).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'Envoyer' }));
    await waitFor(() => expect(screen.getByText('Terminé')).toBeInTheDocument());
    const sends = api.find('POST', '/api/email-sends');
    expect(sends).toHaveLength(2);
    expect(sends[1].body).toEqual({ templateId: 't-1', selection: { filter: 'cf.peppol_ready==false' } });
    expect(sends[1].headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(screen.getByText('3 / 3 traités')).toBeInTheDocument();
    expect(await screen.findByText('Sans adresse')).toBeInTheDocument();
    expect(screen.getByText("pas d'adresse e-mail")).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Fermer' }));
    expect(onClose).toHaveBeenCalled();
  });

  it('cannot send when no selected client has a usable address', async () => {
    fakeApi({
      'GET /api/email-templates': () => [template],
      'POST /api/email-sends': () => HttpResponse.json({ ...base, pending: 0, skipped: 3, skippedReasons: { 'email.invalid': 3 } }),
    });
    renderWithProviders(<SendEmailsDialog selection={{ ids: ['c-1'] }} count={1} onClose={() => {}} />);
    expect(await screen.findByText('0 destinataire')).toBeInTheDocument();
    expect(screen.getByText(/adresse e-mail invalide : 3/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Envoyer' })).toBeDisabled();
  });

  it('sends with a follow-up rule: after N days, at most K times, with another template; out-of-range values cannot be sent', async () => {
    const reminder = { ...template, id: 't-2', key: 'rappel', name: 'Rappel Peppol' };
    const api = fakeApi({
      'GET /api/email-templates': () => [template, reminder],
      'POST /api/email-sends': (call) =>
        (call.body as { dryRun?: boolean }).dryRun
          ? HttpResponse.json(base)
          : HttpResponse.json({ ...base, id: 's-2', status: 'QUEUED', campaignId: 's-2', campaignStep: 0 }, { status: 202 }),
      'GET /api/email-sends/{id}': () => ({ ...base, id: 's-2', status: 'DONE', pending: 0, sent: 2 }),
      'GET /api/email-sends/{id}/messages': () => ({ items: [], page: 0, size: 200, total: 0 }),
    });
    renderWithProviders(<SendEmailsDialog selection={{ ids: ['c-1', 'c-2'] }} count={2} onClose={() => {}} pollMs={20} />);
    expect(await screen.findByText('2 destinataires')).toBeInTheDocument();
    expect(screen.queryByLabelText('Relancer après (jours)')).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('checkbox', { name: /Relancer automatiquement/ }));
    const days = screen.getByLabelText('Relancer après (jours)');
    const times = screen.getByLabelText('Nombre maximal de relances');
    expect(days).toHaveValue('14');
    expect(times).toHaveValue('2');

    await userEvent.clear(times);
    await userEvent.type(times, '11');
    expect(await screen.findByText(/Valeur hors limites \(de 1 à 10\)/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Envoyer' })).toBeDisabled();

    await userEvent.clear(times);
    await userEvent.type(times, '3');
    await userEvent.clear(days);
    await userEvent.type(days, '7');
    await userEvent.click(screen.getByRole('combobox', { name: 'Modèle des relances' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Rappel Peppol' }));
    expect(screen.queryByText(/Valeur hors limites/)).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Envoyer' })).toBeEnabled();
    await userEvent.click(screen.getByRole('button', { name: 'Envoyer' }));
    expect(await screen.findByText('Terminé', {}, { timeout: 5000 })).toBeInTheDocument();
    const sent = api.find('POST', '/api/email-sends').filter((c) => !(c.body as { dryRun?: boolean }).dryRun);
    expect(sent).toHaveLength(1);
    expect(sent[0].body).toEqual({ templateId: 't-1', selection: { ids: ['c-1', 'c-2'] }, followUp: { afterDays: 7, maxTimes: 3, templateId: 't-2' } });
  });
});
