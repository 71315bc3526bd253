import { spawn } from 'node:child_process';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, expect } from 'vitest';
import { type Config, loadConfig } from '../src/config.js';
import { createLogger, type Logger, Redactor } from '../src/log.js';
import { cookieSources, createPixiesetApi, type PixiesetApi } from '../src/pixieset/api.js';
import type { RetryPolicy } from '../src/pixieset/http.js';
import { Sandbox, type SandboxOptions } from '../src/sandbox/sandbox.js';
import { ConfirmationTokens } from '../src/tools/writes/confirmation-tokens.js';

const cleanups: Array<() => Promise<void>> = [];

// Across the whole suite: every tool result and log line a test produces is checked, as it is produced,
// against the cookies that test configured (raw and URL-decoded). Nothing is stored but what leaked.
const leaks: string[] = [];
const secrets = new Set<string>();
export function recordSecretCookie(cookie: string): void {
  for (const part of cookie.replace(/^cookie:\s*/i, '').split(';')) {
    const value = part.split('=').slice(1).join('=').trim();
    if (value.length >= 6) {
      secrets.add(value);
      secrets.add(decodeURIComponent(value));
    }
  }
}
export function recordOutput(text: string): void {
  for (const secret of secrets) if (text.includes(secret)) leaks.push(secret);
}

afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
  const leaked = [...new Set(leaks)];
  leaks.length = 0;
  secrets.clear();
  expect(leaked, 'a cookie value appeared in a tool result or a log line').toEqual([]);
});

// The documented API variant every sandbox of this run serves (npm run test:variants sets it).
const VARIANT = process.env.SANDBOX_VARIANT as SandboxOptions['variant'] | undefined;

// Starts a sandbox that is closed after the test.
export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const sb = await Sandbox.start({ ...(VARIANT ? { variant: VARIANT } : {}), ...opts });
  cleanups.push(() => sb.close());
  return sb;
}

// Captures every log line, so tests can assert on logs (and that they hold no secrets).
export function captureLogger(level: Config['logLevel'] = 'debug'): {
  logger: Logger;
  lines: string[];
  redactor: Redactor;
} {
  const lines: string[] = [];
  const redactor = new Redactor();
  return { logger: createLogger(level, (l) => lines.push(l), redactor), lines, redactor };
}

// A short reconciliation window for tests that are not about its length.
export const FAST_LOOKS = [0, 20, 40];

// Fast retries for tests: the policy is the same, only the delays are short.
export const FAST_RETRY: Partial<RetryPolicy> = { baseDelayMs: 5, maxDelayMs: 20 };

export interface ClientHarness {
  client: PixiesetApi;
  lines: string[];
}

// A real PixiesetApi talking HTTP to the sandbox.
export async function connectClient(
  sb: Sandbox,
  o: {
    cookie?: string;
    cookieFile?: string;
    env?: Record<string, string>;
    retry?: Partial<RetryPolicy>;
  } = {},
): Promise<ClientHarness> {
  recordSecretCookie(o.cookie ?? sb.cookie);
  const config = loadConfig({
    PIXIESET_BASE_URL: sb.url,
    PIXIESET_COOKIE: o.cookieFile ? undefined : (o.cookie ?? sb.cookie),
    PIXIESET_COOKIE_FILE: o.cookieFile,
    ...o.env,
  });
  const { logger, lines, redactor } = captureLogger();
  const client = await createPixiesetApi({
    config,
    cookie: o.cookieFile
      ? { kind: 'file', path: o.cookieFile }
      : { kind: 'value', value: config.cookie ?? '' },
    logger,
    redactor,
    retry: { ...FAST_RETRY, ...o.retry },
  });
  cleanups.push(() => client.close());
  return { client, lines };
}

export { Client, InMemoryTransport };

export interface McpHarness {
  mcp: Client;
  sb: Sandbox;
  lines: string[];
  // The server's confirmation tokens (issue #16), for tests of their expiry.
  tokens: ConfirmationTokens;
  // Calls a tool and returns the raw result (isError results included).
  call(name: string, args?: Record<string, unknown>): Promise<CallResult>;
}

export interface CallResult {
  isError?: boolean;
  content: Array<{ type: string; text?: string }>;
  structuredContent?: Record<string, unknown>;
}

// The whole stack as a host sees it: a real MCP Client ↔ in-memory transport ↔ our server ↔ HTTP ↔ the sandbox.
export async function connectMcp(
  o: {
    sandbox?: SandboxOptions;
    env?: Record<string, string>;
    clientCapabilities?: ConstructorParameters<typeof Client>[1];
    sb?: Sandbox;
    // The failed-write reconciliation schedule; short by default so the suite stays fast.
    lookDelaysMs?: number[];
  } = {},
): Promise<McpHarness> {
  const { createServer, serverDeps } = await import('../src/create-server.js');
  const sb = o.sb ?? (await startSandbox(o.sandbox));
  recordSecretCookie(sb.cookie);
  recordSecretCookie(sb.gallery.cookie);
  const config = loadConfig({
    PIXIESET_BASE_URL: sb.url,
    PIXIESET_COOKIE: sb.cookie,
    PIXIESET_GALLERY_BASE_URL: sb.gallery.url,
    PIXIESET_GALLERY_COOKIE: sb.gallery.cookie,
    ...o.env,
  });
  const { logger, lines, redactor } = captureLogger();
  const client = await createPixiesetApi({
    config,
    ...cookieSources(config),
    logger,
    redactor,
    retry: FAST_RETRY,
  });
  if (VARIANT === 'other-ids') {
    // Tests take ids straight from the sandbox's records; an assistant would first have listed them. These
    // reads let PIXIESET_ID_CHECK=auto learn the studio's id length, as such a listing would, and are then
    // forgotten by the sandbox's counters.
    const fresh = { fresh: true };
    await client.clients.list({ page: 1, perPage: 1 }, fresh);
    await client.invoices.list({ page: 1, perPage: 1 }, fresh);
    await client.payments.list({ page: 1, perPage: 1 }, fresh);
    await client.records.contractsPage({ page: 1, perPage: 1 }, fresh).catch(() => {});
    await client.records.questionnaires(fresh).catch(() => {});
    await client.records.sessions(fresh).catch(() => {});
    sb.resetStats();
  }
  const tokens = new ConfirmationTokens();
  const server = createServer(
    serverDeps({
      pixieset: client,
      config,
      tokens,
      logger,
      lookDelaysMs: o.lookDelaysMs ?? FAST_LOOKS,
    }),
  );
  const mcp = new Client({ name: 'test-host', version: '1.0.0' }, o.clientCapabilities);
  // Every result any test sees goes through the suite-wide secret scan.
  const callTool = mcp.callTool.bind(mcp);
  mcp.callTool = async (...a: Parameters<typeof callTool>) => {
    const r = await callTool(...a);
    recordOutput(JSON.stringify(r));
    return r;
  };
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await Promise.all([server.connect(serverSide), mcp.connect(clientSide)]);
  cleanups.push(async () => {
    await mcp.close();
    await server.close();
    await client.close();
  });
  return {
    mcp,
    sb,
    lines,
    tokens,
    call: async (name, args = {}) => (await mcp.callTool({ name, arguments: args })) as CallResult,
  };
}

// The text of a result's first content block.
export const textOf = (r: CallResult): string => r.content[0]?.text ?? '';

// An MCP initialize request, for tests that speak HTTP by hand.
export const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
};

// Emails an invoice the way a model must on a host that cannot ask the user: a dry run first, then the
// same call with the confirmation_token the dry run gave.
export async function createAndEmail(
  call: McpHarness['call'],
  args: Record<string, unknown>,
): Promise<CallResult> {
  const dry = await call('create_invoice', { ...args, send_email: true, dry_run: true });
  const token = (dry.structuredContent as { confirmation_token?: string } | undefined)?.confirmation_token;
  return call('create_invoice', { ...args, send_email: true, confirmation_token: token });
}

// Spawns the built bin as a host does and collects its stdout lines as parsed JSON; `ready.afterLines` is how
// many lines had arrived when the server (not the bin's front) said it was ready. The caller kills the child.
export function spawnBin(args: string[], env: Record<string, string> = {}) {
  const bin = new URL('../dist/index.js', import.meta.url).pathname;
  const child = spawn(process.execPath, [bin, ...args], { env: { PATH: process.env.PATH ?? '', ...env } });
  const lines: Array<Record<string, unknown>> = [];
  const ready = { afterLines: -1 };
  let buf = '';
  child.stdout.on('data', (d: Buffer) => {
    buf += d.toString();
    for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
      lines.push(JSON.parse(buf.slice(0, nl)));
      buf = buf.slice(nl + 1);
    }
  });
  child.stderr.on('data', (d: Buffer) => {
    if (ready.afterLines < 0 && d.toString().includes('ready on stdio')) ready.afterLines = lines.length;
  });
  const send = (m: unknown) => child.stdin.write(`${JSON.stringify(m)}\n`);
  const until = async (pred: () => boolean, ms = 5000) => {
    const end = Date.now() + ms;
    while (!pred()) {
      if (Date.now() > end) throw new Error(`timed out; got ${JSON.stringify(lines)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  return { child, lines, send, until, ready };
}

// A host that can ask its user: answers every elicitation with `action` (accepting with `content`, by default a
// ticked confirmation), and records the questions it was asked.
export async function hostThatAnswers(
  action: 'accept' | 'decline' | 'cancel',
  o: { content?: Record<string, unknown>; sb?: Sandbox; sandbox?: SandboxOptions } = {},
) {
  const h = await connectMcp({
    clientCapabilities: { capabilities: { elicitation: {} } },
    ...(o.sb ? { sb: o.sb } : {}),
    ...(o.sandbox ? { sandbox: o.sandbox } : {}),
  });
  const asked: string[] = [];
  h.mcp.setRequestHandler(ElicitRequestSchema, async (req) => {
    asked.push(String(req.params.message));
    return action === 'accept' ? { action, content: o.content ?? { confirm: true } } : { action };
  });
  return { ...h, asked };
}
