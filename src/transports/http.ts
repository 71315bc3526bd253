import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { Config, LogLevel } from '../config.js';
import { clientLogSink, createServer } from '../create-server.js';
import type { Deps } from '../tools/define.js';
import { VERSION } from '../version.js';
import { bearerToken, type Caller, isLoopback, reply, requestGuard } from './http-guard.js';
import { SessionTable } from './http-sessions.js';
import type { OAuthFront } from './oauth/front.js';
import { startParts } from './startup.js';

// For the bin, which loads this module only when it is needed.
export { CookieFileError } from '../pixieset/cookie-jar.js';
export { manageGrants } from './oauth/manage.js';

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
  // --oauth: the server is its own OAuth authorization server for one owner (oauth/front.ts).
  oauth?: { publicUrl: string | undefined; passphraseFile: string; grantsFile: string };
}

export interface HttpIo {
  stderr: (line: string) => void;
  onSignal: (signal: 'SIGTERM' | 'SIGINT', handler: () => void) => void;
  exit: (code: number) => void;
  // Told the address once listening (tests and the conformance script read it).
  onListening?: (url: string) => void;
}

// The routes: /healthz, and /mcp behind the guard — a request of a known session goes to it, an initialize
// opens a new one (its own MCP server over the shared parts: one client, one in-flight bound, one duplicate
// guard for every session).
function mcpRoutes(o: {
  deps: Deps;
  guard: ReturnType<typeof requestGuard>;
  oauth: OAuthFront | undefined;
  sessions: SessionTable;
  sinks: Set<(line: string, level: LogLevel) => void>;
}) {
  const { deps, guard, sessions, sinks } = o;
  const open = async (req: IncomingMessage, res: ServerResponse, body: unknown, caller: Caller) => {
    if (!sessions.makeRoom())
      return reply(
        res,
        503,
        `Too many sessions (${sessions.max}), each with a call under way; try again in a few seconds (PIXIESET_HTTP_MAX_SESSIONS raises the limit).`,
        { 'retry-after': '5' },
      );
    // A read-only grant gets a server without the write tools: they are neither listed nor callable.
    const server = createServer(
      caller.access === 'read' ? { ...deps, config: { ...deps.config, readOnly: true } } : deps,
    );
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id): void => sessions.add(id, { transport, server, owner: caller.grant }),
      onsessionclosed: (id) => sessions.delete(id),
    });
    const sink = clientLogSink(server);
    transport.onclose = () => {
      sinks.delete(sink);
      if (transport.sessionId) sessions.delete(transport.sessionId);
    };
    await server.connect(transport);
    sinks.add(sink);
    await transport.handleRequest(req, res, body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://local');
    if (url.pathname === '/healthz' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    if (o.oauth?.owns(url.pathname)) {
      if (guard.hostAllowed(req.headers.host ?? '')) return o.oauth.handle(req, res);
      return reply(
        res,
        403,
        'Forbidden: this Host is not allowed (PIXIESET_HTTP_PUBLIC_URL names the one to use).',
      );
    }
    if (url.pathname !== '/mcp') return reply(res, 404, 'Not found: MCP is served at /mcp.');
    const passed = await guard(req, res, url);
    if (passed === 'refused') return;
    const sid = req.headers['mcp-session-id'];
    const id = Array.isArray(sid) ? sid[0] : sid;
    const known = id ? sessions.get(id) : undefined;
    if (known && known.owner !== passed.caller.grant)
      return reply(res, 403, 'Forbidden: this session was opened with another grant.');
    if (known) {
      sessions.use(known, req.method, res);
      await known.transport.handleRequest(req, res, passed.body);
      return;
    }
    if (id) return reply(res, 404, 'Session not found (it ended or expired): initialize a new one.');
    if (req.method !== 'POST' || !isInitializeRequest(passed.body))
      return reply(res, 400, 'Bad Request: no valid session; send initialize first.');
    await open(req, res, passed.body, passed.caller);
  };
  return handle;
}

// PIXIESET_HTTP_PUBLIC_URL: the https address hosts see (a tunnel or reverse proxy), the issuer and the
// resource. Plain http only on loopback, for trying it on one machine.
function publicUrlOf(given: string | undefined): URL {
  if (!given)
    throw new Error(
      '--oauth needs PIXIESET_HTTP_PUBLIC_URL: the https address hosts reach this server at (your tunnel or reverse proxy), e.g. https://pixieset.example.com',
    );
  let u: URL;
  try {
    u = new URL(given);
  } catch {
    throw new Error(`PIXIESET_HTTP_PUBLIC_URL ${JSON.stringify(given.slice(0, 100))} is not a URL`);
  }
  if (u.search || u.hash || u.username || u.password || (u.pathname !== '/' && u.pathname !== ''))
    throw new Error('PIXIESET_HTTP_PUBLIC_URL must be an origin only, e.g. https://pixieset.example.com');
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && isLoopback(u.hostname)))
    throw new Error(
      'PIXIESET_HTTP_PUBLIC_URL must be https (plain http only on loopback, for trying it out)',
    );
  return u;
}

// Runs the HTTP server until SIGTERM/SIGINT. Returns the address it listens on.
export async function runHttp(
  given: Config,
  o: ServeHttpOptions,
  io: HttpIo,
): Promise<{ url: string; close(): Promise<void> }> {
  if (o.noToken && !given.sandbox)
    throw new Error('--no-token is allowed only with --sandbox (demo data, loopback only).');
  if (!isLoopback(o.host) && !o.hostGiven)
    throw new Error('Binding beyond loopback needs --host given explicitly.');
  if (o.noToken && !isLoopback(o.host)) throw new Error('--no-token is allowed only on loopback.');
  const publicUrl = o.oauth ? publicUrlOf(o.oauth.publicUrl) : undefined;
  // Log lines go to stderr, and to every session as notifications/message at the level it asked for.
  const sinks = new Set<(line: string, level: LogLevel) => void>();
  const { config, logger, redactor, deps, stop } = await startParts(given, (line, level) => {
    io.stderr(line);
    for (const sink of sinks) sink(line, level);
  });
  const token = o.noToken ? undefined : await bearerToken(o, (m) => logger.info(m));
  if (token) redactor.add(token);
  let port = o.port;
  // Loaded only with --oauth: stdio and plain HTTP never load express or the SDK's auth code.
  const oauth =
    o.oauth && publicUrl
      ? await (await import('./oauth/front.js')).oauthFront({
          publicUrl,
          passphraseFile: o.oauth.passphraseFile,
          grantsFile: o.oauth.grantsFile,
          loopbackTest: isLoopback(publicUrl.hostname),
          say: (m) => logger.info(m),
        })
      : undefined;
  const guard = requestGuard({
    host: o.host,
    port: () => port,
    // The public address's host is this server's name too.
    allowedHosts: publicUrl ? [...o.allowedHosts, publicUrl.host] : o.allowedHosts,
    token,
    oauth,
    maxBodyBytes: o.maxBodyBytes ?? 1024 * 1024,
  });
  const sessions = new SessionTable(o.maxSessions ?? 16, o.idleMs ?? 30 * 60_000);

  const handle = mcpRoutes({ deps, guard, oauth, sessions, sinks });

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
    http.close();
    const abandoned = await stop();
    if (abandoned.length)
      logger.warn(
        `Stopping with ${abandoned.length} call(s) unfinished: ${abandoned.join(', ')}. A create among them may or may not have reached Pixieset.`,
      );
    await sessions.closeAll();
    http.closeAllConnections();
  };
  const stopOn = (why: string) => () => {
    logger.debug(`Shutting down (${why}).`);
    void close().then(() => io.exit(0));
  };
  io.onSignal('SIGTERM', stopOn('SIGTERM'));
  io.onSignal('SIGINT', stopOn('SIGINT'));
  return { url, close };
}

export type { LogLevel };
