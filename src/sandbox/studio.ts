import { formatMoney as money } from '../pixieset/money.js';
import {
  DEFAULT_SEED,
  paidOnInvoice,
  type SandboxClient,
  type SandboxInvoice,
  type SandboxPayment,
  type SeedOptions,
  seedStudio,
} from './data.js';
import { makeId, rng } from './random.js';
import {
  type SandboxCollection,
  type SandboxContract,
  type SandboxQuestionnaire,
  type SandboxSession,
  seedRecords,
} from './records.js';

// How the sandbox writes its answers: the documented variants of Pixieset's API it can imitate.
export interface RenderOptions {
  // Whether GET /clients/search exists (false answers 404, as an API without it would).
  searchEndpoint?: boolean;
  // Leave meta.last_page out of list answers (some documented lists do).
  omitLastPage?: boolean;
  // Leave meta.total and meta.last_page out, so readers must stop at a short page.
  omitTotals?: boolean;
  // Which of the three documented 422 bodies to use.
  validationStyle?: 'laravel' | 'guide' | 'docs';
  // The largest page size honoured (larger requests are capped).
  maxPageSize?: number;
  // Leave amount_paid / amount_due out of invoice lists.
  omitPaidFields?: boolean;
  // Lists show a new invoice or client only this long after it was created (real lists lag behind writes).
  listLagMs?: number;
  // How dates are written: 'date' (2030-06-30) or 'timestamp' (2030-06-30T00:00:00.000000Z).
  dateStyle?: 'date' | 'timestamp';
  // Give partially refunded payments a refunded_amount (the docs name no such field: off by default).
  refundAmounts?: boolean;
  // API areas this studio does not offer: their endpoints answer 404 (a studio or plan without them).
  unavailable?: Array<'contracts' | 'questionnaires' | 'sessions' | 'cgCollections'>;
  // Where list answers put their paging keys, and under which names: Laravel's meta (per_page, last_page),
  // the docs' names (page_size, total_pages), or the same keys at the top level of the body.
  paging?: 'laravel' | 'docs-names' | 'top-level';
  // Letters and digits after an id's prefix (the guide says 30; the docs show other lengths).
  idLength?: number;
  // The inbox's shapes the docs leave open, the lean way: no participants (so no client names), no
  // last_message_at or updated_at, the studio's messages from sender_type "studio", and no unread count
  // endpoint (404).
  inbox?: 'docs' | 'lean';
}

// The documented alternatives the sandbox can serve, each a set of the options above (see SandboxOptions).
export const VARIANTS = {
  // Laravel's conventions: { message, errors }, meta with per_page and last_page. The default.
  laravel: {},
  // The Quick Start Guide's: 422 { message, details }, lists without last_page.
  guide: { validationStyle: 'guide', omitLastPage: true },
  // The docs': { error: { code, message, details } } on every error, page_size and total_pages.
  docs: { validationStyle: 'docs', paging: 'docs-names' },
  // Ids of another length than the guide's 30, and paging keys at the top level of list bodies.
  'other-ids': { idLength: 24, paging: 'top-level' },
} as const satisfies Record<string, RenderOptions>;
export type Variant = keyof typeof VARIANTS;

// What a route answers: a status and a JSON body.
export interface Answer {
  status: number;
  body: unknown;
}

// The demo studio the routes work on: its data, what was written to it, and how it is rendered as JSON.
// A new API area is a route file (routes/<area>.ts) and a data file whose records `area()` keeps here; the
// router and this class are unchanged.
export class Studio {
  readonly clients: SandboxClient[];
  readonly invoices: SandboxInvoice[];
  readonly contracts: SandboxContract[];
  readonly questionnaires: SandboxQuestionnaire[];
  readonly sessions: SandboxSession[];
  readonly collections: SandboxCollection[];
  // Invoice ids emailed to clients by POST /invoices/ with send_email: true.
  readonly emailed: string[] = [];
  // Every PUT /clients/{id} body, as sent.
  readonly updates: Array<{ id: string; body: Record<string, unknown> }> = [];
  readonly rand: () => number;
  nextInvoiceNumber: number;
  // When each object was created through the API (for listLagMs).
  private readonly createdAt = new Map<string, number>();
  // Requests that may have changed the data (every one but a GET); memo() recomputes after one.
  writes = 0;
  private readonly memos = new Map<string, { key: string; value: unknown }>();
  // The seed the studio was made from: an area seeds its own records from it and from the clients.
  readonly seed: SeedOptions;
  private readonly areas = new Map<string, unknown>();

  constructor(
    seed: Partial<SeedOptions> | undefined,
    readonly opts: RenderOptions,
  ) {
    const options = { ...DEFAULT_SEED, ...seed };
    this.seed = options;
    const data = seedStudio(options);
    this.clients = data.clients;
    this.invoices = data.invoices;
    if (opts.idLength !== undefined) reshapeIds(this.clients, this.invoices, opts.idLength);
    const records = seedRecords(this.clients, options.today, options.seed, options.galleryShare);
    this.contracts = records.contracts;
    this.questionnaires = records.questionnaires;
    this.sessions = records.sessions;
    this.collections = records.collections;
    if (opts.idLength !== undefined) {
      for (const list of [this.contracts, this.questionnaires, this.sessions])
        for (const x of list as Array<{ id: string }>) x.id = shorten(x.id, opts.idLength);
    }
    this.rand = rng(options.seed ^ 0x5eed);
    this.nextInvoiceNumber = 1001 + this.invoices.length;
  }

  // A value derived from the data (a sorted list), kept until the data may have changed: the large studio's
  // lists are read hundreds of pages at a time, and sorting 25,000 invoices for each page is the sandbox's cost.
  memo<T>(name: string, compute: () => T): T {
    const key = `${this.writes}:${this.invoices.length}:${this.clients.length}`;
    const hit = this.memos.get(name);
    if (hit?.key === key) return hit.value as T;
    const value = compute();
    this.memos.set(name, { key, value });
    return value;
  }

  // An API area's records, made by `make` the first time a route asks for them, then kept (and changed by the
  // area's writes) for the life of the studio.
  area<T>(name: string, make: (studio: Studio) => T): T {
    if (!this.areas.has(name)) this.areas.set(name, make(this));
    return this.areas.get(name) as T;
  }

  newId(prefix: string): string {
    return shorten(makeId(prefix, this.rand), this.opts.idLength);
  }

  // Records an object created through the API now.
  created(id: string): void {
    this.createdAt.set(id, Date.now());
  }

  // False while a new object is still missing from lists (listLagMs).
  listed(id: string): boolean {
    const at = this.createdAt.get(id);
    return at === undefined || Date.now() - at >= (this.opts.listLagMs ?? 0);
  }

  // The clients lists show, of the given comma-separated types (all when null).
  listedClients(types: string | null): SandboxClient[] {
    const visible = this.clients.filter((c) => this.listed(c.id));
    if (!types) return visible;
    const wanted = new Set(types.split(','));
    return visible.filter((c) => wanted.has(c.type));
  }

  date(d: string): string {
    return this.opts.dateStyle === 'timestamp' ? `${d}T00:00:00.000000Z` : d;
  }

  // One page of a list, Laravel-style, honouring the page-size key the endpoint uses.
  page<T>(
    all: T[],
    q: URLSearchParams,
    sizeKey: 'per_page' | 'page_size' | 'pageSize',
    render: (x: T) => unknown,
    noLastPage = false,
  ): Answer {
    const max = this.opts.maxPageSize ?? 100;
    const page = Math.max(1, Number.parseInt(q.get('page') ?? '1', 10) || 1);
    const per = Math.min(max, Math.max(1, Number.parseInt(q.get(sizeKey) ?? '25', 10) || 25));
    const slice = all.slice((page - 1) * per, page * per);
    const last = Math.max(1, Math.ceil(all.length / per));
    const meta: Record<string, number | null> = {
      current_page: page,
      per_page: per,
      from: slice.length ? (page - 1) * per + 1 : null,
      to: slice.length ? (page - 1) * per + slice.length : null,
    };
    if (!this.opts.omitTotals) meta.total = all.length;
    if (!noLastPage && !this.opts.omitLastPage && !this.opts.omitTotals) meta.last_page = last;
    if (this.opts.paging === 'docs-names') {
      meta.page_size = meta.per_page ?? per;
      delete meta.per_page;
      if ('last_page' in meta) {
        meta.total_pages = meta.last_page ?? last;
        delete meta.last_page;
      }
    }
    if (this.opts.paging === 'top-level') return { status: 200, body: { data: slice.map(render), ...meta } };
    return {
      status: 200,
      body: {
        data: slice.map(render),
        meta,
        links: {
          first: `?page=1`,
          last: `?page=${last}`,
          prev: page > 1 ? `?page=${page - 1}` : null,
          next: page < last ? `?page=${page + 1}` : null,
        },
      },
    };
  }

  clientJson(c: SandboxClient): Record<string, unknown> {
    const { currency: _currency, ...rest } = c;
    return { ...rest, address_info: null };
  }

  clientRef(id: string): Record<string, unknown> | null {
    const byId = this.memo('clients by id', () => new Map(this.clients.map((x) => [x.id, x])));
    const c = byId.get(id);
    return c ? { id: c.id, first_name: c.first_name, last_name: c.last_name, email: c.email } : null;
  }

  invoiceJson(inv: SandboxInvoice, o: { client: boolean; detail: boolean }): Record<string, unknown> {
    const amount = inv.line_items.reduce((s, l) => s + l.amount * l.quantity, 0);
    const paid = paidOnInvoice(inv.payments);
    const out: Record<string, unknown> = {
      id: inv.id,
      invoice_number: inv.invoice_number,
      client_id: inv.client_id,
      amount,
      amount_formatted: money(amount, inv.currency),
      currency: inv.currency,
      status: inv.status,
      due_date: this.date(inv.due_date),
      created_at: inv.created_at,
    };
    if (!this.opts.omitPaidFields || o.detail) {
      out.amount_paid = paid;
      out.amount_due = amount - paid;
    }
    if (o.client) out.client = this.clientRef(inv.client_id);
    if (o.detail) {
      out.line_items = inv.line_items.map((l) => ({ ...l, amount_formatted: money(l.amount, inv.currency) }));
      out.payments = inv.payments.map((p) => this.paymentJson(p));
    }
    return out;
  }

  // A payment as the payments list and an invoice's detail give it.
  paymentJson(p: SandboxPayment): Record<string, unknown> {
    const { refunded_amount, ...rest } = p;
    return {
      ...rest,
      payment_date: this.date(p.payment_date),
      ...(this.opts.refundAmounts && p.status === 'partially_refunded' ? { refunded_amount } : {}),
    };
  }

  // False for an area this studio's API does not offer (RenderOptions.unavailable).
  offers(area: NonNullable<RenderOptions['unavailable']>[number]): boolean {
    return !this.opts.unavailable?.includes(area);
  }

  // A 422 in the configured one of the three documented shapes.
  invalid(fields: Record<string, string[]>): Answer {
    const message = Object.values(fields)[0]?.[0] ?? 'The given data was invalid.';
    const style = this.opts.validationStyle ?? 'laravel';
    if (style === 'guide') return { status: 422, body: { message, details: fields } };
    if (style === 'docs')
      return { status: 422, body: { error: { code: 'validation_error', message, details: fields } } };
    return { status: 422, body: { message, errors: fields } };
  }
}

// When a write happened, as Pixieset writes timestamps.
export const nowStamp = () => new Date().toISOString().replace(/\.\d{3}Z$/, '.000000Z');

// A JSON body as an object (anything else as an empty one), for write validation.
export const asRecord = (body: unknown): Record<string, unknown> =>
  (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;

// The answer of an endpoint this studio does not offer.
export const NOT_OFFERED: Answer = { status: 404, body: { message: 'Not Found' } };

// An id with its random part cut to `length` letters and digits (unchanged when length is undefined).
const shorten = (id: string, length: number | undefined) => {
  if (length === undefined) return id;
  const at = id.indexOf('_');
  return id.slice(0, at + 1 + length);
};

// Gives every seeded id (and every reference to one) `length` letters and digits after its prefix.
function reshapeIds(clients: SandboxClient[], invoices: SandboxInvoice[], length: number): void {
  for (const c of clients) c.id = shorten(c.id, length);
  for (const inv of invoices) {
    inv.id = shorten(inv.id, length);
    inv.client_id = shorten(inv.client_id, length);
    for (const l of inv.line_items) l.id = shorten(l.id, length);
    for (const p of inv.payments) {
      p.id = shorten(p.id, length);
      p.invoice_id = inv.id;
    }
  }
}
