import type { StandardFieldView } from '@/lib/api-types';

type Kind = StandardFieldView['kind'];
const f = (name: string, kind: Kind, fr: string, nl: string, en: string, extra: Partial<StandardFieldView> = {}): StandardFieldView => ({
  name, kind, values: [], labels: { fr, nl, en }, filterable: true, bulkEditable: false, nullable: true,
  writable: !['id', 'createdAt', 'updatedAt', 'lastInfoEmailAt'].includes(name) && !name.startsWith('peppol.'), ...extra,
});

/** GET /api/standard-fields as the backend's StandardField registry answers it. */
export const standardFields: StandardFieldView[] = [
  f('id', 'UUID', 'Identifiant', 'Id', 'Id', { nullable: false }),
  f('reference', 'TEXT', 'Référence', 'Referentie', 'Reference'),
  f('name', 'TEXT', 'Nom', 'Naam', 'Name', { nullable: false }),
  f('type', 'CODE', 'Type', 'Type', 'Type', { values: ['COMPANY', 'PERSON'], nullable: false }),
  f('legalForm', 'TEXT', 'Forme juridique', 'Rechtsvorm', 'Legal form'),
  f('enterpriseNumber', 'TEXT', "Numéro d'entreprise", 'Ondernemingsnummer', 'Enterprise number'),
  f('vatNumber', 'TEXT', 'Numéro de TVA', 'Btw-nummer', 'VAT number'),
  f('vatLiable', 'BOOLEAN', 'Assujetti à la TVA', 'Btw-plichtig', 'VAT liable', { bulkEditable: true, nullable: false }),
  f('email', 'TEXT', 'E-mail', 'E-mail', 'Email'),
  f('language', 'CODE', 'Langue', 'Taal', 'Language', { values: ['fr', 'nl', 'en', 'de'], bulkEditable: true, nullable: false }),
  f('address.street', 'TEXT', 'Rue', 'Straat', 'Street'),
  f('address.postalCode', 'TEXT', 'Code postal', 'Postcode', 'Postal code'),
  f('address.city', 'TEXT', 'Localité', 'Gemeente', 'City'),
  f('address.country', 'TEXT', 'Pays', 'Land', 'Country'),
  f('responsibleUserId', 'UUID', 'Responsable', 'Verantwoordelijke', 'Responsible', { bulkEditable: true }),
  f('status', 'CODE', 'Statut', 'Status', 'Status', { values: ['ACTIVE', 'ARCHIVED'], bulkEditable: true, nullable: false }),
  f('createdAt', 'TIMESTAMP', 'Créé le', 'Aangemaakt op', 'Created at', { nullable: false }),
  f('updatedAt', 'TIMESTAMP', 'Modifié le', 'Gewijzigd op', 'Updated at', { nullable: false }),
  f('peppol.status', 'CODE', 'Statut PEPPOL', 'PEPPOL-status', 'PEPPOL status', {
    values: ['REGISTERED', 'NOT_REGISTERED', 'HERMES_ONLY', 'NO_IDENTIFIER', 'LOOKUP_FAILED'],
  }),
  f('peppol.accessPointName', 'TEXT', "Point d'accès PEPPOL", 'PEPPOL-toegangspunt', 'PEPPOL access point'),
  f('peppol.checkedAt', 'TIMESTAMP', 'Vérifié le', 'Gecontroleerd op', 'Checked at'),
  f('lastInfoEmailAt', 'TIMESTAMP', "Dernier e-mail d'information", 'Laatste informatiemail', 'Last info email', { filterable: false }),
];
