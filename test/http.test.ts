import { request } from 'node:http';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import type { Sandbox } from '../src/sandbox/sandbox.js';
import { runHttp, type ServeHttpOptions } from '../src/transports/http.js';
import { INITIALIZE, recordSecretCookie, startSandbox } from './helpers.js';

// Remote use (issue #17): the HTTP transport over real HTTP on 127.0.0.1, with the SDK's own client.

const TOKEN = 'test-token-0123456789abcdef';
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

async function serve(sb: Sandbox, env: Record<string, string> = {}, o: Partial<ServeHttpOptions> = {}) {
  recordSecretCookie(sb.cookie);
  const config = loadConfig({
    PIXIESET_BASE_URL: sb.url,
    PIXIESET_COOKIE: sb.cookie,
    PIXIESET_GALLERY_BASE_URL: sb.gallery.url,
    PIXIESET_GALLERY_COOKIE: sb.gallery.cookie,
    PIXIESET_LOG_LEVEL: 'error',
    ...env,
  });
  const signals = new Map<string, () => void>();
  const exits: number[] = [];
  const server = await runHttp(
    config,
    {
      port: 0,
      host: '127.0.0.1',
      hostGiven: false,
      noToken: false,
      token: TOKEN,
      tokenFile: '/nonexistent',
      allowedHosts: [],
      ...o,
    },
    { stderr: () => {}, onSignal: (s, h) => signals.set(s, h), exit: (c) => exits.push(c) },
  );
  closers.push(() => server.close());
  return { url: server.url, signals, exits };
}

async function client(url: string, token = TOKEN) {
  const c = new Client({ name: 'http-test', version: '1' });
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { authorization: `Bearer ${token}` } },
  });
  await c.connect(transport);
  closers.push(() => c.close());
  return { c, transport };
}

// A raw request, for what the SDK client would never send.
function raw(
  url: string,
  o: { method?: string; headers?: Record<string, string>; body?: string; path?: string },
) {
  const u = new URL(url);
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = request(
        {
          host: u.hostname,
          port: u.port,
          path: o.path ?? u.pathname,
          method: o.method ?? 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/json, text/event-stream',
            ...o.headers,
          },
        },
        (res) => {
          let body = '';
          res.on('data', (d: Buffer) => {
            body += d.toString();
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        },
      );
      req.on('error', reject);
      req.end(o.body ?? '');
    },
  );
}

const init = JSON.stringify(INITIALIZE);

describe('the HTTP transport, locked down', () => {
  it('serves the same tools as stdio to a client with the token', async () => {
    const sb = await startSandbox();
    const { url } = await serve(sb);
    const { c } = await client(url);
    const tools = (await c.listTools()).tools.map((t) => t.name);
    expect(tools).toContain('get_receivables');
    const r = (await c.callTool({ name: 'list_clients', arguments: { per_page: 2 } })) as unknown as {
      structuredContent: { clients: unknown[] };
    };
    expect(r.structuredContent.clients).toHaveLength(2);
  });

  it('refuses no token, a wrong one, and one in the query string — 401 with WWW-Authenticate', async () => {
    const sb = await startSandbox();
    const { url } = await serve(sb);
    const tries: Array<Record<string, string>> = [
      {},
      { authorization: 'Bearer wrong-token-wrong-token' },
      { authorization: `Basic ${TOKEN}` },
    ];
    for (const headers of tries) {
      const r = await raw(url, { headers, body: init });
      expect(r.status).toBe(401);
      expect(String(r.headers['www-authenticate'])).toMatch(/^Bearer/);
    }
    const q = await raw(url, {
      path: `/mcp?token=${TOKEN}`,
      headers: { authorization: `Bearer ${TOKEN}` },
      body: init,
    });
    expect(q.status).toBe(401);
    expect(q.body).toMatch(/token in the query string is refused/);
    expect(sb.requests).toHaveLength(0);
  });

  it('refuses a foreign Host or Origin with 403 (DNS rebinding), and an oversized body with 413', async () => {
    const sb = await startSandbox();
    const { url } = await serve(sb, {}, { maxBodyBytes: 10_000 });
    const auth = { authorization: `Bearer ${TOKEN}` };
    expect((await raw(url, { headers: { ...auth, host: 'evil.example' }, body: init })).status).toBe(403);
    expect(
      (await raw(url, { headers: { ...auth, origin: 'https://evil.example' }, body: init })).status,
    ).toBe(403);
    expect((await raw(url, { headers: { ...auth, origin: new URL(url).origin }, body: init })).status).toBe(
      200,
    );
    const big = await raw(url, {
      headers: auth,
      body: `{"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":"${'x'.repeat(20_000)}"}}`,
    });
    expect(big.status).toBe(413);
  });

  it('GET /healthz answers without a token and without data', async () => {
    const sb = await startSandbox();
    const { url } = await serve(sb);
    const r = await raw(url, { method: 'GET', path: '/healthz' });
    expect(r.status).toBe(200);
    expect(r.body).toBe('{"status":"ok"}');
  });

  it('two sessions share one in-flight bound and one duplicate guard', async () => {
    const sb = await startSandbox({ latencyMs: 40 });
    const { url } = await serve(sb, { PIXIESET_MAX_CONCURRENCY: '2' });
    const [a, b] = [await client(url), await client(url)];
    sb.resetStats();
    await Promise.all([
      a.c.callTool({ name: 'summarize_invoices', arguments: {} }),
      b.c.callTool({ name: 'summarize_invoices', arguments: { status: 'paid' } }),
    ]);
    expect(sb.maxInFlight).toBeLessThanOrEqual(2);
    const args = {
      client_id: sb.clients[0]?.id,
      line_items: [{ name: 'Prints', unit_price: '80' }],
      due_date: '2027-05-01',
    };
    const [r1, r2] = (await Promise.all([
      a.c.callTool({ name: 'create_invoice', arguments: args }),
      b.c.callTool({ name: 'create_invoice', arguments: args }),
    ])) as unknown as Array<{ structuredContent: { outcome: string } }>;
    expect(sb.count('POST')).toBe(1);
    expect([r1?.structuredContent.outcome, r2?.structuredContent.outcome].sort()).toEqual([
      'created',
      'deduplicated',
    ]);
  });

  it('an idle session expires; DELETE ends one', async () => {
    const sb = await startSandbox();
    const { url } = await serve(sb, {}, { idleMs: 200 });
    const { c, transport } = await client(url);
    const id = transport.sessionId as string;
    await new Promise((r) => setTimeout(r, 700));
    // A ping within a session, with its token, at a protocol version.
    const ping = (session: string, version = '2025-06-18') =>
      raw(url, {
        headers: {
          authorization: `Bearer ${TOKEN}`,
          'mcp-session-id': session,
          'mcp-protocol-version': version,
        },
        body: '{"jsonrpc":"2.0","id":2,"method":"ping"}',
      });
    expect((await ping(id)).status).toBe(404);
    void c;
    const other = await client(url);
    const sid = other.transport.sessionId as string;
    // An unsupported MCP-Protocol-Version is refused.
    expect((await ping(sid, '1999-01-01')).status).toBe(400);
    await other.transport.terminateSession();
    expect((await ping(sid)).status).toBe(404);
  });

  it('SIGTERM mid-call: the call under way still gets its answer, then the server stops', async () => {
    const sb = await startSandbox({ latencyMs: 300 });
    const { url, signals, exits } = await serve(sb);
    const { c } = await client(url);
    const call = c.callTool({ name: 'get_client', arguments: { client_id: sb.clients[0]?.id } });
    await new Promise((r) => setTimeout(r, 100));
    signals.get('SIGTERM')?.();
    const r = (await call) as { isError?: boolean };
    expect(r.isError).toBeFalsy();
    const end = Date.now() + 3_000;
    while (exits.length === 0 && Date.now() < end) await new Promise((res) => setTimeout(res, 20));
    expect(exits).toEqual([0]);
  });

  it('--no-token only with the sandbox and on loopback; beyond loopback only with --host given', async () => {
    const sb = await startSandbox();
    const config = loadConfig({
      PIXIESET_BASE_URL: sb.url,
      PIXIESET_COOKIE: sb.cookie,
      PIXIESET_LOG_LEVEL: 'error',
    });
    const io = { stderr: () => {}, onSignal: () => {}, exit: () => {} };
    const base: ServeHttpOptions = {
      port: 0,
      host: '127.0.0.1',
      hostGiven: false,
      noToken: false,
      token: TOKEN,
      tokenFile: '/x',
      allowedHosts: [],
    };
    await expect(runHttp(config, { ...base, noToken: true }, io)).rejects.toThrow(
      /--no-token is allowed only with --sandbox/,
    );
    await expect(runHttp(config, { ...base, host: '0.0.0.0' }, io)).rejects.toThrow(
      /needs --host given explicitly/,
    );
  });
});

describe('issue 24: the host allow-list and a full session table', () => {
  const auth = { authorization: `Bearer ${TOKEN}` };

  it('a bare name in PIXIESET_HTTP_ALLOWED_HOSTS is accepted on any port, name:port on that port only', async () => {
    const sb = await startSandbox();
    const { url } = await serve(sb, {}, { allowedHosts: ['192.0.2.2', 'proxy.example:443'] });
    const port = new URL(url).port;
    const asHost = (host: string, origin?: string) =>
      raw(url, { headers: { ...auth, host, ...(origin ? { origin } : {}) }, body: init });
    expect((await asHost(`192.0.2.2:${port}`)).status).toBe(200);
    expect((await asHost('192.0.2.2')).status).toBe(200);
    expect((await asHost('proxy.example:443', 'https://proxy.example:443')).status).toBe(200);
    const wrongPort = await asHost('proxy.example:8443');
    expect(wrongPort.status).toBe(403);
    expect(wrongPort.body).toMatch(/PIXIESET_HTTP_ALLOWED_HOSTS/);
    expect((await asHost('192.0.2.3')).status).toBe(403);
    expect((await asHost(`192.0.2.2:${port}`, 'https://evil.example')).status).toBe(403);
  });

  it('17 sessions never ended: the 17th initialize ends the one unused longest instead of a 503', async () => {
    const sb = await startSandbox();
    const { url } = await serve(sb, { PIXIESET_HTTP_MAX_SESSIONS: '16' }, { maxSessions: 16 });
    const ids: string[] = [];
    for (let i = 0; i < 17; i++) {
      const r = await raw(url, { headers: auth, body: init });
      expect(r.status, r.body).toBe(200);
      ids.push(String(r.headers['mcp-session-id']));
    }
    // The first (unused longest) gave way; the newest works.
    const ping = (id: string | undefined) =>
      raw(url, {
        headers: { ...auth, 'mcp-session-id': id ?? '', 'mcp-protocol-version': '2025-06-18' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'ping' }),
      });
    expect((await ping(ids[0])).status).toBe(404);
    expect((await ping(ids[16])).status).toBe(200);
    expect((await ping(ids[1])).status).toBe(200);
  });

  it('503 with Retry-After only when every session has a call under way', async () => {
    const sb = await startSandbox({ latencyMs: 1_500 });
    const { url } = await serve(sb, {}, { maxSessions: 2 });
    const open = async () => {
      const r = await raw(url, { headers: auth, body: init });
      return String(r.headers['mcp-session-id']);
    };
    const slowCall = (id: string) =>
      raw(url, {
        headers: { ...auth, 'mcp-session-id': id, 'mcp-protocol-version': '2025-06-18' },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 3,
          method: 'tools/call',
          params: { name: 'list_clients', arguments: {} },
        }),
      });
    const calls = [slowCall(await open()), slowCall(await open())];
    await new Promise((r) => setTimeout(r, 200));
    const third = await raw(url, { headers: auth, body: init });
    expect(third.status).toBe(503);
    expect(third.headers['retry-after']).toBe('5');
    expect(third.body).toMatch(/each with a call under way/);
    await Promise.all(calls);
    expect((await raw(url, { headers: auth, body: init })).status).toBe(200);
  });
});
