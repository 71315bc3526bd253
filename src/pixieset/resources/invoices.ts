import type { HttpClient } from '../http.js';
import { type IdCheck, requireId } from '../ids.js';
import { type AllRows, fetchAllPages, type Page } from '../paginate.js';
import { type Invoice, invoiceSchema, parseOne, parsePage } from '../schemas.js';
import type { CallOptions } from './clients.js';

export type PaymentType = 'all' | 'paid' | 'unpaid' | 'overdue';

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
export class InvoicesApi {
  constructor(
    private readonly http: HttpClient,
    private readonly idCheck: IdCheck,
  ) {}

  // One page of invoices; with expandClient each carries its client.
  async list(
    q: InvoiceQuery & { page: number; perPage: number },
    o: CallOptions = {},
  ): Promise<Page<Invoice>> {
    const endpoint = 'GET /invoices/';
    const clientId = q.clientId === undefined ? undefined : requireId(q.clientId, 'client', this.idCheck);
    return this.http.json(
      {
        method: 'GET',
        path: '/invoices/',
        endpoint,
        query: {
          page: q.page,
          per_page: q.perPage,
          client_id: clientId,
          payment_type: q.paymentType && q.paymentType !== 'all' ? q.paymentType : undefined,
          expand: q.expandClient === false ? undefined : 'client',
        },
        signal: o.signal,
        fresh: o.fresh,
      },
      (body) => parsePage(invoiceSchema, body, endpoint),
    );
  }

  // Every invoice matching the query, across all pages.
  async listAll(
    q: InvoiceQuery,
    o: CallOptions & { onProgress?: ((done: number, total: number | undefined) => void) | undefined } = {},
  ): Promise<AllRows<Invoice>> {
    const perPage = 100;
    if (q.clientId !== undefined) requireId(q.clientId, 'client', this.idCheck);
    return fetchAllPages((page, signal) => this.list({ ...q, page, perPage }, { signal, fresh: o.fresh }), {
      perPage,
      signal: o.signal,
      onProgress: o.onProgress,
      idOf: (row) => row.id,
    });
  }

  // One invoice with line items and payments (expand=all).
  async get(id: string, o: CallOptions = {}): Promise<Invoice> {
    const invoiceId = requireId(id, 'invoice', this.idCheck);
    const endpoint = 'GET /invoices/{id}';
    return this.http.json(
      {
        method: 'GET',
        path: `/invoices/${encodeURIComponent(invoiceId)}`,
        endpoint,
        query: { expand: 'all' },
        signal: o.signal,
        fresh: o.fresh,
        notFound: {
          what: `Invoice ${invoiceId}`,
          hint: 'Check the id, or find the invoice with list_invoices or get_client_invoices.',
        },
      },
      (body) => parseOne(invoiceSchema, body, endpoint),
    );
  }

  // Creates an invoice (POST /invoices/); send_email true emails it to the client. Never retried.
  async create(inv: NewInvoice, o: CallOptions = {}): Promise<Invoice> {
    requireId(inv.client_id, 'client', this.idCheck);
    const endpoint = 'POST /invoices/';
    return this.http.json(
      {
        method: 'POST',
        path: '/invoices/',
        endpoint,
        body: inv,
        signal: o.signal,
        fresh: o.fresh,
      },
      (body) => parseOne(invoiceSchema, body, endpoint),
    );
  }
}
