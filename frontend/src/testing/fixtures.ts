import type { Client, ControlView, FieldCategory, FieldDefinition, FieldOption } from '@/lib/api-types';
import type { Me } from '@/features/auth/api/auth';

/** Fills what the API always sends (ids, versions, positions) so that the fixtures only say what matters. */
const option = (o: Pick<FieldOption, 'key' | 'labels' | 'active'>): FieldOption => ({ id: `opt-${o.key}`, position: 0, version: 0, ...o });
const field = (f: Pick<FieldDefinition, 'key' | 'type' | 'labels'> & Partial<FieldDefinition>): FieldDefinition => ({
  id: `fld-${f.key}`, categoryId: 'cat', required: false, position: 0, optionSourceFieldId: null, version: 0, options: [], ...f,
});

const software = [
  { key: 'billit', labels: { fr: 'Billit', nl: 'Billit', en: 'Billit' }, active: true },
  { key: 'exact', labels: { fr: 'Exact Online', nl: 'Exact Online', en: 'Exact Online' }, active: true },
  { key: 'other', labels: { fr: 'Autre logiciel', nl: 'Andere software', en: 'Other software' }, active: true },
  { key: 'old', labels: { fr: 'Ancien logiciel', nl: 'Oude software', en: 'Old software' }, active: false },
].map(option);

export const peppolCategory: FieldCategory = {
  id: 'cat-peppol',
  key: 'peppol',
  labels: { fr: 'PEPPOL', nl: 'PEPPOL', en: 'PEPPOL' },
  position: 0,
  showInClientList: true,
  version: 0,
  fields: ([
    { key: 'peppol_registered', type: 'SYSTEM', labels: { fr: 'Enregistré sur PEPPOL', nl: 'Geregistreerd op PEPPOL', en: 'Registered on PEPPOL' }, position: 0 },
    { key: 'peppol_software_receive', type: 'SELECT', labels: { fr: 'Logiciel pour la réception PEPPOL', nl: 'Software voor PEPPOL-ontvangst', en: 'Software for receiving via PEPPOL' }, position: 1, options: software },
    { key: 'peppol_software_send', type: 'SELECT', labels: { fr: "Logiciel pour l'envoi via PEPPOL", nl: 'Software voor verzending via PEPPOL', en: 'Software for sending via PEPPOL' }, position: 2, options: software },
    { key: 'peppol_ready', type: 'BOOLEAN', labels: { fr: '« PEPPOL ready » ?', nl: '„PEPPOL ready”?', en: '"PEPPOL ready"?' }, position: 3 },
    { key: 'peppol_comments', type: 'LONG_TEXT', labels: { fr: 'Commentaire(s)', nl: 'Opmerking(en)', en: 'Comment(s)' }, position: 4 },
  ] satisfies Parameters<typeof field>[0][]).map(field),
};

export const internalCategory: FieldCategory = {
  id: 'cat-internal',
  key: 'internal',
  labels: { fr: 'Suivi interne', nl: 'Interne opvolging', en: 'Internal follow-up' },
  position: 1,
  showInClientList: false,
  version: 0,
  fields: ([
    { key: 'mandate_signed_on', type: 'DATE', labels: { fr: 'Mandat signé le', nl: 'Mandaat getekend op', en: 'Mandate signed on' } },
    { key: 'employees', type: 'NUMBER', labels: { fr: 'Employés', nl: 'Werknemers', en: 'Employees' } },
    { key: 'mandate_doc', type: 'DOCUMENT', labels: { fr: 'Mandat', nl: 'Mandaat', en: 'Mandate' } },
    {
      key: 'services',
      type: 'MULTI_SELECT',
      labels: { fr: 'Services', nl: 'Diensten', en: 'Services' },
      options: [
        { key: 'vat', labels: { fr: 'TVA', nl: 'Btw', en: 'VAT' }, active: true },
        { key: 'payroll', labels: { fr: 'Paie', nl: 'Loon', en: 'Payroll' }, active: true },
      ].map(option),
    },
    { key: 'contact_person', type: 'TEXT', labels: { fr: 'Personne de contact', nl: 'Contactpersoon', en: 'Contact person' } },
  ] satisfies Parameters<typeof field>[0][]).map(field),
};

export const categories: FieldCategory[] = [peppolCategory, internalCategory];

export function aClient(overrides: Partial<Client> = {}): Client {
  return {
    id: '11111111-1111-1111-1111-111111111111',
    reference: 'C-001',
    name: 'Boulangerie Dupont SRL',
    type: 'COMPANY',
    legalForm: 'SRL',
    enterpriseNumber: '0123456749',
    vatNumber: 'BE0123456749',
    vatLiable: true,
    email: 'info@dupont.be',
    language: 'fr',
    address: { street: 'Rue Haute 1', postalCode: '1000', city: 'Bruxelles', country: 'BE' },
    responsibleUserId: null,
    status: 'ACTIVE',
    customFields: {
      peppol_registered: 'Billit',
      peppol_software_receive: 'billit',
      peppol_software_send: 'other',
      peppol_ready: true,
      peppol_comments: 'Appelé le 3/11',
    },
    peppol: { status: 'REGISTERED', accessPointName: 'Billit', checkedAt: '2026-11-28T02:00:00Z', reason: [] },
    lastInfoEmail: null,
    version: 3,
    createdAt: '2026-11-01T10:00:00Z',
    updatedAt: '2026-11-28T02:00:00Z',
    ...overrides,
  };
}

export function aUser(overrides: Partial<Me> = {}): Me {
  return {
    id: '22222222-2222-2222-2222-222222222222',
    email: 'staff@firm.be',
    name: 'Anne Staff',
    role: 'STAFF',
    language: 'fr',
    peppolDigest: false,
    permissions: ['read', 'write'],
    ...overrides,
  };
}

/** A saved control view with what the API always sends (owner, version, timestamps) filled in. */
export function aView(v: Pick<ControlView, 'id' | 'name' | 'filter' | 'sort' | 'columns' | 'shared' | 'standard'> & Partial<ControlView>): ControlView {
  return { ownerId: null, version: 0, createdAt: '2026-11-01T09:00:00Z', updatedAt: '2026-11-01T09:00:00Z', ...v };
}
