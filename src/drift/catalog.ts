import {
  clientCollectionSchema,
  clientSchema,
  collectionSchema,
  contractSchema,
  galleryClientSchema,
  invoiceSchema,
  paymentSchema,
  questionnaireSchema,
  sessionSchema,
} from '../pixieset/schemas.js';

// Every endpoint the server relies on, what it reads from each and which tools need it: the expectations a
// drift report compares live answers (or a HAR) with. Kinds: 'id' (a string or a number), 'string',
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
  // Fields read, and which tools use each; `required` ones break every tool when missing.
  fields: Record<string, { kind: Expect; tools: readonly string[]; required?: boolean }>;

  // Lists whose paging is read (default: every list).
  paged?: boolean;
}

const CLIENT_TOOLS = ['search_clients', 'list_clients', 'get_client', 'get_client_overview', 'update_client'];
const INVOICE_TOOLS = [
  'list_invoices',
  'get_invoice',
  'get_client_invoices',
  'summarize_invoices',
  'get_receivables',
];
const PAYMENT_TOOLS = ['list_payments', 'revenue_report', 'get_client_overview'];

const clientFields = {
  id: { kind: 'id', tools: CLIENT_TOOLS, required: true },
  first_name: { kind: 'string', tools: CLIENT_TOOLS },
  last_name: { kind: 'string', tools: CLIENT_TOOLS },
  email: { kind: 'string', tools: CLIENT_TOOLS },
  phone: { kind: 'string', tools: ['search_clients', 'get_client', 'update_client'] },
  type: { kind: 'string', tools: ['list_clients', 'update_client'] },
} as const;

const invoiceFields = {
  id: { kind: 'id', tools: INVOICE_TOOLS, required: true },
  invoice_number: { kind: 'string', tools: INVOICE_TOOLS },
  amount: { kind: 'integer', tools: INVOICE_TOOLS, required: true },
  currency: { kind: 'string', tools: INVOICE_TOOLS },
  status: { kind: 'string', tools: INVOICE_TOOLS },
  due_date: { kind: 'date', tools: ['get_receivables', 'summarize_invoices', 'create_invoice'] },
  created_at: { kind: 'date', tools: ['create_invoice', 'revenue_report'] },
} as const;

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
    fields: { ...invoiceFields, client_id: { kind: 'id', tools: INVOICE_TOOLS } },
  },
  {
    template: 'GET /invoices/{invoice_id}',
    host: 'studio',
    list: false,
    query: { expand: 'all' },
    idFrom: { template: 'GET /invoices/', field: 'id', param: 'invoice_id' },
    fields: {
      ...invoiceFields,
      line_items: { kind: 'array', tools: ['get_invoice'] },
      payments: { kind: 'array', tools: ['get_invoice'] },
    },
  },
  {
    template: 'GET /invoices/payments/list/',
    host: 'studio',
    list: true,
    query: { page: 1, page_size: 1, expand: 'client' },
    fields: {
      id: { kind: 'id', tools: PAYMENT_TOOLS },
      invoice_id: { kind: 'id', tools: PAYMENT_TOOLS },
      amount: { kind: 'integer', tools: PAYMENT_TOOLS, required: true },
      currency: { kind: 'string', tools: PAYMENT_TOOLS },
      payment_date: { kind: 'date', tools: PAYMENT_TOOLS },
      payment_method: { kind: 'string', tools: ['list_payments', 'revenue_report'] },
      status: { kind: 'string', tools: PAYMENT_TOOLS },
    },
  },
  {
    template: 'GET /contracts/',
    host: 'studio',
    list: true,
    query: { page: 1, per_page: 1, expand: 'client' },
    fields: {
      id: { kind: 'id', tools: ['list_contracts', 'get_contract'], required: true },
      status: { kind: 'string', tools: ['list_contracts', 'get_client_overview'] },
      created_at: { kind: 'date', tools: ['list_contracts'] },
    },
  },
  {
    template: 'GET /contracts/{contract_id}',
    host: 'studio',
    list: false,
    query: { expand: 'all' },
    idFrom: { template: 'GET /contracts/', field: 'id', param: 'contract_id' },
    fields: {
      id: { kind: 'id', tools: ['get_contract'], required: true },
      status: { kind: 'string', tools: ['get_contract'] },
      signatures: { kind: 'array', tools: ['get_contract'] },
    },
  },
  {
    template: 'GET /questionnaires/',
    host: 'studio',
    list: true,
    query: { page: 1, per_page: 1, expand: 'client' },
    fields: {
      id: { kind: 'id', tools: ['list_questionnaires'], required: true },
      status: { kind: 'string', tools: ['list_questionnaires', 'get_client_overview'] },
    },
  },
  {
    template: 'GET /sessions',
    host: 'studio',
    list: true,
    query: { page: 1, per_page: 1 },
    fields: { id: { kind: 'id', tools: ['list_sessions'], required: true } },
  },
  {
    template: 'GET /clients/{client_id}/cgCollections/',
    host: 'studio',
    list: true,
    query: { page: 1, page_size: 1 },
    idFrom: { template: 'GET /clients/', field: 'id', param: 'client_id' },
    fields: {
      id: { kind: 'id', tools: ['list_galleries', 'get_client_overview'], required: true },
      name: { kind: 'string', tools: ['list_galleries'] },
    },
  },
  {
    template: 'GET /data/bootstrap',
    host: 'gallery',
    list: false,
    fields: {},
  },
  {
    template: 'GET /dashboard_listings',
    host: 'gallery',
    list: true,
    rowsAt: ['data', 'data', 'collections'],
    query: { page: 1 },
    fields: {
      id: { kind: 'id', tools: ['list_galleries'], required: true },
      name: { kind: 'string', tools: ['list_galleries'] },
      photo_count: { kind: 'integer', tools: ['list_galleries'] },
    },
  },
  {
    template: 'GET /collections/{gallery_id}',
    host: 'gallery',
    list: false,
    idFrom: {
      template: 'GET /dashboard_listings',
      field: 'id',
      param: 'gallery_id',
      rowsAt: ['data', 'data', 'collections'],
    },
    fields: {
      id: { kind: 'id', tools: ['get_gallery'], required: true },
      expiry_date: { kind: 'date', tools: ['get_gallery', 'list_galleries'] },
      password_protected: { kind: 'boolean', tools: ['get_gallery'] },
      downloadable: { kind: 'boolean', tools: ['get_gallery'] },
    },
  },
  {
    template: 'GET /collections/{gallery_id}/clients',
    host: 'gallery',
    list: true,
    paged: false,
    idFrom: {
      template: 'GET /dashboard_listings',
      field: 'id',
      param: 'gallery_id',
      rowsAt: ['data', 'data', 'collections'],
    },
    fields: {
      email: { kind: 'string', tools: ['get_gallery'] },
      last_accessed: { kind: 'date', tools: ['get_gallery'] },
    },
  },
];

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
};
