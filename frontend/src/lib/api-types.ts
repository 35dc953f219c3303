/**
 * The app's names for the API JSON, all derived from the types generated from openapi.yaml (api-schema.d.ts).
 * Only where openapi.yaml is looser than the JSON the backend really sends are they narrowed, each saying why.
 */
import type { components, paths } from './api-schema';

type Schemas = components['schemas'];

/** The backend's records always send these properties (ids, keys, versions); openapi.yaml marks none required. */
type WithRequired<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** Empty properties come back as null and a merge patch sends null to clear; openapi.yaml marks none nullable. */
type Nullable<T> = { [K in keyof T]?: T[K] | null };

export type FieldType = Schemas['FieldType'];
export type Labels = NonNullable<Schemas['CustomField']['labels']>;
export type FieldOption = WithRequired<Schemas['CustomFieldOption'], 'key' | 'labels'>;
export type FieldDefinition = WithRequired<Omit<Schemas['CustomField'], 'options'>, 'key' | 'labels' | 'type'> & { options?: FieldOption[] };
/** `fields` always present: categoriesQuery sorts them into an array. */
export type FieldCategory = WithRequired<Omit<Schemas['CustomFieldCategory'], 'fields'>, 'key' | 'labels'> & { fields: FieldDefinition[] };

export type DocumentValue = Schemas['DocumentValue'];
/** openapi.yaml types customFields values as `unknown`; their shapes follow the field's type (architecture.md). */
export type CustomFieldValue = string | number | boolean | string[] | DocumentValue | null;
type CustomFields = Record<string, CustomFieldValue>;

export type Address = Schemas['Address'];
/** The client's short Peppol state (the `peppol` property of a client). */
export type PeppolSummary = Schemas['PeppolSummary'];

/** openapi.yaml types customFields values as `unknown`; see CustomFieldValue. */
export type Client = Omit<Schemas['Client'], 'customFields'> & { customFields: CustomFields };
export type ClientPage = Omit<Schemas['PageResultClientView'], 'items'> & { items?: Client[] };
/** Body of POST /api/clients and of the PATCH merge patch (null clears a property, an address part or a custom field). */
export type ClientInput = Omit<Schemas['ClientInput'], 'customFields'> & { customFields?: CustomFields | null };

export type HistoryEntry = Schemas['ClientHistoryEntry'];
export type HistoryPage = Omit<Schemas['PageResultHistoryEntry'], 'items'> & { items?: HistoryEntry[] };

export type PeppolRegistration = Nullable<Omit<Schemas['PeppolRegistration'], 'accessPoint'>> & {
  accessPoint?: Nullable<Schemas['PeppolAccessPoint']> | null;
};

/** openapi.yaml types `value` as `unknown`: it is a status, option key, name or true/false, null for "none". */
export type GroupCount = Omit<Schemas['GroupCount'], 'value'> & { value: string | number | boolean | null };
export type PeppolDay = WithRequired<Schemas['PeppolDay'], 'date' | 'counts'>;
type GroupKey = 'byStatus' | 'byAccessPoint' | 'bySoftwareReceive' | 'bySoftwareSend' | 'byReadiness';
/** GET /api/peppol/summary, taken from the path: its schema name clashes with the client's PeppolSummary in openapi.yaml. */
type DashboardSummaryJson = paths['/api/peppol/summary']['get']['responses'][200]['content']['application/json'];
export type PeppolDashboardSummary = WithRequired<Omit<DashboardSummaryJson, GroupKey | 'daily'>, 'total'> &
  Record<GroupKey, GroupCount[]> & { daily: PeppolDay[] };

/** A saved control view of the client list (GET /api/views). */
export type ControlView = WithRequired<Nullable<Schemas['ControlView']>, 'id' | 'name'> & { columns?: string[] | null };
export type ControlViewInput = Schemas['ControlViewRequest'];

/** Clients a bulk edit or a Peppol refresh run applies to: ids, or everything matching a filter. */
export type ClientSelection = { ids: string[] } | { filter: string };
export type BulkEditResult = WithRequired<Schemas['BulkEditResult'], 'matched' | 'changed'>;
export type PeppolRefreshRun = WithRequired<Nullable<Schemas['PeppolRefreshRun']>, 'id'>;
