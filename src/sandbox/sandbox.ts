import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../config.js';
import { LARGE_SEED, type SandboxClient, type SandboxInvoice, type SeedOptions } from './data.js';
import { answerFault, type Fault, FaultQueue } from './faults.js';
import { GalleryHost, type GalleryOptions } from './gallery.js';
import { delay, parseCookies, readBody } from './request-helpers.js';
import { ROUTES } from './routes/routes.gen.js';
import { type Answer, type RenderOptions, Studio, VARIANTS, type Variant } from './studio.js';

export type { Fault, FaultKind } from './faults.js';

/** Starts the sandbox for `--sandbox` and points both hosts of the configuration at it. */
export async function startFor(config: Config): Promise<{ sandbox: Sandbox; config: Config }> {
  const sandbox = await Sandbox.start({
    ...(config.sandboxVariant ? { variant: config.sandboxVariant } : {}),
    scale: config.sandboxScale,
  });
  return {
    sandbox,
    config: {
      ...config,
      baseUrl: sandbox.url,
      cookie: sandbox.cookie,
      cookieFile: undefined,
      galleryBaseUrl: sandbox.gallery.url,
      galleryCookie: sandbox.gallery.cookie,
      galleryCookieFile: undefined,
    },
  };
}
export { VARIANTS, type Variant } from './studio.js';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  at: number;
}

export interface SandboxOptions extends RenderOptions {
  // One of the documented alternatives of Pixieset's API (studio.ts VARIANTS); its options come first.
  variant?: Variant;
  seed?: Partial<SeedOptions>;
  // 'large': a decade of a busy studio (data.ts LARGE_SEED; `seed` still overrides any of it).
  scale?: 'small' | 'large';
  // Delay added to every response, in ms.
  latencyMs?: number;
  // Work out each read when it arrives, before the latency, like a server answering at once over a slow
  // network. Worked out after the wait, this single-threaded fake builds the answers to concurrent requests
  // one after another, a delay no real server adds: the benchmark turns this on to time the server fairly.
  readsOnArrival?: boolean;
  // Issue a new XSRF-TOKEN cookie with every answer and accept only the newest (Laravel-style rotation).
  rotateXsrf?: boolean;
  // How a missing or expired session is answered.
  unauthStyle?: '401' | 'redirect' | 'html';
  // The Gallery API host: options of its own (see gallery.ts).
  gallery?: GalleryOptions;
  // Bind address; always loopback.
  host?: '127.0.0.1' | '::1';
  port?: number;
}

const SESSION_COOKIE = 'pixieset_studio_session';
const API = '/api/v1';

// A Pixieset-compatible HTTP server on loopback: lifecycle, sessions and XSRF checked like the real service,
// switchable faults (faults.ts), and a route table (routes/) over the seeded demo studio (studio.ts).
export class Sandbox {
  readonly studio: Studio;
  readonly requests: RecordedRequest[] = [];
  // The Gallery API, on a listener of its own (gallery.url, gallery.cookie).
  readonly gallery: GalleryHost;
  inFlight = 0;
  maxInFlight = 0;
  latencyMs: number;
  private readonly opts: SandboxOptions;
  private readonly faults = new FaultQueue();
  private sessions = new Set<string>();
  private xsrf = new Set<string>();
  private server: Server | undefined;
  private baseUrl = '';
  private sessionToken = '';

  private constructor(given: SandboxOptions) {
    const opts: SandboxOptions = { ...(given.variant ? VARIANTS[given.variant] : {}), ...given };
    this.opts = opts;
    this.studio = new Studio(opts.scale === 'large' ? { ...LARGE_SEED, ...opts.seed } : opts.seed, opts);
    this.gallery = new GalleryHost(
      this.studio,
      (cookie) => this.sessionOf(cookie) !== undefined,
      opts.gallery ?? {},
    );
    this.latencyMs = opts.latencyMs ?? 0;
    this.newSession();
  }

  // The demo data, as tests and the demo read and change it.
  get clients(): SandboxClient[] {
    return this.studio.clients;
  }
  get invoices(): SandboxInvoice[] {
    return this.studio.invoices;
  }
  // Invoice ids emailed to clients by POST /invoices/ with send_email: true.
  get emailed(): string[] {
    return this.studio.emailed;
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
    await sb.gallery.start(opts.host ?? '127.0.0.1');
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
    this.faults.add(fault);
  }

  clearFaults(): void {
    this.faults.clear();
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
    await this.gallery.close();
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private newXsrfToken(): string {
    // Contains "=" and "/" so that clients must URL-decode the cookie value, as with Laravel's.
    return `${randomBytes(18).toString('base64')}/x=`;
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
    const raw = await readBody(req);
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    const path = url.pathname.startsWith(API) ? url.pathname.slice(API.length) : url.pathname;
    if (method !== 'GET') this.studio.writes++;
    this.requests.push({
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      headers: { ...req.headers },
      body,
      at: Date.now(),
    });
    // readsOnArrival: a read is worked out when it arrives and sent when the latency has passed since it
    // arrived, so the reads that arrived with it do not delay it; its text is kept until the data may have
    // changed (unless lists lag by time), so that this single-threaded fake spends next to nothing on reads
    // that arrive together, as parallel workers would (what a fault or a missing session says instead is still
    // decided after the wait, below).
    const arrived = performance.now();
    const onArrival = method === 'GET' && this.latencyMs > 0 && this.opts.readsOnArrival;
    const read = () => this.readText(path, url.searchParams, body);
    const earlyText = !onArrival
      ? undefined
      : this.studio.opts.listLagMs
        ? read()
        : this.studio.memo(`answer ${path}${url.search}`, read);
    if (this.latencyMs > 0) {
      await delay(onArrival ? Math.max(0, this.latencyMs - (performance.now() - arrived)) : this.latencyMs);
    }
    const fault = this.faults.take(method, path, url.searchParams);
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
        return this.fail(res, fault, req);
      } else return this.fail(res, fault, req);
    }
    if (!url.pathname.startsWith(`${API}/`)) return this.json(res, 404, { message: 'Not Found' });
    if (this.sessionOf(req.headers.cookie) === undefined) return this.unauthenticated(res);
    if (method !== 'GET' && method !== 'HEAD') {
      const header = req.headers['x-xsrf-token'];
      if (typeof header !== 'string' || !this.xsrf.has(header)) {
        return this.json(res, 419, { message: 'CSRF token mismatch.' });
      }
    }
    if (earlyText !== undefined && !fault) return this.json(res, 200, undefined, earlyText);
    const answer = this.route(method, path, url.searchParams, body);
    if (fault && fault.when === 'commit') {
      // The write is done; only the answer is lost or late.
      if (fault.kind !== 'slow') return this.fail(res, fault, req);
      await delay(fault.delayMs ?? 1000);
    }
    this.json(res, answer.status, answer.body);
  }

  // A read's answer as text, when it succeeds (readsOnArrival).
  private readText(path: string, q: URLSearchParams, body: unknown): string | undefined {
    const answer = this.route('GET', path, q, body);
    return answer.status < 400 ? JSON.stringify(answer.body) : undefined;
  }

  private unauthenticated(res: ServerResponse): void {
    const style = this.opts.unauthStyle ?? '401';
    if (style === 'redirect') return this.fail(res, { kind: 'expired-redirect' }, undefined);
    if (style === 'html') return this.fail(res, { kind: 'expired-html' }, undefined);
    return this.fail(res, { kind: 'expired-401' }, undefined);
  }

  // `text`: the body already written as JSON (a successful answer worked out before the latency).
  private json(res: ServerResponse, status: number, body: unknown, text?: string): void {
    // The docs' envelope on every error: { error: { code, message } }.
    if (
      this.opts.validationStyle === 'docs' &&
      status >= 400 &&
      body &&
      typeof body === 'object' &&
      !('error' in body)
    ) {
      const code =
        {
          401: 'authentication_required',
          404: 'resource_not_found',
          419: 'csrf_token_mismatch',
          429: 'rate_limited',
        }[status] ?? 'error';
      body = { error: { code, message: (body as { message?: string }).message ?? 'Error' } };
    }
    const headers: Record<string, string | string[]> = { 'content-type': 'application/json' };
    if (this.opts.rotateXsrf && status < 400) {
      const token = this.newXsrfToken();
      this.xsrf = new Set([token]);
      headers['set-cookie'] = [`XSRF-TOKEN=${encodeURIComponent(token)}; Path=/; Max-Age=7200; SameSite=Lax`];
    }
    res.writeHead(status, headers);
    res.end(text ?? JSON.stringify(body));
  }

  private html(res: ServerResponse, status: number, body: string): void {
    res.writeHead(status, { 'content-type': 'text/html; charset=UTF-8' });
    res.end(body);
  }

  // The valid Studio session a Cookie header carries, if any.
  private sessionOf(cookieHeader: string | undefined): string | undefined {
    const session = parseCookies(cookieHeader).get(SESSION_COOKIE);
    return session && this.sessions.has(session) ? session : undefined;
  }

  private fail(res: ServerResponse, fault: Fault, req: IncomingMessage | undefined): void {
    answerFault(res, fault, req as IncomingMessage, {
      json: (r, status, b) => this.json(r, status, b),
      html: (r, status, b) => this.html(r, status, b),
      invalid: (fields) => this.studio.invalid(fields),
    });
  }

  // The first route of the table matching the method and path, or a 404.
  private route(method: string, path: string, q: URLSearchParams, body: unknown): Answer {
    const p = path.replace(/\/+$/, '') || '/';
    for (const r of ROUTES) {
      if (r.method !== method) continue;
      const match = r.pattern.exec(p);
      if (match) return r.handler({ studio: this.studio, q, body, match });
    }
    return { status: 404, body: { message: 'Not Found' } };
  }
}
