import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import type { PeppolRegistration } from '@/lib/api-types';
import { renderWithProviders } from '@/testing/render';
import { PeppolPanel } from './peppol-panel';

const registration = (r: Partial<PeppolRegistration>): PeppolRegistration => ({
  clientId: 'c-1', status: 'REGISTERED', participantId: '0208:0123456749', documentTypes: [], canReceiveInvoices: true,
  confirmedAt: '2026-11-29T02:00:00Z', reasons: [], identifiers: [], ...r,
});

describe('Peppol panel of the client card', () => {
  it('says why the latest check failed in French, with its params, not the English message', () => {
    const failed = registration({
      lastCheck: {
        outcome: 'LOOKUP_FAILED', at: '2026-11-30T02:04:00Z',
        error: 'ServiceGroup from smp.example.be failed: the SMP did not answer within 10 s',
        errorCode: 'lookup.smp_timeout', errorParams: { request: 'ServiceGroup', host: 'smp.example.be', seconds: 10 },
      },
    });
    renderWithProviders(<PeppolPanel peppol={null} registration={failed} />);
    const panel = screen.getByRole('region', { name: 'Enregistrement Peppol' });
    const why = within(panel).getByText(/La dernière vérification a échoué/);
    expect(why).toHaveTextContent('Le SMP smp.example.be n’a pas répondu dans les 10 s (ServiceGroup).');
    expect(why).toHaveAttribute('data-code', 'lookup.smp_timeout');
    expect(within(panel).queryByText(/did not answer/)).not.toBeInTheDocument();
  });

  it('says why a participant found cannot receive invoices, its date in French', () => {
    const expired = registration({
      status: 'NOT_REGISTERED', canReceiveInvoices: false,
      lastCheck: {
        outcome: 'NOT_REGISTERED', at: '2026-11-30T02:04:00Z', error: 'the endpoint certificate expired on 2026-03-01T10:00:00Z',
        errorCode: 'lookup.certificate_expired', errorParams: { notAfter: '2026-03-01T10:00:00Z' },
      },
    });
    renderWithProviders(<PeppolPanel peppol={null} registration={expired} />);
    expect(screen.getByText(/^Le certificat du point d’accès a expiré le 1 mars 2026/)).toHaveAttribute('data-code', 'lookup.certificate_expired');
  });

  it('shows the English message of a check recorded before codes existed', () => {
    const old = registration({ lastCheck: { outcome: 'LOOKUP_FAILED', at: '2026-11-30T02:04:00Z', error: 'SMP did not answer within 10 s', errorCode: null, errorParams: null } });
    renderWithProviders(<PeppolPanel peppol={null} registration={old} />);
    expect(screen.getByText(/La dernière vérification a échoué/)).toHaveTextContent('SMP did not answer within 10 s');
  });
});
