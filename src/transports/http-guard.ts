import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname } from 'node:path';
import { readBounded } from '../pixieset/read-bounded.js';
import type { OAuthFront } from './oauth/front.js';

// The guards every request to /mcp passes before it reaches a session, in order: Host and Origin (DNS
// rebinding), the bearer token, the body cap. Each answers the request itself when it refuses it. An OAuth
// front is one more guard here.

export const isLoopback = (h: string) =>
  h === '127.0.0.1' || h === 'localhost' || h === '::1' || h === '[::1]';

// A JSON-RPC error answer with the HTTP status; nothing when the answer has started.
export function reply(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(
    JSON.stringify({ jsonrpc: '2.0', error: { code: status === 401 ? -32001 : -32000, message }, id: null }),
  );
}

export interface GuardOptions {
  // The bound address and, once listening, its port.
  host: string;
  port: () => number;
  // PIXIESET_HTTP_ALLOWED_HOSTS: a bare name for any port, name:port for that port only.
  allowedHosts: string[];
  // The bearer token; undefined with --no-token (sandbox only) or with OAuth alone.
  token: string | undefined;
  // With --oauth: an access token this server issued is accepted too.
  oauth?: OAuthFront | undefined;
  maxBodyBytes: number;
}

// Who a request to /mcp comes as: the static token's holder (everything), an OAuth grant (read, or read and
// write), or nobody asked (--no-token in the sandbox).
export interface Caller {
  access: 'read' | 'write';
  grant?: string;
}

// The Host header names this server (its own names with its port) or an allowed host; an Origin is a page of
// this server's own origin (http) or of an allowed host (http or https, e.g. a proxy's).
function hostChecks(o: GuardOptions) {
  const own = () => [
    ...['127.0.0.1', 'localhost', '[::1]'].flatMap((h) => [`${h}:${o.port()}`, h]),
    ...(isLoopback(o.host) ? [] : [`${o.host}:${o.port()}`]),
  ];
  const bare = (h: string) => h.replace(/:\d+$/, '').toLowerCase();
  const listed = (host: string) =>
    o.allowedHosts.some((a) =>
      /:\d+$/.test(a) ? a.toLowerCase() === host.toLowerCase() : a.toLowerCase() === bare(host),
    );
  const hostAllowed = (host: string) => own().includes(host) || listed(host);
  const originAllowed = (origin: string) => {
    const m = /^(https?):\/\/([^/]+)$/i.exec(origin);
    if (!m?.[1] || !m[2]) return false;
    return m[1].toLowerCase() === 'http' ? hostAllowed(m[2]) : listed(m[2]);
  };
  return { hostAllowed, originAllowed };
}

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

// Runs the guards; the request's parsed body (undefined for a GET or DELETE) when it passes, or 'refused'
// when a guard answered it.
export function requestGuard(o: GuardOptions) {
  const { hostAllowed, originAllowed } = hostChecks(o);
  const guard = async (
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
  ): Promise<{ body: unknown; caller: Caller } | 'refused'> => {
    const host = req.headers.host ?? '';
    if (!hostAllowed(host)) {
      reply(
        res,
        403,
        `Forbidden: Host ${JSON.stringify(host.slice(0, 100))} is not allowed. Add its name to PIXIESET_HTTP_ALLOWED_HOSTS (a bare name allows any port).`,
      );
      return 'refused';
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !originAllowed(origin)) {
      reply(
        res,
        403,
        `Forbidden: Origin ${JSON.stringify(origin.slice(0, 100))} is not allowed. Add its host name to PIXIESET_HTTP_ALLOWED_HOSTS.`,
      );
      return 'refused';
    }
    const caller = await authenticate(o, req, res, url);
    if (caller === 'refused') return 'refused';
    if (req.method !== 'POST') return { body: undefined, caller };
    const text = await readBounded(req, o.maxBodyBytes);
    if (text === undefined) {
      reply(res, 413, `Request body larger than ${o.maxBodyBytes} bytes.`, { connection: 'close' });
      return 'refused';
    }
    try {
      return { body: JSON.parse(text), caller };
    } catch {
      reply(res, 400, 'Parse error: the body is not JSON.');
      return 'refused';
    }
  };
  // The Host check alone, for the OAuth front's pages.
  return Object.assign(guard, { hostAllowed });
}

// The bearer token of a request: the static token (everything), else an OAuth access token for this server's
// resource (its grant's access), else a 401 that says where to authorize (RFC 9728) when OAuth is on.
async function authenticate(
  o: GuardOptions,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<Caller | 'refused'> {
  if (!o.token && !o.oauth) return { access: 'write' };
  const challenge = (error?: string) => (o.oauth ? o.oauth.challenge(error) : 'Bearer realm="pixieset-mcp"');
  if (url.searchParams.has('token') || url.searchParams.has('access_token')) {
    reply(res, 401, 'A token in the query string is refused: send it as "Authorization: Bearer <token>".', {
      'www-authenticate': challenge('invalid_request'),
    });
    return 'refused';
  }
  const given = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim() ?? '';
  if (o.token && same(given, o.token)) return { access: 'write' };
  if (o.oauth && given) {
    try {
      const info = await o.oauth.verify(given);
      return {
        access: info.scopes.includes('write') ? 'write' : 'read',
        grant: String(info.extra?.grant ?? info.clientId),
      };
    } catch {
      // Unknown, revoked, expired or for another resource: the 401 below.
    }
    reply(res, 401, 'The access token is unknown, expired, revoked or not for this server.', {
      'www-authenticate': challenge('invalid_token'),
    });
    return 'refused';
  }
  reply(res, 401, 'Missing or wrong bearer token.', { 'www-authenticate': challenge() });
  return 'refused';
}

// The bearer token: PIXIESET_HTTP_TOKEN, else the one kept in the token file, else a new one written there
// (readable by the user only). Its value is never logged; only the file's path is.
export async function bearerToken(
  o: { token: string | undefined; tokenFile: string },
  say: (m: string) => void,
): Promise<string> {
  if (o.token) return o.token;
  try {
    const s = await stat(o.tokenFile);
    if (s.isFile() && s.size < 1024) {
      const t = (await readFile(o.tokenFile, 'utf8')).trim();
      if (t.length >= 32) {
        say(`Bearer token: read from ${o.tokenFile}.`);
        return t;
      }
    }
  } catch {
    // None yet: made below.
  }
  const t = randomBytes(32).toString('base64url');
  await mkdir(dirname(o.tokenFile), { recursive: true, mode: 0o700 });
  await writeFile(o.tokenFile, `${t}\n`, { mode: 0o600 });
  say(
    `Bearer token: generated and saved to ${o.tokenFile} (readable by you only). Send it as "Authorization: Bearer <token>".`,
  );
  return t;
}
