import {
  clientCollectionSchema,
  clientSchema,
  collectionSchema,
  contractSchema,
  galleryClientSchema,
  galleryEventSchema,
  invoiceSchema,
  paymentSchema,
  questionnaireSchema,
  sessionSchema,
} from '../pixieset/schemas.js';
import { ALL_TOOLS } from '../tools/index.js';

// Every endpoint the server reads, and what it reads from each: the expectations a drift report compares live
// answers (or a HAR) with. The tools an endpoint serves are not listed here: each tool declares its endpoints
// (ToolDef.endpoints) and toolsOf derives the names. A test fails when a request template of a resource module
// is neither here nor in WRITES. Kinds: 'id' (a string or a number), 'string',
// 'integer', 'boolean', 'date' (a date or timestamp string), 'object', 'array'.

export type Expect = 'id' | 'string' | 'integer' | 'boolean' | 'date' | 'object' | 'array';

export interface EndpointSpec {
  template: string;
  host: 'studio' | 'gallery';
  // Where the rows are (default ['data']).
  rowsAt?: string[];
  // A list's paging is expected in meta (or at the top level).
  list: boolean;
  query?: Record<string, string | number>;
  // For a detail endpoint: the list endpoint (and its row field) an id is taken from.
  idFrom?: { template: string; field: string; param: string; rowsAt?: string[] };
  // Fields read; `required` ones break every tool of the endpoint when missing.
  fields: Record<string, { kind: Expect; required?: boolean }>;

  // Lists whose paging is read (default: every list).
  paged?: boolean;
  // Read by doctor's own session check rather than by a tool.
  checkedByDoctor?: boolean;
}

const clientFields = {
  id: { kind: 'id', required: true },
  first_name: { kind: 'string' },
  last_name: { kind: 'string' },
  email: { kind: 'string' },
  phone: { kind: 'string' },
  type: { kind: 'string' },
} as const;

const invoiceFields = {
  id: { kind: 'id', required: true },
  invoice_number: { kind: 'string' },
  amount: { kind: 'integer', required: true },
  currency: { kind: 'string' },
  status: { kind: 'string' },
  due_date: { kind: 'date' },
  created_at: { kind: 'date' },
} as const;

// A collection's id, from the gallery dashboard's first row.
const FROM_DASHBOARD: EndpointSpec['idFrom'] = {
  template: 'GET /dashboard_listings',
  field: 'id',
  param: 'gallery_id',
  rowsAt: ['data', 'data', 'collections'],
};
const ACTIVITY = ['photo_downloads', 'gallery_video_downloads', 'favorites', 'visitor_emails'] as const;

export const CATALOG: EndpointSpec[] = [
  {
    template: 'GET /clients/',
    host: 'studio',
    list: true,
    query: { page: 1, per_page: 1 },
    fields: clientFields,
  },
  {
    template: 'GET /clients/{client_id}',
    host: 'studio',
    list: false,
    idFrom: { template: 'GET /clients/', field: 'id', param: 'client_id' },
    fields: clientFields,
  },
  {
    template: 'GET /clients/search',
    host: 'studio',
    list: true,
    query: { q: 'a', page: 1, pageSize: 1 },
    fields: clientFields,
  },
  {
    template: 'GET /invoices/',
    host: 'studio',
    list: true,
    query: { page: 1, per_page: 1, expand: 'client' },
    fields: { ...invoiceFields, client_id: { kind: 'id' } },
  },
  {
    template: 'GET /invoices/{invoice_id}',
    host: 'studio',
    list: false,
    query: { expand: 'all' },
    idFrom: { template: 'GET /invoices/', field: 'id', param: 'invoice_id' },
    fields: {
      ...invoiceFields,
      line_items: { kind: 'array' },
      payments: { kind: 'array' },
    },
  },
  {
    template: 'GET /invoices/payments/list/',
    host: 'studio',
    list: true,
    query: { page: 1, page_size: 1, expand: 'client' },
    fields: {
      id: { kind: 'id' },
      invoice_id: { kind: 'id' },
      amount: { kind: 'integer', required: true },
      currency: { kind: 'string' },
      payment_date: { kind: 'date' },
      payment_method: { kind: 'string' },
      status: { kind: 'string' },
    },
  },
  {
    template: 'GET /contracts/',
    host: 'studio',
    list: true,
    query: { page: 1, per_page: 1, expand: 'client' },
    fields: {
      id: { kind: 'id', required: true },
      status: { kind: 'string' },
      created_at: { kind: 'date' },
    },
  },
  {
    template: 'GET /contracts/{contract_id}',
    host: 'studio',
    list: false,
    query: { expand: 'all' },
    idFrom: { template: 'GET /contracts/', field: 'id', param: 'contract_id' },
    fields: {
      id: { kind: 'id', required: true },
      status: { kind: 'string' },
      signatures: { kind: 'array' },
    },
  },
  {
    template: 'GET /questionnaires/',
    host: 'studio',
    list: true,
    query: { page: 1, per_page: 1, expand: 'client' },
    fields: {
      id: { kind: 'id', required: true },
      status: { kind: 'string' },
    },
  },
  {
    template: 'GET /sessions',
    host: 'studio',
    list: true,
    query: { page: 1, per_page: 1 },
    fields: { id: { kind: 'id', required: true } },
  },
  {
    template: 'GET /clients/{client_id}/cgCollections/',
    host: 'studio',
    list: true,
    query: { page: 1, page_size: 1 },
    idFrom: { template: 'GET /clients/', field: 'id', param: 'client_id' },
    fields: {
      id: { kind: 'id', required: true },
      name: { kind: 'string' },
    },
  },
  {
    template: 'GET /data/bootstrap',
    host: 'gallery',
    list: false,
    checkedByDoctor: true,
    fields: {},
  },
  {
    template: 'GET /dashboard_listings',
    host: 'gallery',
    list: true,
    rowsAt: ['data', 'data', 'collections'],
    query: { page: 1 },
    fields: {
      id: { kind: 'id', required: true },
      name: { kind: 'string' },
      photo_count: { kind: 'integer' },
    },
  },
  {
    template: 'GET /collections/{gallery_id}',
    host: 'gallery',
    list: false,
    idFrom: FROM_DASHBOARD,
    fields: {
      id: { kind: 'id', required: true },
      expiry_date: { kind: 'date' },
      password_protected: { kind: 'boolean' },
      downloadable: { kind: 'boolean' },
    },
  },
  {
    template: 'GET /collections/{gallery_id}/clients',
    host: 'gallery',
    list: true,
    paged: false,
    idFrom: FROM_DASHBOARD,
    fields: {
      email: { kind: 'string' },
      last_accessed: { kind: 'date' },
    },
  },
  {
    template: 'GET /collections/{gallery_id}/before_show',
    host: 'gallery',
    list: false,
    idFrom: FROM_DASHBOARD,
    fields: {},
  },
  // A collection's activity lists: read whole (no paging), rows of the same small event shape.
  ...ACTIVITY.map(
    (kind): EndpointSpec => ({
      template: `GET /collections/{gallery_id}/${kind}`,
      host: 'gallery',
      list: true,
      paged: false,
      idFrom: FROM_DASHBOARD,
      fields: {},
    }),
  ),
];

// The writes the server sends: never probed (the probe only reads), listed so that the catalog test knows them.
export const WRITES: readonly string[] = ['POST /clients/', 'PUT /clients/{client_id}', 'POST /invoices/'];

// The tools that send a request to an endpoint, from their own declarations.
export const toolsOf = (template: string): string[] =>
  ALL_TOOLS.filter((t) => t.endpoints.includes(template)).map((t) => t.name);

// The tools that read the shape an endpoint answers with: those of every endpoint that answers with the same
// fields (a client from the list, the search or alone), since a field renamed in one of them breaks them all.
export function readersOf(template: string): string[] {
  const fields = CATALOG.find((s) => s.template === template)?.fields;
  const family = new Set(CATALOG.filter((s) => s.fields === fields).map((s) => s.template));
  return ALL_TOOLS.filter((t) => t.endpoints.some((e) => family.has(e))).map((t) => t.name);
}

const keys = (schema: { shape: Record<string, unknown> }) => Object.keys(schema.shape);

// Every field the server's schema for an endpoint's rows knows: any other field is extra (and harmless).
export const KNOWN_FIELDS: Record<string, readonly string[]> = {
  'GET /clients/': [...keys(clientSchema), 'address_info'],
  'GET /clients/{client_id}': [...keys(clientSchema), 'address_info'],
  'GET /clients/search': [...keys(clientSchema), 'address_info'],
  'GET /invoices/': keys(invoiceSchema),
  'GET /invoices/{invoice_id}': keys(invoiceSchema),
  'GET /invoices/payments/list/': keys(paymentSchema),
  'GET /contracts/': keys(contractSchema),
  'GET /contracts/{contract_id}': [...keys(contractSchema), 'content'],
  'GET /questionnaires/': keys(questionnaireSchema),
  'GET /sessions': keys(sessionSchema),
  'GET /clients/{client_id}/cgCollections/': keys(clientCollectionSchema),
  'GET /data/bootstrap': ['user', 'profile'],
  'GET /dashboard_listings': [...keys(collectionSchema), 'coverPhoto'],
  'GET /collections/{gallery_id}': keys(collectionSchema),
  'GET /collections/{gallery_id}/clients': keys(galleryClientSchema),
  'GET /collections/{gallery_id}/photo_downloads': keys(galleryEventSchema),
  'GET /collections/{gallery_id}/gallery_video_downloads': keys(galleryEventSchema),
  'GET /collections/{gallery_id}/favorites': keys(galleryEventSchema),
  'GET /collections/{gallery_id}/visitor_emails': keys(galleryEventSchema),
};
