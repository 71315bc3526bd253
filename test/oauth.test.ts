import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer as netServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type {
  OAuthClientInformationMixed,
  OAuthClientMetadata,
  OAuthTokens,
} from '@modelcontextprotocol/sdk/shared/auth.js';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { manageGrants, runHttp } from '../src/transports/http.js';
import { INITIALIZE, recordSecretCookie, startSandbox } from './helpers.js';

// `pixieset-mcp http --oauth` (issue #28) against the sandbox, through the MCP SDK's own OAuth client: discovery
// from a 401, registration, PKCE, the consent form posted with the owner passphrase, tokens, a tool call,
// refresh, revocation. The negative cases speak HTTP directly.

const PASSPHRASE = 'correct horse battery staple';
const STATIC = 'static-token-0123456789abcdef';
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c().catch(() => {});
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = netServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

// runHttp with --oauth against a sandbox: the passphrase and grants files in `dir`, the public URL as given.
async function startOAuth(o: { port: number; publicUrl: string | undefined; dir: string }) {
  const sb = await startSandbox();
  closers.push(() => sb.close());
  recordSecretCookie(sb.cookie);
  const config = loadConfig({
    PIXIESET_BASE_URL: sb.url,
    PIXIESET_COOKIE: sb.cookie,
    PIXIESET_GALLERY_BASE_URL: sb.gallery.url,
    PIXIESET_GALLERY_COOKIE: sb.gallery.cookie,
    PIXIESET_LOG_LEVEL: 'error',
  });
  const passphraseFile = join(o.dir, 'owner-passphrase');
  const grantsFile = join(o.dir, 'grants.json');
  const server = await runHttp(
    config,
    {
      port: o.port,
      host: '127.0.0.1',
      hostGiven: false,
      noToken: false,
      token: STATIC,
      tokenFile: '/nonexistent',
      allowedHosts: [],
      oauth: { publicUrl: o.publicUrl, passphraseFile, grantsFile },
    },
    { stderr: () => {}, onSignal: () => {}, exit: () => {} },
  );
  closers.push(() => server.close());
  return { sb, passphraseFile, grantsFile };
}

async function serve() {
  const dir = await mkdtemp(join(tmpdir(), 'pmcp-oauth-'));
  await writeFile(join(dir, 'owner-passphrase'), `${PASSPHRASE}\n`, { mode: 0o600 });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const { sb, grantsFile } = await startOAuth({ port, publicUrl: base, dir });
  return { base, mcp: `${base}/mcp`, grantsFile, sb };
}

// The SDK's OAuth client as a host uses it: it keeps what it is given, and "opens" the authorization URL by
// handing it to the test, which plays the owner at the consent page.
class HostAuth {
  info: OAuthClientInformationMixed | undefined;
  saved: OAuthTokens | undefined;
  verifier = '';
  opened: URL | undefined;
  constructor(
    private readonly scope = 'read write',
    readonly clientMetadataUrl?: string,
  ) {}
  get redirectUrl() {
    return 'https://host.example/callback';
  }
  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: 'Test host',
      redirect_uris: [this.redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      scope: this.scope,
    };
  }
  clientInformation() {
    return this.info;
  }
  saveClientInformation(i: OAuthClientInformationMixed) {
    this.info = i;
  }
  tokens() {
    return this.saved;
  }
  saveTokens(t: OAuthTokens) {
    this.saved = t;
  }
  redirectToAuthorization(url: URL) {
    this.opened = url;
  }
  saveCodeVerifier(v: string) {
    this.verifier = v;
  }
  codeVerifier() {
    return this.verifier;
  }
}

// The owner at the consent page: reads the form, posts it, returns the redirect (no following).
async function consent(authUrl: URL, o: { passphrase?: string; access?: string; decision?: string } = {}) {
  const page = await fetch(authUrl, { redirect: 'manual' });
  expect(page.status).toBe(200);
  const html = await page.text();
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1] ?? '';
  expect(html).toMatch(/<input type="password" name="passphrase"/);
  const form = new URLSearchParams({
    request_id: field('request_id'),
    csrf: field('csrf'),
    passphrase: o.passphrase ?? PASSPHRASE,
    access: o.access ?? 'write',
    decision: o.decision ?? 'allow',
  });
  const posted = await fetch(new URL('/oauth/consent', authUrl), {
    method: 'POST',
    body: form,
    redirect: 'manual',
  });
  return { posted, html, form };
}

async function connected(mcp: string, auth: HostAuth) {
  const c = new Client({ name: 'oauth-test', version: '1' });
  await c.connect(new StreamableHTTPClientTransport(new URL(mcp), { authProvider: auth }));
  closers.push(() => c.close());
  return c;
}

// Authorizes a host from scratch: the first connect meets the 401, registers and sends the owner to consent.
async function authorize(mcp: string, auth: HostAuth, access = 'write') {
  const first = new StreamableHTTPClientTransport(new URL(mcp), { authProvider: auth });
  await expect(new Client({ name: 'oauth-test', version: '1' }).connect(first)).rejects.toThrow(
    UnauthorizedError,
  );
  expect(auth.opened).toBeDefined();
  const { posted } = await consent(auth.opened as URL, { access });
  expect(posted.status).toBe(302);
  const back = new URL(posted.headers.get('location') ?? '');
  expect(back.origin + back.pathname).toBe(auth.redirectUrl);
  await first.finishAuth(back.searchParams.get('code') ?? '');
  return connected(mcp, auth);
}

describe('http --oauth with the SDK OAuth client', () => {
  it('discovery, registration, consent with the passphrase, a tool call, refresh, revocation, then 401', async () => {
    const { base, mcp, grantsFile } = await serve();
    const unauth = await fetch(mcp, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(unauth.status).toBe(401);
    expect(unauth.headers.get('www-authenticate')).toContain(
      `resource_metadata="${base}/.well-known/oauth-protected-resource/mcp"`,
    );
    const prm = (await (await fetch(`${base}/.well-known/oauth-protected-resource/mcp`)).json()) as {
      resource: string;
      authorization_servers: string[];
    };
    expect(prm.resource).toBe(mcp);
    const asm = (await (await fetch(`${base}/.well-known/oauth-authorization-server`)).json()) as Record<
      string,
      unknown
    >;
    expect(asm).toMatchObject({
      code_challenge_methods_supported: ['S256'],
      client_id_metadata_document_supported: true,
    });

    const auth = new HostAuth();
    const c = await authorize(mcp, auth);
    expect(auth.info?.client_id).toMatch(/^pmc_/);
    const tools = (await c.listTools()).tools.map((t) => t.name);
    expect(tools).toContain('create_invoice');
    const found = await c.callTool({ name: 'search_clients', arguments: { query: 'jane' } });
    expect(found.isError).toBeFalsy();

    // Tokens are kept only as hashes, in a file readable by the owner only.
    const file = await readFile(grantsFile, 'utf8');
    expect(file).not.toContain(auth.saved?.access_token);
    expect(file).not.toContain(auth.saved?.refresh_token);
    expect((await stat(grantsFile)).mode & 0o777).toBe(0o600);

    // Refresh: the access token revoked alone, the SDK's client refreshes on the 401 and carries on.
    const firstRefresh = auth.saved?.refresh_token;
    const revoked = await fetch(`${base}/revoke`, {
      method: 'POST',
      body: new URLSearchParams({
        token: auth.saved?.access_token ?? '',
        client_id: auth.info?.client_id ?? '',
      }),
    });
    expect(revoked.status).toBe(200);
    const again = await connected(mcp, auth);
    expect((await again.callTool({ name: 'list_session_types', arguments: {} })).isError).toBeFalsy();
    expect(auth.saved?.refresh_token).not.toBe(firstRefresh);

    // Revocation from the command line ends access for the running server at once.
    const said: string[] = [];
    expect(await manageGrants(grantsFile, { list: true }, (l) => said.push(l))).toBe(0);
    expect(said.join('\n')).toContain(auth.info?.client_id);
    expect(said.join('\n')).toContain('Test host');
    expect(await manageGrants(grantsFile, { revokeAll: true }, () => {})).toBe(0);
    const after = await fetch(mcp, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${auth.saved?.access_token}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(after.status).toBe(401);
    expect(after.headers.get('www-authenticate')).toContain('error="invalid_token"');

    // The static token still works beside OAuth.
    const withToken = new Client({ name: 'static', version: '1' });
    await withToken.connect(
      new StreamableHTTPClientTransport(new URL(mcp), {
        requestInit: { headers: { authorization: `Bearer ${STATIC}` } },
      }),
    );
    closers.push(() => withToken.close());
    expect((await withToken.listTools()).tools.length).toBeGreaterThan(20);
  });

  it('a read-only grant lists and can call no write tool', async () => {
    const { mcp, sb } = await serve();
    const c = await authorize(mcp, new HostAuth(), 'read');
    const tools = (await c.listTools()).tools.map((t) => t.name);
    expect(tools).toContain('list_invoices');
    expect(tools).not.toContain('create_invoice');
    expect(tools).not.toContain('send_message');
    const r = await c.callTool({
      name: 'create_client',
      arguments: { first_name: 'A', last_name: 'B', email: 'a@b.example' },
    });
    expect(r.isError).toBe(true);
    expect(JSON.stringify(r.content)).toMatch(/Tool create_client not found/);
    expect(sb.requests.filter((q) => q.method !== 'GET')).toHaveLength(0);
  });
});

// The flow by hand, for what the SDK's client would never send.
const b64url = (b: Buffer) => b.toString('base64url');
async function pkce() {
  const { createHash, randomBytes } = await import('node:crypto');
  const verifier = b64url(randomBytes(32));
  return { verifier, challenge: b64url(createHash('sha256').update(verifier).digest()) };
}
const REDIRECT = 'https://host.example/callback';

async function register(base: string, redirect = REDIRECT) {
  const r = await fetch(`${base}/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      client_name: 'Hand',
      redirect_uris: [redirect],
      token_endpoint_auth_method: 'none',
    }),
  });
  expect(r.status).toBe(201);
  return ((await r.json()) as { client_id: string }).client_id;
}

function authorizeUrl(base: string, clientId: string, challenge: string, extra: Record<string, string> = {}) {
  return new URL(
    `/authorize?${new URLSearchParams({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: REDIRECT,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state: 'st-1',
      scope: 'read write',
      resource: `${base}/mcp`,
      ...extra,
    })}`,
    base,
  );
}

const token = (base: string, form: Record<string, string>) =>
  fetch(`${base}/token`, { method: 'POST', body: new URLSearchParams(form) });

async function codeFor(base: string, clientId: string) {
  const p = await pkce();
  const { posted } = await consent(authorizeUrl(base, clientId, p.challenge));
  const back = new URL(posted.headers.get('location') ?? '');
  expect(back.searchParams.get('state')).toBe('st-1');
  // RFC 9207: the issuer exactly as the metadata says it.
  const meta = (await (await fetch(`${base}/.well-known/oauth-authorization-server`)).json()) as {
    issuer: string;
  };
  expect(back.searchParams.get('iss')).toBe(meta.issuer);
  return { code: back.searchParams.get('code') ?? '', ...p };
}

async function tokensFor(base: string, clientId: string) {
  const c = await codeFor(base, clientId);
  const r = await token(base, {
    grant_type: 'authorization_code',
    code: c.code,
    code_verifier: c.verifier,
    client_id: clientId,
    redirect_uri: REDIRECT,
    resource: `${base}/mcp`,
  });
  expect(r.status).toBe(200);
  return { ...((await r.json()) as { access_token: string; refresh_token: string }), code: c };
}

const initializeWith = (mcp: string, bearer: string) =>
  fetch(mcp, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${bearer}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    },
    body: JSON.stringify(INITIALIZE),
  });

describe('http --oauth refuses what it must', () => {
  it('a client named by its metadata document URL is authorized like a registered one', async () => {
    const { base, mcp } = await serve();
    const { createServer } = await import('node:http');
    const doc = createServer((_req, res) => {
      const id = `http://127.0.0.1:${(doc.address() as { port: number }).port}/client.json`;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ client_id: id, client_name: 'Doc host', redirect_uris: [REDIRECT] }));
    });
    await new Promise<void>((r) => doc.listen(0, '127.0.0.1', r));
    closers.push(() => new Promise((r) => doc.close(() => r())));
    const id = `http://127.0.0.1:${(doc.address() as { port: number }).port}/client.json`;
    const p = await pkce();
    const { html } = await consent(authorizeUrl(base, id, p.challenge), { decision: 'deny' });
    expect(html).toContain('Doc host');
    const t = await tokensFor(base, id);
    expect((await initializeWith(mcp, t.access_token)).status).toBe(200);
  });

  it('wrong passphrase, then the lock; a consent without its CSRF token; a redirect URI not registered', async () => {
    const { base } = await serve();
    const id = await register(base);
    const p = await pkce();
    const url = authorizeUrl(base, id, p.challenge);
    const wrong = await consent(url, { passphrase: 'not it' });
    expect(wrong.posted.status).toBe(401);
    expect(wrong.posted.headers.get('location')).toBeNull();
    const noCsrf = new URLSearchParams(wrong.form);
    noCsrf.set('csrf', 'forged');
    noCsrf.set('passphrase', PASSPHRASE);
    const forged = await fetch(`${base}/oauth/consent`, { method: 'POST', body: noCsrf, redirect: 'manual' });
    expect(forged.status).toBe(403);
    expect(forged.headers.get('location')).toBeNull();
    for (let i = 0; i < 4; i++)
      expect((await consent(url, { passphrase: `no ${i}` })).posted.status).toBe(401);
    // Five wrong in 15 minutes: even the right one is refused now.
    const locked = await consent(url);
    expect(locked.posted.status).toBe(429);
    expect(locked.posted.headers.get('location')).toBeNull();
    // A client's name is its own claim, shown as text: never markup.
    const hostile = await fetch(`${base}/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_name: '<script>alert(1)</script> Claude',
        redirect_uris: [REDIRECT],
        token_endpoint_auth_method: 'none',
      }),
    });
    const hostileId = ((await hostile.json()) as { client_id: string }).client_id;
    const shown = await (await fetch(authorizeUrl(base, hostileId, p.challenge))).text();
    expect(shown).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Claude');
    expect(shown).not.toContain('<script>');
    // A client id URL at a private address is never fetched.
    const privateDoc = await fetch(authorizeUrl(base, 'https://10.1.2.3/client.json', p.challenge), {
      redirect: 'manual',
    });
    expect(privateDoc.status).toBe(400);
    expect(((await privateDoc.json()) as { error: string }).error).toBe('invalid_client');
    const elsewhere = await fetch(
      authorizeUrl(base, id, p.challenge, { redirect_uri: 'https://evil.example/cb' }),
      {
        redirect: 'manual',
      },
    );
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.headers.get('location')).toBeNull();
  });

  it('PKCE: a missing or wrong verifier gets no token; a code used twice gets none and ends what it gave', async () => {
    const { base, mcp } = await serve();
    const id = await register(base);
    const c = await codeFor(base, id);
    const form = { grant_type: 'authorization_code', code: c.code, client_id: id, redirect_uri: REDIRECT };
    expect((await token(base, form)).status).toBe(400);
    expect((await token(base, { ...form, code_verifier: (await pkce()).verifier })).status).toBe(400);
    const ok = await token(base, { ...form, code_verifier: c.verifier });
    expect(ok.status).toBe(200);
    const { access_token } = (await ok.json()) as { access_token: string };
    expect((await initializeWith(mcp, access_token)).status).toBe(200);
    const reused = await token(base, { ...form, code_verifier: c.verifier });
    expect(reused.status).toBe(400);
    expect(((await reused.json()) as { error: string }).error).toBe('invalid_grant');
    expect((await initializeWith(mcp, access_token)).status).toBe(401);
  });

  it('a replayed refresh token ends the grant; another resource, an expired token: refused', async () => {
    const { base, mcp, grantsFile } = await serve();
    const id = await register(base);
    const t = await tokensFor(base, id);
    const refresh = (rt: string, extra: Record<string, string> = {}) =>
      token(base, { grant_type: 'refresh_token', refresh_token: rt, client_id: id, ...extra });
    const other = await refresh(t.refresh_token, { resource: 'https://other.example/mcp' });
    expect(other.status).toBe(400);
    expect(((await other.json()) as { error: string }).error).toBe('invalid_target');
    const rotated = await refresh(t.refresh_token);
    expect(rotated.status).toBe(200);
    const next = (await rotated.json()) as { access_token: string; refresh_token: string };
    expect((await initializeWith(mcp, next.access_token)).status).toBe(200);
    const replay = await refresh(t.refresh_token);
    expect(replay.status).toBe(400);
    expect((await refresh(next.refresh_token)).status).toBe(400);
    expect((await initializeWith(mcp, next.access_token)).status).toBe(401);

    // Authorizing for another resource is refused back at the client, with no code.
    const p = await pkce();
    const page = await fetch(authorizeUrl(base, id, p.challenge, { resource: 'https://other.example/mcp' }), {
      redirect: 'manual',
    });
    expect(page.status).toBe(302);
    const back = new URL(page.headers.get('location') ?? '');
    expect(back.searchParams.get('error')).toBe('invalid_target');
    expect(back.searchParams.get('code')).toBeNull();

    // A token recorded for another resource, and one past its hour (the grants file is the server's state).
    const fresh = await tokensFor(base, id);
    const edit = async (change: (g: { resource: string; tokens: Array<{ expires_at: number }> }) => void) => {
      const s = JSON.parse(await readFile(grantsFile, 'utf8'));
      for (const g of s.grants) change(g);
      await writeFile(grantsFile, JSON.stringify(s), { mode: 0o600 });
    };
    await edit((g) => {
      g.resource = 'https://other.example/mcp';
    });
    expect((await initializeWith(mcp, fresh.access_token)).status).toBe(401);
    await edit((g) => {
      g.resource = `${base}/mcp`;
      for (const x of g.tokens) x.expires_at = Date.now() - 1000;
    });
    const expired = await initializeWith(mcp, fresh.access_token);
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });
});

describe('http --oauth start-up', () => {
  it('refuses to start without PIXIESET_HTTP_PUBLIC_URL, with plain http beyond loopback, or with a path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pmcp-oauth-'));
    const start = (publicUrl: string | undefined) => startOAuth({ port: 0, publicUrl, dir });
    await expect(start(undefined)).rejects.toThrow(/--oauth needs PIXIESET_HTTP_PUBLIC_URL/);
    await expect(start('http://pixieset.example.com')).rejects.toThrow(/must be https/);
    await expect(start('https://pixieset.example.com/mcp')).rejects.toThrow(/origin only/);
    // Nothing was created for a server that did not start.
    await expect(stat(join(dir, 'owner-passphrase'))).rejects.toThrow();
  });
});

describe('http --oauth with a client named by its metadata document, through the SDK client', () => {
  it('the SDK client sends its https metadata URL as client_id; the server fetches it, and the flow ends in a tool call', async () => {
    const { spawn } = await import('node:child_process');
    const { createServer: httpsServer } = await import('node:https');
    const fixtures = new URL('./fixtures/', import.meta.url);
    const key = await readFile(new URL('localhost-key.pem', fixtures));
    const cert = await readFile(new URL('localhost-cert.pem', fixtures));
    // The client's document, over https on this machine (a test certificate the server is told to trust).
    let docUrl = '';
    const doc = httpsServer({ key, cert }, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ client_id: docUrl, client_name: 'Doc host (SDK)', redirect_uris: [REDIRECT] }),
      );
    });
    await new Promise<void>((r) => doc.listen(0, '127.0.0.1', r));
    closers.push(() => new Promise((r) => doc.close(() => r())));
    docUrl = `https://127.0.0.1:${(doc.address() as { port: number }).port}/oauth/client.json`;
    // The built server in its own process: Node reads extra trusted certificates only at start.
    const dir = await mkdtemp(join(tmpdir(), 'pmcp-oauth-'));
    await writeFile(join(dir, 'p'), `${PASSPHRASE}\n`, { mode: 0o600 });
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const bin = new URL('../dist/index.js', import.meta.url).pathname;
    const child = spawn(process.execPath, [bin, 'http', '--sandbox', '--oauth', '--port', String(port)], {
      env: {
        PATH: process.env.PATH ?? '',
        NODE_EXTRA_CA_CERTS: new URL('localhost-cert.pem', fixtures).pathname,
        PIXIESET_HTTP_PUBLIC_URL: base,
        PIXIESET_HTTP_OWNER_PASSPHRASE_FILE: join(dir, 'p'),
        PIXIESET_HTTP_GRANTS_FILE: join(dir, 'g.json'),
        PIXIESET_HTTP_TOKEN_FILE: join(dir, 't'),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    closers.push(async () => {
      child.kill('SIGTERM');
    });
    await new Promise<void>((resolve, reject) => {
      let err = '';
      child.stderr.on('data', (d) => {
        err += d;
        if (err.includes('Listening at')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`the server exited (${code}): ${err}`)));
    });
    const auth = new HostAuth('read write', docUrl);
    const c = await authorize(`${base}/mcp`, auth);
    expect(auth.info?.client_id).toBe(docUrl);
    expect((await c.callTool({ name: 'list_session_types', arguments: {} })).isError).toBeFalsy();
  });
});
