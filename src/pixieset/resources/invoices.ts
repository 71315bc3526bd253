import { type EndpointSpec, keysOf } from '../endpoint-spec.js';
import { parseOne, parsePage } from '../envelope.js';
import { requireId } from '../ids.js';
import type { InvoiceStatusFilter } from '../invoice-math.js';
import {
  type AllRows,
  findInPages,
  type Page,
  type ProgressOption,
  readAllPages,
  type StreamedRows,
  scanPages,
  streamAllPages,
} from '../paginate.js';
import type { CallOptions } from '../request.js';
import { type Invoice, invoiceSchema } from '../schemas.js';
import { Resource } from './resource.js';

export type PaymentType = InvoiceStatusFilter;

export interface InvoiceQuery {
  clientId?: string | undefined;
  paymentType?: PaymentType | undefined;
  expandClient?: boolean;
}

export interface NewInvoice {
  client_id: string;
  due_date: string;
  // amount: per unit, in minor units.
  line_items: Array<{ name: string; amount: number; quantity: number }>;
  send_email: boolean;
}

// Typed access to /invoices/: list, get, create.
export class InvoicesApi extends Resource {
  // One page of invoices; with expandClient (the default) each carries its client.
  list(q: InvoiceQuery & { page: number; perPage: number }, o: CallOptions = {}): Promise<Page<Invoice>> {
    const t = 'GET /invoices/';
    const query = {
      page: q.page,
      per_page: q.perPage,
      client_id: q.clientId === undefined ? undefined : requireId(q.clientId, 'client', this.idCheck),
      payment_type: q.paymentType && q.paymentType !== 'all' ? q.paymentType : undefined,
      expand: q.expandClient === false ? undefined : 'client',
    };
    return this.http.json(t, { ...o, query }, (b) => parsePage(invoiceSchema, b, t));
  }

  // Every invoice matching the query, across all pages, each once.
  listAll(q: InvoiceQuery, o: CallOptions & ProgressOption = {}): Promise<AllRows<Invoice>> {
    if (q.clientId !== undefined) requireId(q.clientId, 'client', this.idCheck);
    return readAllPages((page, perPage, c) => this.list({ ...q, page, perPage }, c), o);
  }

  // Every invoice matching the query handed to `onRows` a page at a time, as pages arrive (for totals).
  streamAll(
    q: InvoiceQuery,
    onRows: (rows: Invoice[]) => void,
    o: CallOptions & ProgressOption = {},
  ): Promise<StreamedRows> {
    if (q.clientId !== undefined) requireId(q.clientId, 'client', this.idCheck);
    return streamAllPages((page, perPage, c) => this.list({ ...q, page, perPage }, c), onRows, o);
  }

  // The invoice with this number (e.g. "INV-1003", compared without regard to case or spaces), found by a
  // bounded scan of the list, newest first: the API offers no search by number. Undefined when not found.
  async findByNumber(
    invoiceNumber: string,
    o: CallOptions = {},
  ): Promise<{ found: Invoice | undefined; pages: number }> {
    const wanted = normalNumber(invoiceNumber);
    return findInPages(
      (page, signal) => this.list({ page, perPage: 100 }, { signal, fresh: o.fresh }),
      (inv) => normalNumber(inv.invoice_number ?? '') === wanted,
      { perPage: 100, signal: o.signal, idOf: (inv) => inv.id },
    );
  }

  // Up to `limit` invoices that `matches` keeps, newest first, over the same bounded scan as findByNumber.
  // `complete`: every invoice was looked at and no match was left out. Cut short by the signal, it answers
  // with what it found so far (complete false) instead of failing: for completions, which are typed.
  async findMatching(
    matches: (inv: Invoice) => boolean,
    o: { limit: number; signal: AbortSignal },
  ): Promise<{ found: Invoice[]; complete: boolean }> {
    const found: Invoice[] = [];
    let over = false;
    try {
      const { ended } = await scanPages(
        (page, signal) => this.list({ page, perPage: 100 }, { signal }),
        (rows) => {
          for (const inv of rows) {
            if (!matches(inv)) continue;
            if (found.length === o.limit) over = true;
            else found.push(inv);
          }
          return over;
        },
        { perPage: 100, signal: o.signal, idOf: (inv) => inv.id },
      );
      return { found, complete: ended && !over };
    } catch (error) {
      if (o.signal.aborted) return { found, complete: false };
      throw error;
    }
  }

  // One invoice with line items and payments (expand=all).
  get(id: string, o: CallOptions = {}): Promise<Invoice> {
    const t = 'GET /invoices/{invoice_id}';
    const params = { invoice_id: requireId(id, 'invoice', this.idCheck) };
    return this.http.json(t, { ...o, params, query: { expand: 'all' } }, (b) =>
      parseOne(invoiceSchema, b, t),
    );
  }

  // Creates an invoice; send_email true emails it to the client. Never retried.
  create(inv: NewInvoice, o: CallOptions = {}): Promise<Invoice> {
    requireId(inv.client_id, 'client', this.idCheck);
    const t = 'POST /invoices/';
    return this.http.json(t, { ...o, body: inv }, (b) => parseOne(invoiceSchema, b, t));
  }
}

// An invoice number as compared: spaces dropped, upper case ("inv 1003" and "INV1003" compare alike).
export const normalNumber = (n: string) => n.replace(/\s+/g, '').toUpperCase();

const invoiceFields = {
  id: { kind: 'id', required: true },
  invoice_number: { kind: 'string' },
  amount: { kind: 'integer', required: true },
  currency: { kind: 'string' },
  status: { kind: 'string' },
  due_date: { kind: 'date' },
  created_at: { kind: 'date' },
} as const;

// What the drift report checks at each endpoint read here.
export const PROBES: EndpointSpec[] = [
  {
    template: 'GET /invoices/',
    host: 'studio',
    list: true,
    query: { page: 1, per_page: 1, expand: 'client' },
    fields: { ...invoiceFields, client_id: { kind: 'id' } },
    known: keysOf(invoiceSchema),
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
    known: keysOf(invoiceSchema),
  },
];

// The writes sent here: never probed.
export const WRITES: readonly string[] = ['POST /invoices/'];
