import { describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { categories } from '@/testing/fixtures';
import { renderWithProviders } from '@/testing/render';
import { standardFields } from '@/testing/standard-fields';
import { filterFields } from '../filter/filter-model';
import { FilterBuilder } from './filter-builder';

const fields = filterFields(standardFields, categories);

async function choose(user: ReturnType<typeof userEvent.setup>, dialog: HTMLElement, label: string, option: string) {
  await user.click(within(dialog).getByRole('combobox', { name: label }));
  await user.click(await screen.findByRole('option', { name: option }));
}

function setup() {
  const onChange = vi.fn();
  renderWithProviders(<FilterBuilder fields={fields} filter="vatLiable==true" onChange={onChange} />);
  const user = userEvent.setup();
  const openAdd = async () => {
    await user.click(screen.getByRole('button', { name: /Ajouter un filtre/ }));
    return screen.findByRole('dialog', { name: 'Ajouter un filtre' });
  };
  return { user, onChange, openAdd };
}

// Many Mantine combobox round trips in jsdom: room for a loaded machine (a bound on failure, not a wait).
describe('filter builder', { timeout: 120_000 }, () => {
  it('shows the active filter as chips in French, each removable', async () => {
    const onChange = vi.fn();
    renderWithProviders(
      <FilterBuilder fields={fields} filter="enterpriseNumber=empty=false;vatLiable==true;peppol.status!=REGISTERED" onChange={onChange} />,
    );
    const chips = screen.getByRole('list', { name: 'Filtres actifs' });
    expect(within(chips).getAllByRole('listitem').map((c) => c.textContent)).toEqual([
      "Numéro d'entreprise\u202f: renseigné",
      'Assujetti à la TVA\u202f: Oui',
      'Statut PEPPOL\u202f: pas Enregistré',
    ]);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Retirer le filtre « Assujetti à la TVA\u202f: Oui »' }));
    expect(onChange).toHaveBeenCalledWith('enterpriseNumber=empty=false;peppol.status!=REGISTERED');
  });

  it('adds a condition: a field, then an operator that fits it; "not empty" needs no value', async () => {
    const { user, onChange, openAdd } = setup();
    const dialog = await openAdd();
    expect(within(dialog).getByRole('button', { name: 'Ajouter' })).toBeDisabled();
    await choose(user, dialog, 'Champ', "Numéro d'entreprise");
    // text fields: contains, is, is not, is one of, is empty, is not empty
    await user.click(within(dialog).getByRole('combobox', { name: 'Condition' }));
    expect((await screen.findAllByRole('option')).map((o) => o.textContent)).toEqual(['contient', 'est', "n'est pas", 'est parmi', 'est vide', "n'est pas vide"]);
    await user.click(screen.getByRole('option', { name: "n'est pas vide" }));
    expect(within(dialog).queryByRole('textbox', { name: 'Valeur' })).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Ajouter' }));
    expect(onChange).toHaveBeenLastCalledWith('vatLiable==true;enterpriseNumber=empty=false');
  });

  it('offers the options of a select field by label, several for "is one of"', async () => {
    const { user, onChange, openAdd } = setup();
    const dialog = await openAdd();
    await choose(user, dialog, 'Champ', 'Logiciel pour la réception PEPPOL');
    await choose(user, dialog, 'Condition', 'est parmi');
    await user.click(within(dialog).getByRole('combobox', { name: 'Valeurs' }));
    await user.click(await screen.findByRole('option', { name: 'Billit' }));
    await user.click(await screen.findByRole('option', { name: 'Exact Online' }));
    await user.click(within(dialog).getByRole('button', { name: 'Ajouter' }));
    expect(onChange).toHaveBeenLastCalledWith('vatLiable==true;cf.peppol_software_receive=in=(billit,exact)');
  });

  it('takes a date range', async () => {
    const { user, onChange, openAdd } = setup();
    const dialog = await openAdd();
    await choose(user, dialog, 'Champ', 'Mandat signé le');
    await choose(user, dialog, 'Condition', 'entre');
    await user.type(within(dialog).getByLabelText('Du / de'), '2026-01-01');
    await user.type(within(dialog).getByLabelText('Au / à'), '2026-06-30');
    await user.click(within(dialog).getByRole('button', { name: 'Ajouter' }));
    expect(onChange).toHaveBeenLastCalledWith('vatLiable==true;cf.mandate_signed_on=ge=2026-01-01;cf.mandate_signed_on=le=2026-06-30');
  });

  it('takes yes or no for a yes / no field', async () => {
    const { user, onChange, openAdd } = setup();
    const dialog = await openAdd();
    await choose(user, dialog, 'Champ', '« PEPPOL ready » ?');
    await user.click(within(dialog).getByRole('radio', { name: 'Non' }));
    await user.click(within(dialog).getByRole('button', { name: 'Ajouter' }));
    expect(onChange).toHaveBeenLastCalledWith('vatLiable==true;cf.peppol_ready==false');
  });

  it('keeps a filter it cannot split into conditions as one removable chip', async () => {
    const onChange = vi.fn();
    renderWithProviders(<FilterBuilder fields={fields} filter="cf.peppol_ready==false,cf.peppol_registered=empty=true" onChange={onChange} />);
    const chip = within(screen.getByRole('list', { name: 'Filtres actifs' })).getByRole('listitem');
    expect(chip).toHaveTextContent('Filtre avancé: cf.peppol_ready==false,cf.peppol_registered=empty=true');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Effacer les filtres' }));
    expect(onChange).toHaveBeenCalledWith(undefined);
  });
});
