import type { IncomingMessage, ServerResponse } from 'node:http';

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

// The faults waiting for their requests, each hitting up to `times` matching requests.
export class FaultQueue {
  private faults: Array<Fault & { left: number }> = [];

  add(fault: Fault): void {
    this.faults.push({ ...fault, left: fault.times ?? 1 });
  }

  clear(): void {
    this.faults = [];
  }

  // The first fault matching this request, counted as used.
  take(method: string, path: string, query: URLSearchParams): Fault | undefined {
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
}

// Writes the answer a fault stands for. `w` writes JSON and HTML as the sandbox does (cookies and all).
export function answerFault(
  res: ServerResponse,
  fault: Fault,
  req: IncomingMessage,
  w: {
    json(res: ServerResponse, status: number, body: unknown): void;
    html(res: ServerResponse, status: number, body: string): void;
    invalid(fields: Record<string, string[]>): { status: number; body: unknown };
  },
): void {
  switch (fault.kind) {
    case 'expired-401':
      return w.json(res, 401, { message: 'Unauthenticated.' });
    case 'expired-redirect':
      res.writeHead(302, { location: 'https://accounts.pixieset.com/login?next=%2Fstudio' }).end();
      return;
    case 'expired-html':
      return w.html(
        res,
        200,
        '<!DOCTYPE html><html><head><title>Log in | Pixieset</title></head><body>Log in</body></html>',
      );
    case 'csrf-419':
      return w.json(res, 419, { message: 'CSRF token mismatch.' });
    case 'cloudflare':
      res.writeHead(403, { 'content-type': 'text/html; charset=UTF-8', 'cf-mitigated': 'challenge' });
      res.end('<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>cf-chl</body></html>');
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
        return w.html(res, status, `<!DOCTYPE html><html><body>${status} Bad Gateway</body></html>`);
      }
      return w.json(res, status, { message: 'Server Error' });
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
      return w.json(res, 200, { items: [], count: 0 });
    case 'invalid': {
      const answer = w.invalid(fault.fields ?? { field: ['The field is invalid.'] });
      return w.json(res, answer.status, answer.body);
    }
    case 'empty-2xx':
      res.writeHead(201, { 'content-type': 'application/json' }).end();
      return;
    case 'respond':
      void fault.respond?.(req, res);
      return;
    case 'slow':
    case 'shutdown-after':
      return;
  }
}
