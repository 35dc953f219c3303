import { describe, expect, it, vi } from 'vitest';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import i18n from '@/i18n';
import { aClient, peppolCategory } from '@/testing/fixtures';
import { renderWithProviders } from '@/testing/render';
import { ClientsTable } from './clients-table';

function renderTable(props: Partial<Parameters<typeof ClientsTable>[0]> = {}) {
  const onSortChange = vi.fn();
  const clients = [
    aClient(),
    aClient({
      id: '33333333-3333-3333-3333-333333333333',
      name: 'Garage Janssens BV',
      reference: null,
      enterpriseNumber: '0987654394',
      vatNumber: null,
      customFields: { peppol_registered: null, peppol_software_receive: 'other', peppol_ready: false },
    }),
  ];
  renderWithProviders(
    <MemoryRouter>
      <ClientsTable clients={clients} fields={peppolCategory.fields} sort="name" onSortChange={onSortChange} {...props} />
    </MemoryRouter>,
  );
  return { onSortChange };
}

describe('ClientsTable', () => {
  it('shows the standard columns and the PEPPOL fields with values in French', () => {
    renderTable();
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent?.replace(/[▲▼↕]/g, '').trim());
    expect(headers).toEqual([
      'Nom',
      "N° d'entreprise (BCE)",
      'N° de TVA',
      'Enregistré sur PEPPOL',
      'Logiciel pour la réception PEPPOL',
      "Logiciel pour l'envoi via PEPPOL",
      '« PEPPOL ready » ?',
      'Commentaire(s)',
    ]);
    const [, first, second] = screen.getAllByRole('row');
    const firstCells = within(first).getAllByRole('cell').map((c) => c.textContent);
    expect(firstCells).toEqual(['Boulangerie Dupont SRLC-001', '0123.456.749', 'BE0123456749', 'Billit', 'Billit', 'Autre logiciel', 'Oui', 'Appelé le 3/11']);
    const secondCells = within(second).getAllByRole('cell').map((c) => c.textContent);
    expect(secondCells).toEqual(['Garage Janssens BV', '0987.654.394', '—', 'Non enregistré', 'Autre logiciel', '—', 'Non', '—']);
    expect(within(first).getByRole('link', { name: 'Boulangerie Dupont SRL' })).toHaveAttribute('href', '/clients/11111111-1111-1111-1111-111111111111');
  });

  it('shows labels and option names in the chosen language', async () => {
    await act(() => i18n.changeLanguage('nl'));
    renderTable();
    expect(screen.getByRole('columnheader', { name: /Software voor PEPPOL-ontvangst/ })).toBeInTheDocument();
    const second = screen.getAllByRole('row')[2];
    const cells = within(second).getAllByRole('cell').map((c) => c.textContent);
    expect(cells).toContain('Niet geregistreerd');
    expect(cells).toContain('Andere software');
    expect(cells).toContain('Nee');
  });

  it('asks for descending order when the sorted column is clicked again, and sorts on custom fields by cf.<key>', async () => {
    const { onSortChange } = renderTable();
    const user = userEvent.setup();
    expect(screen.getByRole('columnheader', { name: /^Nom/ })).toHaveAttribute('aria-sort', 'ascending');
    await user.click(screen.getByRole('button', { name: /^Nom/ }));
    expect(onSortChange).toHaveBeenLastCalledWith('-name');
    await user.click(screen.getByRole('button', { name: /PEPPOL ready/ }));
    expect(onSortChange).toHaveBeenLastCalledWith('cf.peppol_ready');
  });

  it('says so when no client matches', () => {
    renderTable({ clients: [] });
    expect(screen.getByText('Aucun client ne correspond.')).toBeInTheDocument();
  });
});
