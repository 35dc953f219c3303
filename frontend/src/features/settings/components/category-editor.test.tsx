import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, problem } from '@/testing/fake-api';
import { categories, internalCategory, peppolCategory } from '@/testing/fixtures';
import { renderWithProviders } from '@/testing/render';
import { CategoryEditor } from './category-editor';

describe('the categories and fields of Paramètres › Champs personnalisés', () => {
  it('adds a category with its labels, a key from the French one, last in order and shown in the list', async () => {
    const api = fakeApi({
      'POST /api/custom-field-categories': ({ body }) => ({ id: 'cat-new', key: body.key, labels: body.labels, position: body.position ?? 0, showInClientList: !!body.showInClientList, version: 0, fields: [] }),
    });
    renderWithProviders(<CategoryEditor categories={categories} />);
    const user = userEvent.setup();
    const add = screen.getByRole('button', { name: 'Ajouter la catégorie' });
    expect(add).toBeDisabled();
    await user.type(screen.getByRole('textbox', { name: 'Nouvelle catégorie Libellé (FR)' }), 'Mandats & procurations');
    await user.type(screen.getByRole('textbox', { name: 'Nouvelle catégorie Libellé (NL)' }), 'Mandaten');
    await user.click(add);
    await waitFor(() => expect(api.find('POST', '/api/custom-field-categories')).toHaveLength(1));
    expect(api.find('POST', '/api/custom-field-categories')[0].body).toEqual({
      key: 'mandats_procurations',
      labels: { fr: 'Mandats & procurations', nl: 'Mandaten' },
      position: 2,
      showInClientList: true,
    });
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Nouvelle catégorie Libellé (FR)' })).toHaveValue(''));
  });

  it('shows a category in the client list, reorders and renames it with If-Match on its version', async () => {
    const api = fakeApi({
      'PATCH /api/custom-field-categories/{id}': ({ params, body }) => {
        const found = categories.find((c) => c.id === params.id)!;
        return { ...found, labels: body.labels ?? found.labels, position: body.position ?? found.position, showInClientList: body.showInClientList ?? found.showInClientList, version: 1 };
      },
    });
    renderWithProviders(<CategoryEditor categories={categories} />);
    const user = userEvent.setup();
    const shown = screen.getByRole('switch', { name: "« Suivi interne »\u202f: afficher dans l'écran Voir tous les clients" });
    expect(shown).not.toBeChecked();
    await user.click(shown);
    await waitFor(() => expect(api.find('PATCH', '/api/custom-field-categories/cat-internal')).toHaveLength(1));
    const patch = api.find('PATCH', '/api/custom-field-categories/cat-internal')[0];
    expect(patch.body).toEqual({ showInClientList: true });
    expect(patch.headers.get('If-Match')).toBe('"0"');

    await user.click(screen.getByRole('button', { name: 'Monter « Suivi interne »' }));
    await waitFor(() => expect(api.find('PATCH', '/api/custom-field-categories/cat-peppol')).toHaveLength(1));
    expect(api.find('PATCH', '/api/custom-field-categories/cat-internal')[1].body).toEqual({ position: 0 });
    expect(api.find('PATCH', '/api/custom-field-categories/cat-peppol')[0].body).toEqual({ position: 1 });

    await user.click(screen.getByRole('button', { name: 'Renommer « PEPPOL »' }));
    const en = screen.getByRole('textbox', { name: 'PEPPOL Libellé (EN)' });
    await user.clear(en);
    await user.type(en, 'Peppol e-invoicing');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(api.find('PATCH', '/api/custom-field-categories/cat-peppol')).toHaveLength(2));
    expect(api.find('PATCH', '/api/custom-field-categories/cat-peppol')[1].body).toEqual({ labels: { fr: 'PEPPOL', nl: 'PEPPOL', en: 'Peppol e-invoicing' } });
  });

  it('adds a required field of a chosen type to the chosen category', async () => {
    const api = fakeApi({
      'POST /api/custom-fields': ({ body }) => ({ id: 'fld-new', categoryId: body.categoryId, key: body.key, labels: body.labels, type: body.type, required: !!body.required, position: body.position ?? 0, optionSourceFieldId: null, version: 0, options: [] }),
    });
    renderWithProviders(<CategoryEditor categories={categories} />);
    const user = userEvent.setup();
    // the first category's fields are shown first
    expect(screen.getByRole('table', { name: 'Champs de « PEPPOL »' })).toBeInTheDocument();
    await user.click(screen.getByRole('combobox', { name: 'Champs de la catégorie' }));
    await user.click(await screen.findByRole('option', { name: 'Suivi interne' }));
    const fields = screen.getByRole('table', { name: 'Champs de « Suivi interne »' });
    expect(within(fields).getByRole('row', { name: /Employés/ })).toBeInTheDocument();

    await user.type(screen.getByRole('textbox', { name: 'Nouveau champ Libellé (FR)' }), 'Date de clôture');
    await user.click(screen.getByRole('combobox', { name: 'Type du nouveau champ' }));
    await user.click(await screen.findByRole('option', { name: 'Date' }));
    await user.click(screen.getByRole('checkbox', { name: 'Obligatoire' }));
    await user.click(screen.getByRole('button', { name: 'Ajouter le champ' }));
    await waitFor(() => expect(api.find('POST', '/api/custom-fields')).toHaveLength(1));
    expect(api.find('POST', '/api/custom-fields')[0].body).toEqual({
      categoryId: 'cat-internal',
      key: 'date_de_cloture',
      labels: { fr: 'Date de clôture' },
      type: 'DATE',
      required: true,
      position: 1,
    });
  });

  it('changes a field’s type and required flag, and says in French why the server refuses', async () => {
    const api = fakeApi({
      'PATCH /api/custom-fields/{id}': ({ body }) =>
        body.type
          ? problem(409, 'The type cannot change', [{ field: 'type', code: 'field.type_locked' }])
          : { ...peppolCategory.fields![4], required: !!body.required, version: 1 },
    });
    renderWithProviders(<CategoryEditor categories={[peppolCategory, internalCategory]} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('switch', { name: '« Commentaire(s) » obligatoire' }));
    await waitFor(() => expect(api.find('PATCH', '/api/custom-fields/fld-peppol_comments')).toHaveLength(1));
    expect(api.find('PATCH', '/api/custom-fields/fld-peppol_comments')[0].body).toEqual({ required: true });

    // a system field keeps its type
    expect(screen.queryByRole('combobox', { name: 'Type de « Enregistré sur PEPPOL »' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('combobox', { name: 'Type de « Commentaire(s) »' }));
    await user.click(await screen.findByRole('option', { name: 'Texte' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Le type de ce champ ne peut plus changer.');
    expect(api.find('PATCH', '/api/custom-fields/fld-peppol_comments')[1].body).toEqual({ type: 'TEXT' });
  });
});
