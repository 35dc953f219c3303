/**
 * Operations described in docs/api.md that openapi.yaml does not list yet, typed by hand so that calls are
 * checked now; `paths` in api-client.ts prefers the generated operation as soon as it lands in openapi.yaml.
 * The value types below are the app's view of the API JSON (openapi.yaml does not mark nullable properties).
 */
import type { components } from './api-schema';

type Json<T> = { headers: { [name: string]: unknown }; content: { 'application/json': T } };
type Problem = { headers: { [name: string]: unknown }; content: { 'application/problem+json': components['schemas']['Problem'] } };
type Params<Q = never, P = never, H = never> = {
  query?: Q;
  header?: H;
  cookie?: never;
} & ([P] extends [never] ? { path?: never } : { path: P });
type NoMethods = { put?: never; post?: never; delete?: never; options?: never; head?: never; patch?: never; trace?: never; get?: never };
/** A path item with the given operations and `never` for the others, as openapi-typescript writes them. */
type PathItem<M> = Omit<NoMethods, keyof M> & M & { parameters: Params };

export type Labels = { fr?: string; nl?: string; en?: string; [lang: string]: string | undefined };

export type FieldType = 'TEXT' | 'LONG_TEXT' | 'NUMBER' | 'DATE' | 'BOOLEAN' | 'SELECT' | 'MULTI_SELECT' | 'DOCUMENT' | 'SYSTEM';

export interface FieldOption {
  id?: string;
  key: string;
  labels: Labels;
  position?: number;
  active: boolean;
}

export interface FieldDefinition {
  id?: string;
  key: string;
  labels: Labels;
  type: FieldType;
  required?: boolean;
  position?: number;
  options?: FieldOption[];
}

export interface FieldCategory {
  id?: string;
  key: string;
  labels: Labels;
  position?: number;
  showInClientList: boolean;
  fields: FieldDefinition[];
  version?: number;
}

export interface DocumentValue {
  name: string;
  size?: number;
  contentType?: string;
  url?: string;
}

export type CustomFieldValue = string | number | boolean | string[] | DocumentValue | null;

export interface Address {
  street?: string | null;
  postalCode?: string | null;
  city?: string | null;
  country?: string | null;
}

export interface PeppolSummary {
  status?: string | null;
  accessPointName?: string | null;
  checkedAt?: string | null;
}

export interface Client {
  id: string;
  reference?: string | null;
  name: string;
  type?: 'COMPANY' | 'PERSON';
  legalForm?: string | null;
  enterpriseNumber?: string | null;
  vatNumber?: string | null;
  vatLiable?: boolean;
  email?: string | null;
  language?: string;
  address?: Address | null;
  responsibleUserId?: string | null;
  status?: 'ACTIVE' | 'ARCHIVED';
  customFields?: Record<string, CustomFieldValue>;
  peppol?: PeppolSummary | null;
  version: number;
  createdAt?: string;
  updatedAt?: string;
}

export interface ClientPage {
  items: Client[];
  page: number;
  size: number;
  total: number;
}

export type ClientInput = Partial<Omit<Client, 'id' | 'version' | 'createdAt' | 'updatedAt' | 'peppol'>> & { version?: number };

export interface GroupCount {
  /** The grouped value (status, option key, true/false) or null for "none". */
  value: string | number | boolean | null;
  /** The value's label in the caller's language, when the server knows one (options). */
  label?: string | null;
  count: number;
}

export interface PeppolDay {
  date: string;
  counts: Record<string, number>;
}

export interface PeppolDashboardSummary {
  total: number;
  byStatus: GroupCount[];
  byAccessPoint: GroupCount[];
  bySoftwareReceive: GroupCount[];
  bySoftwareSend: GroupCount[];
  byReadiness: GroupCount[];
  daily: PeppolDay[];
}

export interface PeppolRegistration {
  clientId?: string;
  status?: string | null;
  lastKnownStatus?: string | null;
  participantId?: string | null;
  accessPoint?: { name?: string | null; seatId?: string | null; country?: string | null } | null;
  smpHost?: string | null;
  endpointUrl?: string | null;
  documentTypes?: string[] | null;
  canReceiveInvoices?: boolean;
  checkedAt?: string | null;
  confirmedAt?: string | null;
  lastChangeAt?: string | null;
  lastError?: string | null;
  lastErrorAt?: string | null;
}

export interface pendingPaths {
  '/api/clients': PathItem<{
    get: {
      parameters: Params<{ page?: number; size?: number; sort?: string; filter?: string }>;
      requestBody?: never;
      responses: { 200: Json<ClientPage>; 400: Problem };
    };
  }>;
  '/api/clients/{id}/peppol': PathItem<{
    get: {
      parameters: Params<never, { id: string }>;
      requestBody?: never;
      responses: { 200: Json<PeppolRegistration>; 404: Problem };
    };
  }>;
  '/api/clients/{id}/peppol/refresh': PathItem<{
    post: {
      parameters: Params<never, { id: string }>;
      requestBody?: never;
      responses: { 200: Json<PeppolRegistration>; 404: Problem };
    };
  }>;
  '/api/peppol/summary': PathItem<{
    get: {
      parameters: Params<{ days?: number }>;
      requestBody?: never;
      responses: { 200: Json<PeppolDashboardSummary>; 400: Problem };
    };
  }>;
}
