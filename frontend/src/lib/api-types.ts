/**
 * The app's names for the API JSON, all taken from the types generated from openapi.yaml (api-schema.d.ts), which
 * marks what the backend always sends as required and what may be null as nullable. Only where openapi.yaml cannot
 * say more than `unknown` (values whose shape follows a field's type) are they narrowed, each saying why.
 */
import type { components } from './api-schema';

type Schemas = components['schemas'];


export type FieldType = Schemas['FieldType'];
export type Labels = Schemas['CustomField']['labels'];
export type FieldOption = Schemas['CustomFieldOption'];
export type FieldDefinition = Schemas['CustomField'];
export type FieldCategory = Schemas['CustomFieldCategory'];

export type DocumentValue = Schemas['DocumentValue'];
/** openapi.yaml types customFields values as `unknown`; their shapes follow the field's type (architecture.md). */
export type CustomFieldValue = string | number | boolean | string[] | DocumentValue | null;
type CustomFields = Record<string, CustomFieldValue>;

export type Address = Schemas['Address'];
/** The client's short Peppol state (the `peppol` property of a client). */
export type PeppolSummary = Schemas['PeppolSummary'];

/** openapi.yaml types customFields values as `unknown`; see CustomFieldValue. */
export type Client = Omit<Schemas['Client'], 'customFields'> & { customFields: CustomFields };
export type ClientPage = Omit<Schemas['ClientPage'], 'items'> & { items: Client[] };
/** Body of POST /api/clients and of the PATCH merge patch (null clears a property, an address part or a custom field). */
export type ClientInput = Omit<Schemas['ClientInput'], 'customFields'> & { customFields?: CustomFields | null };

export type HistoryEntry = Schemas['ClientHistoryEntry'];
export type HistoryPage = Schemas['PageResultHistoryEntry'];

export type PeppolRegistration = Schemas['PeppolRegistration'];

/** openapi.yaml types `value` as `unknown`: it is a status, option key, name or true/false, null for "none". */
export type GroupCount = Omit<Schemas['GroupCount'], 'value'> & { value: string | number | boolean | null };
export type PeppolDay = Schemas['PeppolDay'];
type GroupKey = 'byStatus' | 'byAccessPoint' | 'bySoftwareReceive' | 'bySoftwareSend' | 'byReadiness';
/** GET /api/peppol/summary; its group counts narrowed as GroupCount is. */
export type PeppolDashboardSummary = Omit<Schemas['PeppolDashboardSummary'], GroupKey> & Record<GroupKey, GroupCount[]>;

/** A saved control view of the client list (GET /api/views). */
export type ControlView = Schemas['ControlView'];
export type ControlViewInput = Schemas['ControlViewRequest'];

/** Clients a bulk edit or a Peppol refresh run applies to: ids, or everything matching a filter. */
export type ClientSelection = { ids: string[] } | { filter: string };
export type BulkEditResult = Schemas['BulkEditResult'];
export type PeppolRefreshRun = Schemas['PeppolRefreshRun'];
export type BulkEditFieldPreview = Schemas['BulkEditFieldPreview'];
export type PeppolRefreshFailure = Schemas['PeppolRefreshFailure'];
/** A standard field of the client (GET /api/standard-fields): selector, kind, allowed values, labels. */
export type StandardFieldView = Schemas['StandardFieldView'];
