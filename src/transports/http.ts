import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { Config, LogLevel } from '../config.js';
import { clientLogSink, createServer, serverDeps } from '../create-server.js';
import { createLogger, Redactor } from '../log.js';
import { cookieSources, createPixiesetApi } from '../pixieset/api.js';
import { InFlightCalls } from '../tools/in-flight.js';
import { VERSION } from '../version.js';

// For the bin, which loads this module only when it is needed.
export { CookieFileError } from '../pixieset/cookie-jar.js';

// MCP over Streamable HTTP at /mcp, locked down: a bearer token on every request, Host and Origin checked
// against the bound address (DNS rebinding), bounded bodies, sessions and idle time. Every session shares
// one Pixieset client (one cookie jar, in-flight bound and read cache), one duplicate guard and one set of
// confirmation tokens, so two sessions can neither exceed the bound nor create the same invoice twice.

export interface ServeHttpOptions {
  port: number;
  host: string;
  // --host was given: binding beyond loopback is allowed only then.
  hostGiven: boolean;
  // --no-token (sandbox only): the conformance suite's client sends no token.
  noToken: boolean;
  // Where a generated token is kept (read when it exists).
  tokenFile: string;
  token: string | undefined;
  // More Host/Origin values to accept (a reverse proxy or tunnel's name).
  allowedHosts: string[];
  maxBodyBytes?: number;
  maxSessions?: number;
  idleMs?: number;
}

export interface HttpIo {
  stderr: (line: string) => void;
  onSignal: (signal: 'SIGTERM' | 'SIGINT', handler: () => void) => void;
  exit: (code: number) => void;
  // Told the address once listening (tests and the conformance script read it).
  onListening?: (url: string) => void;
}

const isLoopback = (h: string) => h === '127.0.0.1' || h === 'localhost' || h === '::1' || h === '[::1]';
const DRAIN_MS = 1_500;

// The bearer token: PIXIESET_HTTP_TOKEN, else the one kept in the token file, else a new one written there
// (readable by the user only). Its value is never logged; only the file's path is.
async function bearerToken(o: ServeHttpOptions, say: (m: string) => void): Promise<string> {
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

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

function reply(
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

// Runs the HTTP server until SIGTERM/SIGINT. Returns the address it listens on.
export async function runHttp(
  config: Config,
  o: ServeHttpOptions,
  io: HttpIo,
): Promise<{ url: string; close(): Promise<void> }> {
  const redactor = new Redactor();
  // Log lines go to stderr, and to every session as notifications/message at the level it asked for.
  const sinks = new Set<(line: string, level: LogLevel) => void>();
  const logger = createLogger(
    config.logLevel,
    (line, level) => {
      io.stderr(line);
      for (const sink of sinks) sink(line, level);
    },
    redactor,
  );
  if (o.noToken && !config.sandbox)
    throw new Error('--no-token is allowed only with --sandbox (demo data, loopback only).');
  if (!isLoopback(o.host) && !o.hostGiven)
    throw new Error('Binding beyond loopback needs --host given explicitly.');
  if (o.noToken && !isLoopback(o.host)) throw new Error('--no-token is allowed only on loopback.');
  let sandbox: import('../sandbox/sandbox.js').Sandbox | undefined;
  if (config.sandbox) {
    // Loaded only in sandbox mode, so the fake stays out of a real session's start-up.
    ({ sandbox, config } = await (await import('../sandbox/sandbox.js')).startFor(config));
  }
  const api = await createPixiesetApi({ config, ...cookieSources(config), logger, redactor });
  const token = o.noToken ? undefined : await bearerToken(o, (m) => logger.info(m));
  if (token) redactor.add(token);
  // One set of shared parts for every session: one client, one in-flight bound, one duplicate guard.
  const inFlight = new InFlightCalls();
  const shared = serverDeps({ pixieset: api, config, logger, inFlight });
  const maxBody = o.maxBodyBytes ?? 1024 * 1024;
  const maxSessions = o.maxSessions ?? 16;
  const idleMs = o.idleMs ?? 30 * 60_000;
  // Each session with when it was last used and how many of its requests are being answered now.
  const sessions = new Map<
    string,
    { transport: StreamableHTTPServerTransport; server: McpServer; seen: number; busy: number }
  >();
  const end = (id: string) => {
    const s = sessions.get(id);
    if (!s) return;
    sessions.delete(id);
    void s.transport.close().catch(() => {});
    void s.server.close().catch(() => {});
  };
  let port = o.port;
  // The Host header names this server: its own names with its port, or a name of PIXIESET_HTTP_ALLOWED_HOSTS
  // (a bare name for any port, name:port for that port only).
  const ownHosts = () => [
    ...['127.0.0.1', 'localhost', '[::1]'].flatMap((h) => [`${h}:${port}`, h]),
    ...(isLoopback(o.host) ? [] : [`${o.host}:${port}`]),
  ];
  const bare = (h: string) => h.replace(/:\d+$/, '').toLowerCase();
  const listed = (host: string) =>
    o.allowedHosts.some((a) =>
      /:\d+$/.test(a) ? a.toLowerCase() === host.toLowerCase() : a.toLowerCase() === bare(host),
    );
  const hostAllowed = (host: string) => ownHosts().includes(host) || listed(host);
  // Pages of this server's own origin (http), or of an allowed host (http or https, e.g. a tunnel's).
  const originAllowed = (origin: string) => {
    const m = /^(https?):\/\/([^/]+)$/i.exec(origin);
    if (!m?.[1] || !m[2]) return false;
    return m[1].toLowerCase() === 'http' ? hostAllowed(m[2]) : listed(m[2]);
  };

  const http = createHttpServer(async (req, res) => {
    try {
      await handle(req, res);
    } catch (error) {
      logger.warn(`HTTP request failed: ${error instanceof Error ? error.message : String(error)}`);
      reply(res, 500, 'Internal error');
    }
  });
  // A slow or abandoned client cannot hold a connection.
  http.headersTimeout = 10_000;
  http.requestTimeout = 60_000;
  http.keepAliveTimeout = 5_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local');
    if (url.pathname === '/healthz' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    if (url.pathname !== '/mcp') return reply(res, 404, 'Not found: MCP is served at /mcp.');
    // DNS rebinding: only this server's own names, and pages of its own origin.
    const host = req.headers.host ?? '';
    if (!hostAllowed(host))
      return reply(
        res,
        403,
        `Forbidden: Host ${JSON.stringify(host.slice(0, 100))} is not allowed. Add its name to PIXIESET_HTTP_ALLOWED_HOSTS (a bare name allows any port).`,
      );
    const origin = req.headers.origin;
    if (origin !== undefined && !originAllowed(origin))
      return reply(
        res,
        403,
        `Forbidden: Origin ${JSON.stringify(origin.slice(0, 100))} is not allowed. Add its host name to PIXIESET_HTTP_ALLOWED_HOSTS.`,
      );
    if (token) {
      if (url.searchParams.has('token') || url.searchParams.has('access_token'))
        return reply(
          res,
          401,
          'A token in the query string is refused: send it as "Authorization: Bearer <token>".',
          { 'www-authenticate': 'Bearer' },
        );
      const given = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim() ?? '';
      if (!same(given, token))
        return reply(res, 401, 'Missing or wrong bearer token.', {
          'www-authenticate': 'Bearer realm="pixieset-mcp"',
        });
    }
    let body: unknown;
    if (req.method === 'POST') {
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > maxBody)
        return reply(res, 413, `Request body larger than ${maxBody} bytes.`, { connection: 'close' });
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of req as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > maxBody)
          return reply(res, 413, `Request body larger than ${maxBody} bytes.`, { connection: 'close' });
        chunks.push(chunk);
      }
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return reply(res, 400, 'Parse error: the body is not JSON.');
      }
    }
    const sid = req.headers['mcp-session-id'];
    const id = Array.isArray(sid) ? sid[0] : sid;
    const known = id ? sessions.get(id) : undefined;
    if (known) {
      known.seen = Date.now();
      // A POST carries a call (or its answer); a GET is the event stream, open while the host is idle too.
      if (req.method === 'POST') {
        known.busy++;
        let done = false;
        const settle = () => {
          if (done) return;
          done = true;
          known.busy--;
          known.seen = Date.now();
        };
        res.once('close', settle);
        res.once('finish', settle);
      }
      await known.transport.handleRequest(req, res, body);
      return;
    }
    if (id) return reply(res, 404, 'Session not found (it ended or expired): initialize a new one.');
    if (req.method !== 'POST' || !isInitializeRequest(body))
      return reply(res, 400, 'Bad Request: no valid session; send initialize first.');
    if (sessions.size >= maxSessions) {
      // Many hosts never end a session (DELETE /mcp): the one unused longest, with nothing under way, gives
      // way to the new one. Only when every session is answering a call is the new one asked to wait.
      let idlest: [string, number] | undefined;
      for (const [sid, s] of sessions)
        if (s.busy === 0 && (!idlest || s.seen < idlest[1])) idlest = [sid, s.seen];
      if (!idlest)
        return reply(
          res,
          503,
          `Too many sessions (${maxSessions}), each with a call under way; try again in a few seconds (PIXIESET_HTTP_MAX_SESSIONS raises the limit).`,
          { 'retry-after': '5' },
        );
      logger.info('Session table full: ended the session unused longest to make room for a new one.');
      end(idlest[0]);
    }
    const server = createServer(shared);
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (newId) => {
        sessions.set(newId, { transport, server, seen: Date.now(), busy: 0 });
      },
      onsessionclosed: (closedId) => {
        sessions.delete(closedId);
      },
    });
    const sink = clientLogSink(server);
    transport.onclose = () => {
      sinks.delete(sink);
      if (transport.sessionId) sessions.delete(transport.sessionId);
    };
    await server.connect(transport);
    sinks.add(sink);
    await transport.handleRequest(req, res, body);
  }

  // Idle sessions are closed.
  const sweep = setInterval(
    () => {
      const cutoff = Date.now() - idleMs;
      for (const [id, s] of sessions) if (s.seen < cutoff && s.busy === 0) end(id);
    },
    Math.min(idleMs, 60_000),
  );
  sweep.unref();

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(o.port, o.host, () => resolve());
  });
  port = (http.address() as AddressInfo).port;
  const shown = o.host.includes(':') ? `[${o.host}]` : o.host;
  const url = `http://${shown}:${port}/mcp`;
  if (!isLoopback(o.host))
    logger.warn(
      `Listening on ${o.host}, beyond this computer: whoever can reach it and holds the token can use your Pixieset session. Put TLS in front (a reverse proxy or a tunnel); this server speaks plain HTTP.`,
    );
  logger.info(
    `pixieset-mcp ${VERSION} serving MCP over HTTP at ${url}${config.sandbox ? ' (sandbox)' : ''}.`,
  );
  io.onListening?.(url);

  let closing = false;
  const close = async () => {
    if (closing) return;
    closing = true;
    clearInterval(sweep);
    http.close();
    const abandoned = await inFlight.drain(DRAIN_MS);
    if (abandoned.length)
      logger.warn(
        `Stopping with ${abandoned.length} call(s) unfinished: ${abandoned.join(', ')}. A create among them may or may not have reached Pixieset.`,
      );
    for (const s of sessions.values()) {
      await s.transport.close().catch(() => {});
      await s.server.close().catch(() => {});
    }
    sessions.clear();
    http.closeAllConnections();
    await shared.audit.flush();
    await api.close().catch(() => {});
    await sandbox?.close().catch(() => {});
  };
  const stop = (why: string) => () => {
    logger.debug(`Shutting down (${why}).`);
    void close().then(() => io.exit(0));
  };
  io.onSignal('SIGTERM', stop('SIGTERM'));
  io.onSignal('SIGINT', stop('SIGINT'));
  return { url, close };
}

export type { LogLevel };
