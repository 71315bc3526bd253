import { z } from 'zod';
import { type EndpointSpec, keysOf } from '../endpoint-spec.js';
import { parsePage, parseShape } from '../envelope.js';
import { requireId } from '../ids.js';
import {
  type AllRows,
  type Page,
  type ProgressOption,
  readAllPages,
  type StreamedRows,
  streamAllPages,
} from '../paginate.js';
import type { CallOptions } from '../request.js';
import { safeLine } from '../safe-text.js';
import { type Payment, paymentSchema } from '../schemas.js';
import { Resource } from './resource.js';

// Typed access to the payments of invoices: the studio-wide list and one payment's detail.
export class PaymentsApi extends Resource {
  // One page of payments, each with its client. This list's page size key is page_size, not per_page.
  list(
    q: { page: number; perPage: number; clientId?: string | undefined },
    o: CallOptions = {},
  ): Promise<Page<Payment>> {
    const t = 'GET /invoices/payments/list/';
    const query = {
      page: q.page,
      page_size: q.perPage,
      client_id: q.clientId === undefined ? undefined : requireId(q.clientId, 'client', this.idCheck),
      expand: 'client',
    };
    return this.http.json(t, { ...o, query }, (b) => parsePage(paymentSchema, b, t));
  }

  // Every payment (of one client), across all pages, each once.
  listAll(
    q: { clientId?: string | undefined },
    o: CallOptions & ProgressOption = {},
  ): Promise<AllRows<Payment & { id: string }>> {
    if (q.clientId !== undefined) requireId(q.clientId, 'client', this.idCheck);
    return readAllPages(this.identified(q.clientId), o);
  }

  // Every payment (of one client) handed to `onRows` a page at a time, as pages arrive (for totals).
  streamAll(
    q: { clientId?: string | undefined },
    onRows: (rows: Array<Payment & { id: string }>) => void,
    o: CallOptions & ProgressOption = {},
  ): Promise<StreamedRows> {
    if (q.clientId !== undefined) requireId(q.clientId, 'client', this.idCheck);
    return streamAllPages(this.identified(q.clientId), onRows, o);
  }

  // Pages whose payments all have an id: one without cannot be told apart from another, so it keeps its
  // place by position.
  private identified(clientId: string | undefined) {
    return async (page: number, perPage: number, c: CallOptions) => {
      const p = await this.list({ page, perPage, clientId }, c);
      return { ...p, items: p.items.map((x, i) => ({ ...x, id: x.id ?? `#${page}:${i}` })) };
    };
  }

  // Disputed payments that need the studio's response: how many, and their total (minor units, and as Pixieset
  // formats it) when given.
  needsResponse(
    o: CallOptions = {},
  ): Promise<{ count: number; totalMinor: number | undefined; total: string | undefined }> {
    const t = 'GET /invoices/payments/disputed,needs-response/count';
    const shape = z.looseObject({
      data: z.looseObject({
        count: z.number().int().nonnegative(),
        total_amount: z.number().int().nullish(),
        total_amount_formatted: z.string().nullish(),
      }),
    });
    return this.http.json(t, o, (b) => {
      const d = parseShape(shape, b, t, '').data;
      return {
        count: d.count,
        totalMinor: d.total_amount ?? undefined,
        total: d.total_amount_formatted ? safeLine(d.total_amount_formatted, 40) : undefined,
      };
    });
  }
}

// What the drift report checks at the endpoint read here.
export const PROBES: EndpointSpec[] = [
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
    known: keysOf(paymentSchema),
  },
  {
    template: 'GET /invoices/payments/disputed,needs-response/count',
    host: 'studio',
    list: false,
    fields: { count: { kind: 'integer', required: true }, total_amount: { kind: 'integer' } },
    known: ['count', 'total_amount', 'total_amount_formatted'],
  },
];
