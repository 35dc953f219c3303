import { describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithProviders } from '@/testing/render';
import { standardFields } from '@/testing/standard-fields';
import { canMatch, duplicateFields, guessedMapping, importTargets, type ImportColumn } from '@/features/clients/import-mapping';
import { ImportMappingStep } from './client-import';

const columns: ImportColumn[] = [
  { index: 0, header: "Numéro d'entreprise", field: 'enterpriseNumber' },
  { index: 1, header: 'Nom', field: 'name' },
  { index: 2, header: 'Remarque', field: null },
];
const targets = importTargets(standardFields, [], 'fr');

describe('import column mapping', () => {
  it('starts from the guessed fields, offers only writable ones and checks the mapping', () => {
    expect(guessedMapping(columns)).toEqual({ "Numéro d'entreprise": 'enterpriseNumber', Nom: 'name', Remarque: null });
    expect(targets.map((t) => t.value)).toContain('address.city');
    expect(targets.map((t) => t.value)).not.toContain('createdAt');
    expect(targets.map((t) => t.value)).not.toContain('peppol.status');
    expect(duplicateFields({ a: 'name', b: 'name', c: null })).toEqual(['name']);
    expect(canMatch({ a: 'name' })).toBe(false);
    expect(canMatch({ a: 'reference' })).toBe(true);
  });

  it('shows each column with its guessed field and lets the user change it', async () => {
    const onChange = vi.fn();
    renderWithProviders(<ImportMappingStep columns={columns} mapping={guessedMapping(columns)} targets={targets} onChange={onChange} />);
    expect(screen.getByLabelText("Champ de la colonne Numéro d'entreprise", { selector: 'input' })).toHaveValue("Numéro d'entreprise");
    expect(screen.getByLabelText('Champ de la colonne Remarque', { selector: 'input' })).toHaveValue('(ignorer)');
    const user = userEvent.setup();
    await user.click(screen.getByLabelText('Champ de la colonne Remarque', { selector: 'input' }));
    await user.click(await screen.findByRole('option', { name: 'Localité' }));
    expect(onChange).toHaveBeenCalledWith({ "Numéro d'entreprise": 'enterpriseNumber', Nom: 'name', Remarque: 'address.city' });
  });

  it('says when two columns go to one field and when nothing matches rows to clients', () => {
    renderWithProviders(
      <ImportMappingStep columns={columns} mapping={{ "Numéro d'entreprise": null, Nom: 'name', Remarque: 'name' }} targets={targets} onChange={() => {}} />,
    );
    expect(screen.getAllByText('Une autre colonne va déjà dans ce champ')).toHaveLength(2);
    expect(screen.getByRole('alert')).toHaveTextContent('numéro d’entreprise ou à la référence');
  });
});
