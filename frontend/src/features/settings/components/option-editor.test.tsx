import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, noContent, problem } from '@/testing/fake-api';
import { renderWithProviders } from '@/testing/render';
import type { FieldOption } from '../api/settings';
import { keyFromLabel, OptionEditor } from './option-editor';

const option = (key: string, fr: string, position: number, extra: Partial<FieldOption> = {}): FieldOption => ({
  id: `opt-${key}`,
  key,
  labels: { fr, nl: `${fr} (nl)`, en: `${fr} (en)` },
  position,
  active: true,
  version: 2,
  ...extra,
});
const options = [option('billit', 'Billit', 0), option('exact', 'Exact Online', 1), option('odoo', 'Odoo', 2)];

describe('the option editor of a dropdown field', () => {
  it('adds an option with its labels in three languages and a key made from the French one', async () => {
    const api = fakeApi({ 'POST /api/custom-fields/{id}/options': ({ body }) => option(body.key, body.labels.fr, body.position ?? 0) });
    renderWithProviders(<OptionEditor fieldId="f1" options={options} />);
    const user = userEvent.setup();
    expect(screen.getByRole('button', { name: 'Ajouter le choix' })).toBeDisabled();
    await user.type(screen.getByRole('textbox', { name: 'Nouveau choix Libellé (FR)' }), 'Comptabilité Éclair');
    await user.type(screen.getByRole('textbox', { name: 'Nouveau choix Libellé (NL)' }), 'Boekhouding Bliksem');
    await user.click(screen.getByRole('button', { name: 'Ajouter le choix' }));
    await waitFor(() => expect(api.find('POST', '/api/custom-fields/f1/options')).toHaveLength(1));
    expect(api.find('POST', '/api/custom-fields/f1/options')[0].body).toEqual({
      key: 'comptabilite_eclair',
      labels: { fr: 'Comptabilité Éclair', nl: 'Boekhouding Bliksem' },
      position: 3,
    });
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Nouveau choix Libellé (FR)' })).toHaveValue(''));
  });

  it('renames, deactivates and moves an option with If-Match on its version', async () => {
    const api = fakeApi({
      'PATCH /api/custom-fields/{id}/options/{optionId}': ({ params, body }) => {
        const found = options.find((o) => o.id === params.optionId)!;
        return { ...found, labels: body.labels ?? found.labels, position: body.position ?? found.position, active: body.active ?? found.active, version: 3 };
      },
    });
    renderWithProviders(<OptionEditor fieldId="f1" options={options} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('switch', { name: '« Exact Online » actif' }));
    await waitFor(() => expect(api.find('PATCH', '/api/custom-fields/f1/options/opt-exact')).toHaveLength(1));
    const deactivate = api.find('PATCH', '/api/custom-fields/f1/options/opt-exact')[0];
    expect(deactivate.body).toEqual({ active: false });
    expect(deactivate.headers.get('If-Match')).toBe('"2"');

    await user.click(screen.getByRole('button', { name: 'Descendre « Billit »' }));
    await waitFor(() => expect(api.find('PATCH', '/api/custom-fields/f1/options/opt-exact')).toHaveLength(2));
    expect(api.find('PATCH', '/api/custom-fields/f1/options/opt-billit')[0].body).toEqual({ position: 1 });
    expect(api.find('PATCH', '/api/custom-fields/f1/options/opt-exact')[1].body).toEqual({ position: 0 });
    expect(screen.getByRole('button', { name: 'Monter « Billit »' })).toBeDisabled();

    const row = screen.getByRole('row', { name: /Odoo/ });
    await user.click(within(row).getByRole('button', { name: 'Renommer' }));
    const fr = within(row).getByRole('textbox', { name: 'Odoo Libellé (FR)' });
    await user.clear(fr);
    await user.type(fr, 'Odoo Comptabilité');
    await user.click(within(row).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(api.find('PATCH', '/api/custom-fields/f1/options/opt-odoo')).toHaveLength(1));
    expect(api.find('PATCH', '/api/custom-fields/f1/options/opt-odoo')[0].body).toEqual({
      labels: { fr: 'Odoo Comptabilité', nl: 'Odoo (nl)', en: 'Odoo (en)' },
    });
  });

  it('deletes an option still used by clients only with a replacement, which they get', async () => {
    const api = fakeApi({
      'DELETE /api/custom-fields/{id}/options/{optionId}': ({ search }) =>
        search.get('replaceWith')
          ? noContent()
          : problem(409, "The option 'billit' is used by 12 client(s)", [
              { field: 'optionId', code: 'option.in_use', message: "The option 'billit' is used by 12 client(s)", params: { option: 'billit', count: 12 } },
            ]),
    });
    renderWithProviders(<OptionEditor fieldId="f1" options={options} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Supprimer « Billit »' }));
    const alert = await screen.findByRole('alert', { name: '« Billit » est utilisé' });
    expect(alert).toHaveTextContent('12 clients ont ce choix');
    const replace = within(alert).getByRole('button', { name: 'Remplacer et supprimer' });
    expect(replace).toBeDisabled();
    await user.click(within(alert).getByRole('combobox', { name: 'Remplacer par' }));
    // the option being deleted is no replacement
    expect(screen.queryByRole('option', { name: 'Billit' })).not.toBeInTheDocument();
    await user.click(await screen.findByRole('option', { name: 'Odoo' }));
    await user.click(replace);
    await waitFor(() => expect(api.find('DELETE', '/api/custom-fields/f1/options/opt-billit')).toHaveLength(2));
    expect(api.find('DELETE', '/api/custom-fields/f1/options/opt-billit')[1].search.get('replaceWith')).toBe('odoo');
    await waitFor(() => expect(screen.queryByRole('alert')).not.toBeInTheDocument());
  });

  it('makes keys the API accepts from any label', () => {
    expect(keyFromLabel('Logiciel « Sage 50 »')).toBe('logiciel_sage_50');
    expect(keyFromLabel('123 Compta')).toBe('o_123_compta');
  });
});
