import { describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithProviders } from '@/testing/render';
import { ColumnChooser } from './column-chooser';

const available = [
  { value: 'name', label: 'Nom' },
  { value: 'enterpriseNumber', label: "N° d'entreprise (BCE)" },
  { value: 'vatNumber', label: 'N° de TVA' },
  { value: 'vatLiable', label: 'Assujetti TVA' },
  { value: 'cf.peppol_ready', label: '« PEPPOL ready » ? (PEPPOL)' },
];

describe('column chooser', () => {
  it('adds, removes and reorders columns, the name always first', async () => {
    const onChange = vi.fn();
    renderWithProviders(<ColumnChooser available={available} columns={['name', 'enterpriseNumber', 'vatNumber']} defaults={['name', 'vatNumber']} onChange={onChange} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Colonnes' }));
    const dialog = await screen.findByRole('dialog', { name: 'Colonnes affichées' });
    const shown = () => within(within(dialog).getByRole('list', { name: 'Affichées (dans cet ordre)' })).getAllByRole('listitem').map((i) => i.getAttribute('aria-label'));
    expect(shown()).toEqual(['Nom', "N° d'entreprise (BCE)", 'N° de TVA']);
    expect(within(dialog).getByRole('checkbox', { name: 'Nom' })).toBeDisabled();

    await user.type(within(dialog).getByRole('textbox', { name: 'Chercher une colonne' }), 'ready');
    const hidden = within(dialog).getByRole('list', { name: 'Autres colonnes' });
    expect(within(hidden).getAllByRole('checkbox').map((c) => c.closest('[role=listitem]')?.textContent)).toEqual(['« PEPPOL ready » ? (PEPPOL)']);
    await user.click(within(hidden).getByRole('checkbox', { name: '« PEPPOL ready » ? (PEPPOL)' }));
    await user.click(within(dialog).getByRole('button', { name: 'Monter « « PEPPOL ready » ? (PEPPOL) »' }));
    await user.click(within(dialog).getByRole('checkbox', { name: "N° d'entreprise (BCE)" }));
    expect(shown()).toEqual(['Nom', '« PEPPOL ready » ? (PEPPOL)', 'N° de TVA']);
    expect(within(dialog).getByRole('button', { name: 'Monter « « PEPPOL ready » ? (PEPPOL) »' })).toBeDisabled();

    await user.click(within(dialog).getByRole('button', { name: 'Appliquer' }));
    expect(onChange).toHaveBeenCalledWith(['name', 'cf.peppol_ready', 'vatNumber']);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('goes back to the default columns, and a cancel changes nothing', async () => {
    const onChange = vi.fn();
    renderWithProviders(<ColumnChooser available={available} columns={['name', 'vatLiable', 'gone.column']} defaults={['name', 'vatNumber']} onChange={onChange} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Colonnes' }));
    let dialog = await screen.findByRole('dialog', { name: 'Colonnes affichées' });
    await user.click(within(dialog).getByRole('button', { name: 'Annuler' }));
    expect(onChange).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Colonnes' }));
    dialog = await screen.findByRole('dialog', { name: 'Colonnes affichées' });
    await user.click(within(dialog).getByRole('button', { name: 'Colonnes par défaut' }));
    await user.click(within(dialog).getByRole('button', { name: 'Appliquer' }));
    expect(onChange).toHaveBeenCalledWith(['name', 'vatNumber']);
  });
});
