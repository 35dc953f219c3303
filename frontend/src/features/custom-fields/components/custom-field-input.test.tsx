import { describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CustomFieldValue, FieldDefinition } from '@/lib/api-types';
import { internalCategory, peppolCategory } from '@/testing/fixtures';
import { renderWithProviders } from '@/testing/render';
import { CustomFieldInput } from './custom-field-input';

const field = (key: string): FieldDefinition => {
  const f = [...peppolCategory.fields, ...internalCategory.fields].find((x) => x.key === key);
  if (!f) throw new Error(key);
  return f;
};

function renderInput(key: string, value: CustomFieldValue | undefined, extra: { readOnly?: boolean; error?: string; onUpload?: (f: File) => void; formatContext?: { peppolStatus?: string | null } } = {}) {
  const onChange = vi.fn();
  const { container } = renderWithProviders(
    <CustomFieldInput field={field(key)} value={value} onChange={onChange} documentUrl={`/api/clients/c1/documents/${key}`} {...extra} />,
  );
  return { onChange, container };
}

describe('CustomFieldInput', () => {
  it('edits long text in a textarea', async () => {
    const { onChange } = renderInput('peppol_comments', 'Hello');
    const box = screen.getByRole('textbox', { name: 'Commentaire(s)' });
    expect(box.tagName).toBe('TEXTAREA');
    await userEvent.setup().type(box, '!');
    expect(onChange).toHaveBeenLastCalledWith('Hello!');
  });

  it('edits text in a text input and clears it to null', async () => {
    const { onChange } = renderInput('contact_person', 'A');
    const box = screen.getByRole('textbox', { name: 'Personne de contact' });
    expect(box.tagName).toBe('INPUT');
    await userEvent.setup().clear(box);
    expect(onChange).toHaveBeenLastCalledWith(null);
  });

  it('edits yes/no as radio buttons', async () => {
    const { onChange } = renderInput('peppol_ready', false);
    const group = screen.getByRole('radiogroup', { name: '« PEPPOL ready » ?' });
    expect(group).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Non' })).toBeChecked();
    await userEvent.setup().click(screen.getByRole('radio', { name: 'Oui' }));
    expect(onChange).toHaveBeenLastCalledWith(true);
  });

  it('offers the active options of a select, in the user language, and not the inactive ones', async () => {
    const { onChange } = renderInput('peppol_software_receive', null);
    const user = userEvent.setup();
    await user.click(screen.getByRole('combobox', { name: 'Logiciel pour la réception PEPPOL' }));
    const options = (await screen.findAllByRole('option')).map((o) => o.textContent);
    expect(options).toEqual(['Billit', 'Exact Online', 'Autre logiciel']);
    await user.click(screen.getByRole('option', { name: 'Exact Online' }));
    expect(onChange).toHaveBeenLastCalledWith('exact');
  });

  it('keeps showing an inactive option a client still holds', () => {
    renderInput('peppol_software_send', 'old');
    expect(screen.getByRole('combobox', { name: "Logiciel pour l'envoi via PEPPOL" })).toHaveValue('Ancien logiciel (inactif)');
  });

  it('edits numbers and dates with matching inputs', () => {
    renderInput('employees', 12);
    expect(screen.getByRole('textbox', { name: 'Employés' })).toHaveValue('12');
  });

  it('edits a date with a date input', () => {
    const { container } = renderInput('mandate_signed_on', '2026-03-01');
    expect(container.querySelector('input[type="date"]')).toHaveValue('2026-03-01');
  });

  it('edits a multi select as pills of option labels', () => {
    renderInput('services', ['vat', 'payroll']);
    const box = screen.getByRole('combobox', { name: 'Services' });
    const pills = box.closest('.mantine-MultiSelect-root')!.querySelectorAll('.mantine-Pill-label');
    expect(Array.from(pills).map((p) => p.textContent)).toEqual(['TVA', 'Paie']);
  });

  it('shows a document as a download link with an upload button', () => {
    renderInput('mandate_doc', { name: 'mandat.pdf', size: 1200, contentType: 'application/pdf', url: '/api/clients/c1/documents/mandate_doc' }, { onUpload: vi.fn() });
    expect(screen.getByRole('link', { name: 'mandat.pdf' })).toHaveAttribute('href', '/api/clients/c1/documents/mandate_doc');
    expect(screen.getByRole('button', { name: 'Remplacer le document' })).toBeInTheDocument();
  });

  it('shows a system field as text only, with "not registered" for an empty Peppol registration', () => {
    renderInput('peppol_registered', null);
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(screen.getByText('Non enregistré')).toBeInTheDocument();
  });

  it('says "not checked yet" for the Peppol registration of a client never looked up', () => {
    renderInput('peppol_registered', null, { formatContext: { peppolStatus: null } });
    expect(screen.getByText('Pas encore vérifié')).toBeInTheDocument();
  });

  it('shows values without inputs when read-only', () => {
    renderInput('peppol_software_receive', 'billit', { readOnly: true });
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(screen.getByText('Billit')).toBeInTheDocument();
  });

  it('shows the server message next to the field', () => {
    renderInput('peppol_comments', 'x', { error: 'trop long' });
    expect(screen.getByText('trop long')).toBeInTheDocument();
  });
});
