import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { formatMoney as money } from '../pixieset/money.js';
import {
  asciiKey,
  DEFAULT_SEED,
  makeId,
  rng,
  type SandboxClient,
  type SandboxInvoice,
  type SeedOptions,
  seedStudio,
} from './data.js';

// A failure the sandbox can be told to produce, as pixieset-api.md lists them.
export type FaultKind =
  | 'expired-401'
  | 'expired-redirect'
  | 'expired-html'
  | 'csrf-419'
  | 'cloudflare'
  | 'rate-limit'
  | 'status'
  | 'reset'
  | 'slow'
  | 'malformed-json'
  | 'wrong-shape'
  | 'invalid'
  | 'hang'
  | 'shutdown-after'
  // A 2xx with an empty body (with when: 'commit', the write is carried out first).
  | 'empty-2xx'
  // Whatever `respond` writes: a hostile upstream for one request, the rest of the sandbox unchanged.
  | 'respond';

export interface Fault {
  kind: FaultKind;
  // For 'status': the HTTP status to answer (e.g. 500, 502, 503).
  status?: number;
  // For 'rate-limit': the Retry-After header value, if any.
  retryAfter?: string;
  // For 'invalid': the 422 field messages.
  fields?: Record<string, string[]>;
  // For 'slow': how long to wait before answering normally; for 'hang': before dropping the connection unanswered.
  delayMs?: number;
  // How many matching requests it hits (default 1; Infinity for every one).
  times?: number;
  method?: string;
  // Matches the path below /api/v1 (a string matches a prefix).
  path?: string | RegExp;
  // Matches query parameters exactly, e.g. { page: '3' }.
  query?: Record<string, string>;
  // For writes: 'commit' applies the write first, then fails (the object exists though the client saw a failure).
  when?: 'before' | 'commit';
  // For 'respond': writes the whole answer.
  respond?: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  at: number;
}

export interface SandboxOptions {
  seed?: Partial<SeedOptions>;
  // Delay added to every response, in ms.
  latencyMs?: number;
  // Whether GET /clients/search exists (false answers 404, as an API without it would).
  searchEndpoint?: boolean;
  // Leave meta.last_page out of list answers (some documented lists do).
  omitLastPage?: boolean;
  // Leave meta.total and meta.last_page out, so readers must stop at a short page.
  omitTotals?: boolean;
  // Issue a new XSRF-TOKEN cookie with every answer and accept only the newest (Laravel-style rotation).
  rotateXsrf?: boolean;
  // How a missing or expired session is answered.
  unauthStyle?: '401' | 'redirect' | 'html';
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
  // Bind address; always loopback.
  host?: '127.0.0.1' | '::1';
  port?: number;
}

const SESSION_COOKIE = 'pixieset_studio_session';
const API = '/api/v1';

// A Pixieset-compatible HTTP server on loopback with seeded demo data, cookie checks and switchable faults.
export class Sandbox {
  readonly clients: SandboxClient[];
  readonly invoices: SandboxInvoice[];
  readonly requests: RecordedRequest[] = [];
  // Invoice ids emailed to clients by POST /invoices/ with send_email: true.
  readonly emailed: string[] = [];
  inFlight = 0;
  maxInFlight = 0;
  latencyMs: number;
  private readonly opts: SandboxOptions;
  private readonly seedRand: () => number;
  private faults: Array<Fault & { left: number }> = [];
  private sessions = new Set<string>();
  private xsrf = new Set<string>();
  private server: Server | undefined;
  private baseUrl = '';
  private sessionToken = '';
  private nextInvoiceNumber: number;

  private constructor(opts: SandboxOptions) {
    this.opts = opts;
    const seed = { ...DEFAULT_SEED, ...opts.seed };
    const studio = seedStudio(seed);
    this.clients = studio.clients;
    this.invoices = studio.invoices;
    this.seedRand = rng(seed.seed ^ 0x5eed);
    this.latencyMs = opts.latencyMs ?? 0;
    this.nextInvoiceNumber = 1001 + this.invoices.length;
    this.newSession();
  }

  // Starts a sandbox on 127.0.0.1 at a free port (or opts.port).
  static async start(opts: SandboxOptions = {}): Promise<Sandbox> {
    const sb = new Sandbox(opts);
    const server = createServer((req, res) => {
      sb.handle(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
    });
    const addr = server.address() as AddressInfo;
    const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
    sb.server = server;
    sb.baseUrl = `http://${host}:${addr.port}${API}`;
    return sb;
  }

  // The base URL to give the client (PIXIESET_BASE_URL).
  get url(): string {
    return this.baseUrl;
  }

  // A Cookie header the sandbox accepts, shaped like the one a browser sends.
  get cookie(): string {
    const token = [...this.xsrf].at(-1) ?? '';
    return `_ga=GA1.2.1234567890.1700000000; ${SESSION_COOKIE}=${this.sessionToken}; XSRF-TOKEN=${encodeURIComponent(token)}`;
  }

  // Ends every session: requests with earlier cookies are answered as expired.
  expireSessions(): void {
    this.sessions.clear();
  }

  // Starts a new session (as a fresh browser login would) and returns its Cookie header.
  newSession(): string {
    this.sessionToken = randomBytes(24).toString('base64url');
    this.sessions.add(this.sessionToken);
    this.xsrf.add(this.newXsrfToken());
    return this.cookie;
  }

  // Queues a fault for the next matching request(s).
  inject(fault: Fault): void {
    this.faults.push({ ...fault, left: fault.times ?? 1 });
  }

  clearFaults(): void {
    this.faults = [];
  }

  // Forgets recorded requests and the in-flight high-water mark.
  resetStats(): void {
    this.requests.length = 0;
    this.maxInFlight = this.inFlight;
  }

  // Requests seen with this method and a path starting with the prefix.
  count(method: string, pathPrefix = ''): number {
    return this.requests.filter((r) => r.method === method && r.path.startsWith(pathPrefix)).length;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private newXsrfToken(): string {
    // Contains "=" and "/" so that clients must URL-decode the cookie value, as with Laravel's.
    return `${randomBytes(18).toString('base64')}/x=`;
  }

  private takeFault(method: string, path: string, query: URLSearchParams): Fault | undefined {
    const i = this.faults.findIndex(
      (f) =>
        (!f.method || f.method === method) &&
        (!f.path || (typeof f.path === 'string' ? path.startsWith(f.path) : f.path.test(path))) &&
        Object.entries(f.query ?? {}).every(([k, v]) => query.get(k) === v),
    );
    if (i < 0) return undefined;
    const f = this.faults[i] as Fault & { left: number };
    f.left--;
    if (f.left <= 0) this.faults.splice(i, 1);
    return f;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    let counted = true;
    const done = () => {
      if (counted) {
        counted = false;
        this.inFlight--;
      }
    };
    res.on('close', done);
    res.on('finish', done);
    const url = new URL(req.url ?? '/', 'http://sandbox.local');
    const method = req.method ?? 'GET';
    this.lastRequest = req;
    const raw = await readBody(req);
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    const path = url.pathname.startsWith(API) ? url.pathname.slice(API.length) : url.pathname;
    this.requests.push({
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      headers: { ...req.headers },
      body,
      at: Date.now(),
    });
    if (this.latencyMs > 0) await delay(this.latencyMs);
    const fault = this.takeFault(method, path, url.searchParams);
    if (fault?.kind === 'shutdown-after') {
      // Answer this request, then stop listening: the next connection is refused, as when a host goes down.
      res.on('finish', () => {
        this.server?.close();
        this.server?.closeAllConnections();
      });
    } else if (fault && fault.when !== 'commit') {
      if (fault.kind === 'slow') await delay(fault.delayMs ?? 1000);
      else if (fault.kind === 'hang') {
        await delay(fault.delayMs ?? 1000);
        return this.fail(res, fault);
      } else return this.fail(res, fault);
    }
    if (!url.pathname.startsWith(`${API}/`)) return this.json(res, 404, { message: 'Not Found' });
    const cookies = parseCookies(req.headers.cookie);
    const session = cookies.get(SESSION_COOKIE);
    if (!session || !this.sessions.has(session)) return this.unauthenticated(res);
    if (method !== 'GET' && method !== 'HEAD') {
      const header = req.headers['x-xsrf-token'];
      if (typeof header !== 'string' || !this.xsrf.has(header)) {
        return this.json(res, 419, { message: 'CSRF token mismatch.' });
      }
    }
    const answer = this.route(method, path, url.searchParams, body);
    if (fault && fault.when === 'commit') {
      // The write is done; only the answer is lost or late.
      if (fault.kind !== 'slow') return this.fail(res, fault);
      await delay(fault.delayMs ?? 1000);
    }
    this.json(res, answer.status, answer.body);
  }

  private fail(res: ServerResponse, fault: Fault): void {
    switch (fault.kind) {
      case 'expired-401':
        return this.json(res, 401, { message: 'Unauthenticated.' });
      case 'expired-redirect':
        res.writeHead(302, { location: 'https://accounts.pixieset.com/login?next=%2Fstudio' }).end();
        return;
      case 'expired-html':
        return this.html(
          res,
          200,
          '<!DOCTYPE html><html><head><title>Log in | Pixieset</title></head><body>Log in</body></html>',
        );
      case 'csrf-419':
        return this.json(res, 419, { message: 'CSRF token mismatch.' });
      case 'cloudflare':
        res.writeHead(403, { 'content-type': 'text/html; charset=UTF-8', 'cf-mitigated': 'challenge' });
        res.end(
          '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>cf-chl</body></html>',
        );
        return;
      case 'rate-limit':
        res.writeHead(429, {
          'content-type': 'application/json',
          ...(fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter }),
        });
        res.end(JSON.stringify({ message: 'Too Many Attempts.' }));
        return;
      case 'status': {
        const status = fault.status ?? 500;
        if (status >= 500 && status !== 500) {
          // Gateways answer with HTML, as Cloudflare's 502/503/504 pages do.
          return this.html(res, status, `<!DOCTYPE html><html><body>${status} Bad Gateway</body></html>`);
        }
        return this.json(res, status, { message: 'Server Error' });
      }
      case 'reset':
      case 'hang':
        res.socket?.destroy();
        return;
      case 'malformed-json':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"data": [{"id": "cl_');
        return;
      case 'wrong-shape':
        return this.json(res, 200, { items: [], count: 0 });
      case 'invalid': {
        const answer = this.invalid(fault.fields ?? { field: ['The field is invalid.'] });
        return this.json(res, answer.status, answer.body);
      }
      case 'empty-2xx':
        res.writeHead(201, { 'content-type': 'application/json' }).end();
        return;
      case 'respond':
        void fault.respond?.(this.lastRequest as IncomingMessage, res);
        return;
      case 'slow':
      case 'shutdown-after':
        return;
    }
  }

  // The request being answered, for 'respond' faults.
  private lastRequest: IncomingMessage | undefined;

  private unauthenticated(res: ServerResponse): void {
    const style = this.opts.unauthStyle ?? '401';
    if (style === 'redirect') return this.fail(res, { kind: 'expired-redirect' });
    if (style === 'html') return this.fail(res, { kind: 'expired-html' });
    return this.fail(res, { kind: 'expired-401' });
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    const headers: Record<string, string | string[]> = { 'content-type': 'application/json' };
    if (this.opts.rotateXsrf && status < 400) {
      const token = this.newXsrfToken();
      this.xsrf = new Set([token]);
      headers['set-cookie'] = [`XSRF-TOKEN=${encodeURIComponent(token)}; Path=/; Max-Age=7200; SameSite=Lax`];
    }
    res.writeHead(status, headers);
    res.end(JSON.stringify(body));
  }

  private html(res: ServerResponse, status: number, body: string): void {
    res.writeHead(status, { 'content-type': 'text/html; charset=UTF-8' });
    res.end(body);
  }

  private route(
    method: string,
    path: string,
    q: URLSearchParams,
    body: unknown,
  ): { status: number; body: unknown } {
    const p = path.replace(/\/+$/, '') || '/';
    if (method === 'GET' && p === '/clients')
      return this.page(this.filterClients(q.get('types')), q, 'per_page', (c) => this.clientJson(c));
    if (method === 'GET' && p === '/clients/search') {
      if (this.opts.searchEndpoint === false) return { status: 404, body: { message: 'Not Found' } };
      const needle = asciiKey(q.get('q') ?? '');
      const types = q.get('types');
      const pool = this.filterClients(types === 'all' || !types ? null : types);
      const hits = needle
        ? pool.filter((c) =>
            [`${c.first_name} ${c.last_name}`, c.email, c.phone ?? '', c.company ?? ''].some((f) =>
              asciiKey(f).includes(needle),
            ),
          )
        : [];
      return this.page(hits, q, 'pageSize', (c) => this.clientJson(c));
    }
    if (method === 'POST' && p === '/clients') return this.createClient(body);
    const clientMatch = /^\/clients\/([^/]+)$/.exec(p);
    if (method === 'GET' && clientMatch) {
      const c = this.clients.find((x) => x.id === clientMatch[1]);
      return c
        ? { status: 200, body: { data: this.clientJson(c) } }
        : { status: 404, body: { message: 'Client not found.' } };
    }
    if (method === 'GET' && p === '/invoices/payments/list') {
      const clientId = q.get('client_id');
      const payments = this.invoices
        .filter((i) => !clientId || i.client_id === clientId)
        .flatMap((i) =>
          i.payments.map((pay) => ({
            ...pay,
            client: q.get('expand') === 'client' ? this.clientRef(i.client_id) : undefined,
          })),
        );
      // The docs show this list without last_page.
      return this.page(payments, q, 'page_size', (x) => x, true);
    }
    if (method === 'GET' && p === '/invoices') {
      const clientId = q.get('client_id');
      const type = q.get('payment_type') ?? 'all';
      const currency = q.get('currency');
      const list = this.invoices.filter(
        (i) =>
          this.listed(i.id) &&
          (!clientId || i.client_id === clientId) &&
          (!currency || i.currency === currency) &&
          (type === 'all' ||
            (type === 'paid' && i.status === 'paid') ||
            (type === 'unpaid' && ['sent', 'overdue', 'partially_paid'].includes(i.status)) ||
            (type === 'overdue' && i.status === 'overdue')),
      );
      // Newest first, as the Studio web app lists them.
      const sorted = [...list].sort((a, b) =>
        a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0,
      );
      return this.page(sorted, q, 'per_page', (i) =>
        this.invoiceJson(i, { client: q.get('expand') === 'client', detail: false }),
      );
    }
    if (method === 'POST' && p === '/invoices') return this.createInvoice(body);
    const invoiceMatch = /^\/invoices\/([^/]+)$/.exec(p);
    if (method === 'GET' && invoiceMatch) {
      const inv = this.invoices.find((x) => x.id === invoiceMatch[1]);
      const all = q.get('expand') === 'all';
      return inv
        ? { status: 200, body: { data: this.invoiceJson(inv, { client: all, detail: all }) } }
        : { status: 404, body: { message: 'Invoice not found.' } };
    }
    return { status: 404, body: { message: 'Not Found' } };
  }

  private filterClients(types: string | null): SandboxClient[] {
    const visible = this.clients.filter((c) => this.listed(c.id));
    if (!types) return visible;
    const wanted = new Set(types.split(','));
    return visible.filter((c) => wanted.has(c.type));
  }

  // When each object was created through the API (for listLagMs).
  private readonly createdAt = new Map<string, number>();

  // False while a new object is still missing from lists (listLagMs).
  private listed(id: string): boolean {
    const at = this.createdAt.get(id);
    return at === undefined || Date.now() - at >= (this.opts.listLagMs ?? 0);
  }

  private date(d: string): string {
    return this.opts.dateStyle === 'timestamp' ? `${d}T00:00:00.000000Z` : d;
  }

  private page<T>(
    all: T[],
    q: URLSearchParams,
    sizeKey: 'per_page' | 'page_size' | 'pageSize',
    render: (x: T) => unknown,
    noLastPage = false,
  ): { status: number; body: unknown } {
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

  private clientJson(c: SandboxClient): Record<string, unknown> {
    const { currency: _currency, ...rest } = c;
    return { ...rest, address_info: null };
  }

  private clientRef(id: string): Record<string, unknown> | null {
    const c = this.clients.find((x) => x.id === id);
    return c ? { id: c.id, first_name: c.first_name, last_name: c.last_name, email: c.email } : null;
  }

  private invoiceJson(inv: SandboxInvoice, o: { client: boolean; detail: boolean }): Record<string, unknown> {
    const amount = inv.line_items.reduce((s, l) => s + l.amount * l.quantity, 0);
    const paid = inv.payments.reduce((s, p) => s + p.amount, 0);
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
      out.payments = inv.payments.map(({ id, amount: a, payment_date, status }) => ({
        id,
        amount: a,
        payment_date,
        status,
      }));
    }
    return out;
  }

  private invalid(fields: Record<string, string[]>): { status: number; body: unknown } {
    const message = Object.values(fields)[0]?.[0] ?? 'The given data was invalid.';
    const style = this.opts.validationStyle ?? 'laravel';
    if (style === 'guide') return { status: 422, body: { message, details: fields } };
    if (style === 'docs')
      return { status: 422, body: { error: { code: 'validation_error', message, details: fields } } };
    return { status: 422, body: { message, errors: fields } };
  }

  private createClient(body: unknown): { status: number; body: unknown } {
    const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    const errors: Record<string, string[]> = {};
    const str = (k: string) => (typeof b[k] === 'string' ? (b[k] as string).trim() : '');
    if (!str('first_name')) errors.first_name = ['The first name field is required.'];
    const email = str('email');
    if (!email) errors.email = ['The email field is required.'];
    else if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
      errors.email = ['The email must be a valid email address.'];
    else if (this.clients.some((c) => c.email.toLowerCase() === email.toLowerCase())) {
      errors.email = ['The email has already been taken.'];
    }
    if (Object.keys(errors).length) return this.invalid(errors);
    const client: SandboxClient = {
      id: makeId('cl', this.seedRand),
      first_name: str('first_name'),
      last_name: str('last_name'),
      email,
      phone: str('phone') || null,
      company: null,
      type: 'client',
      status_name: 'Active',
      notes: null,
      created_at: new Date().toISOString().replace(/\.\d{3}Z$/, '.000000Z'),
      currency: 'usd',
    };
    this.clients.unshift(client);
    this.createdAt.set(client.id, Date.now());
    return { status: 201, body: { data: this.clientJson(client) } };
  }

  private createInvoice(body: unknown): { status: number; body: unknown } {
    const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    const errors: Record<string, string[]> = {};
    const client = this.clients.find((c) => c.id === b.client_id);
    if (typeof b.client_id !== 'string' || !b.client_id)
      errors.client_id = ['The client id field is required.'];
    else if (!client) errors.client_id = ['The selected client id is invalid.'];
    const due = typeof b.due_date === 'string' ? b.due_date : '';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(due) || Number.isNaN(Date.parse(`${due}T00:00:00Z`))) {
      errors.due_date = ['The due date is not a valid date.'];
    }
    const items = Array.isArray(b.line_items) ? b.line_items : [];
    if (items.length === 0) errors.line_items = ['The line items field is required.'];
    items.forEach((raw: unknown, i) => {
      const l = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
      if (typeof l.name !== 'string' || !l.name.trim())
        errors[`line_items.${i}.name`] = ['The name field is required.'];
      if (!Number.isInteger(l.amount) || (l.amount as number) < 0)
        errors[`line_items.${i}.amount`] = ['The amount must be a non-negative integer.'];
      if (!Number.isInteger(l.quantity) || (l.quantity as number) < 1)
        errors[`line_items.${i}.quantity`] = ['The quantity must be at least 1.'];
    });
    if (b.send_email !== undefined && typeof b.send_email !== 'boolean')
      errors.send_email = ['The send email field must be true or false.'];
    if (Object.keys(errors).length || !client) return this.invalid(errors);
    const id = makeId('in', this.seedRand);
    const inv: SandboxInvoice = {
      id,
      invoice_number: `INV-${String(this.nextInvoiceNumber++).padStart(4, '0')}`,
      client_id: client.id,
      currency: client.currency,
      status: b.send_email ? 'sent' : 'draft',
      due_date: due,
      created_at: new Date().toISOString().replace(/\.\d{3}Z$/, '.000000Z'),
      line_items: items.map((raw: unknown) => {
        const l = raw as { name: string; amount: number; quantity: number };
        return {
          id: makeId('ii', this.seedRand),
          name: l.name.trim(),
          amount: l.amount,
          quantity: l.quantity,
        };
      }),
      payments: [],
      emailed: b.send_email === true,
    };
    this.invoices.unshift(inv);
    this.createdAt.set(inv.id, Date.now());
    if (inv.emailed) this.emailed.push(inv.id);
    return { status: 201, body: { data: this.invoiceJson(inv, { client: true, detail: true }) } };
  }
}

function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= 1_000_000) chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));
