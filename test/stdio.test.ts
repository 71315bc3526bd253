import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import {
  ElicitRequestSchema,
  LATEST_PROTOCOL_VERSION,
  SUPPORTED_PROTOCOL_VERSIONS,
} from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { SUPPORTED_PROTOCOL_VERSIONS as OURS } from '../src/server-identity.js';
import { connectMcp, spawnBin, startSandbox } from './helpers.js';

const BIN = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill();
});

// Spawns the bin and collects its stdout lines as parsed JSON, and when the server said it was ready.
function start(env: Record<string, string>, args: string[] = []) {
  const r = spawnBin(args, env);
  children.push(r.child);
  return r;
}

const init = (id: number | string, protocolVersion = LATEST_PROTOCOL_VERSION) => ({
  jsonrpc: '2.0',
  id,
  method: 'initialize',
  params: { protocolVersion, capabilities: {}, clientInfo: { name: 't', version: '1' } },
});

describe('the bin answers initialize before loading the server, exactly as the server would', () => {
  it('uses the protocol versions of the SDK in use', () => {
    expect(OURS).toEqual(SUPPORTED_PROTOCOL_VERSIONS);
    expect(OURS[0]).toBe(LATEST_PROTOCOL_VERSION);
  });

  for (const [label, env, args] of [
    ['normal', {}, []],
    ['read-only sandbox', { PIXIESET_READ_ONLY: 'true' }, ['--sandbox']],
  ] as const) {
    it(`gives the same initialize result as the SDK server (${label})`, async () => {
      const sb = await startSandbox();
      const p = start({ PIXIESET_BASE_URL: sb.url, PIXIESET_COOKIE: sb.cookie, ...env }, [...args]);
      p.send(init(1, '2025-06-18'));
      await p.until(() => p.lines.length >= 1);
      const early = p.lines[0]?.result as Record<string, unknown>;
      // The same server built in-process; in-process it is never the sandbox, so names differ only there.
      const { mcp } = await connectMcp({ sb, env });
      const sandbox = args.length > 0;
      expect(early.protocolVersion).toBe('2025-06-18');
      expect(early.capabilities).toEqual(mcp.getServerCapabilities());
      expect((early.serverInfo as { version: string }).version).toBe(mcp.getServerVersion()?.version);
      expect((early.serverInfo as { name: string }).name).toBe(
        sandbox ? 'pixieset-mcp (sandbox)' : mcp.getServerVersion()?.name,
      );
      if (!sandbox) expect(early.instructions).toBe(mcp.getInstructions());
      else expect(early.instructions).toMatch(/SANDBOX[\s\S]*READ-ONLY/);
    });
  }

  it('negotiates an unknown protocol version down to the newest, like the SDK', async () => {
    const p = start({ PIXIESET_COOKIE: 'a=b' });
    p.send(init(1, '1999-01-01'));
    await p.until(() => p.lines.length >= 1);
    expect(p.lines[0]).toMatchObject({ result: { protocolVersion: LATEST_PROTOCOL_VERSION } });
  });

  it('writes exactly one answer to initialize, then serves what came meanwhile in order', async () => {
    const sb = await startSandbox();
    const p = start({ PIXIESET_BASE_URL: sb.url, PIXIESET_COOKIE: sb.cookie });
    p.send(init('init-1'));
    p.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    p.send({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
    p.send({
      jsonrpc: '2.0',
      id: 3,
      method: 'tools/call',
      params: { name: 'validate_id', arguments: { id: 'cl_x' } },
    });
    await p.until(() => p.lines.some((l) => l.id === 3));
    await new Promise((r) => setTimeout(r, 100));
    expect(p.lines.map((l) => l.id)).toEqual(['init-1', 2, 3]);
  });

  it('leaves a first message that is not initialize to the SDK', async () => {
    const p = start({ PIXIESET_COOKIE: 'a=b' });
    p.send({ jsonrpc: '2.0', id: 7, method: 'ping' });
    p.send(init(8));
    await p.until(() => p.lines.some((l) => l.id === 8));
    expect(p.lines.find((l) => l.id === 7)).toMatchObject({ result: {} });
    expect(p.lines.filter((l) => l.id === 8)).toHaveLength(1);
  });

  it("still tells the server the client's capabilities: elicitation works over stdio", async () => {
    const sb = await startSandbox();
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [BIN],
      env: { PATH: process.env.PATH ?? '', PIXIESET_BASE_URL: sb.url, PIXIESET_COOKIE: sb.cookie },
      stderr: 'pipe',
    });
    const client = new Client({ name: 'asks', version: '1' }, { capabilities: { elicitation: {} } });
    const asked: string[] = [];
    client.setRequestHandler(ElicitRequestSchema, async (req) => {
      asked.push(String(req.params.message));
      return { action: 'decline' };
    });
    await client.connect(transport);
    try {
      const r = (await client.callTool({
        name: 'create_invoice',
        arguments: {
          client_id: sb.clients[0]?.id,
          line_items: [{ name: 'x', unit_price: 1 }],
          send_email: true,
        },
      })) as unknown as { structuredContent: { outcome: string } };
      expect(asked).toHaveLength(1);
      expect(r.structuredContent.outcome).toBe('declined');
      expect(sb.count('POST')).toBe(0);
    } finally {
      await client.close();
    }
  });
});

describe('the bin answers the start-up lists before loading the server, exactly as the server would', () => {
  const LISTS = ['tools/list', 'prompts/list', 'resources/list', 'resources/templates/list'];
  for (const env of [
    {},
    { PIXIESET_READ_ONLY: 'true' },
    { PIXIESET_TOOLSETS: 'clients' },
    { PIXIESET_TOOLSETS: 'payments,galleries', PIXIESET_READ_ONLY: 'true' },
    { PIXIESET_TOOLSETS: 'sessions' },
  ] as Array<Record<string, string>>) {
    it(`same answers, one per request, before the server loads (${JSON.stringify(env)})`, async () => {
      const sb = await startSandbox();
      const p = start({
        PIXIESET_BASE_URL: sb.url,
        PIXIESET_COOKIE: sb.cookie,
        PIXIESET_LOG_LEVEL: 'info',
        ...env,
      });
      p.send(init(1));
      p.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
      for (const [i, method] of LISTS.entries()) p.send({ jsonrpc: '2.0', id: 10 + i, method });
      p.send({ jsonrpc: '2.0', id: 14, method: 'ping' });
      await p.until(() => p.lines.some((l) => l.id === 14));
      // Then a call that needs the server, and the same lists again: the SDK server answers these.
      p.send({
        jsonrpc: '2.0',
        id: 15,
        method: 'tools/call',
        params: { name: 'validate_id', arguments: { id: 'x' } },
      });
      for (const [i, method] of LISTS.entries()) p.send({ jsonrpc: '2.0', id: 20 + i, method });
      await p.until(() =>
        [10, 11, 12, 13, 15, 20, 21, 22, 23].every((id) => p.lines.some((l) => l.id === id)),
      );
      await new Promise((r) => setTimeout(r, 100));
      const byId = (id: number) => p.lines.filter((l) => l.id === id);
      for (let i = 0; i < LISTS.length; i++) {
        expect(byId(10 + i), LISTS[i]).toHaveLength(1);
        expect(byId(20 + i), LISTS[i]).toHaveLength(1);
        const [early, server] = [byId(10 + i)[0], byId(20 + i)[0]];
        // A list the configuration does not offer is left to the server, which answers it with an error.
        if (server && 'error' in server) expect(early).toMatchObject({ error: server.error });
        else expect(early?.result, LISTS[i]).toEqual(server?.result);
      }
      expect(byId(1)).toHaveLength(1);
      expect(byId(14)).toEqual([{ jsonrpc: '2.0', id: 14, result: {} }]);
      // The lists it offers were answered before the server had even loaded — up to the first list the
      // configuration does not offer, which the server answers, and with it everything sent after it.
      const firstError = [10, 11, 12, 13].findIndex((id) => 'error' in (byId(id)[0] ?? {}));
      const offered = [10, 11, 12, 13].slice(0, firstError < 0 ? 4 : firstError);
      expect(offered).toContain(10);
      const firstServerLine = p.ready.afterLines;
      expect(firstServerLine).toBeGreaterThan(0);
      for (const id of offered) expect(p.lines.findIndex((l) => l.id === id)).toBeLessThan(firstServerLine);
    });
  }

  it('leaves a list request with a cursor, and everything after the first message it cannot answer, to the server', async () => {
    const sb = await startSandbox();
    const p = start({ PIXIESET_BASE_URL: sb.url, PIXIESET_COOKIE: sb.cookie, PIXIESET_LOG_LEVEL: 'info' });
    p.send(init(1));
    p.send({ jsonrpc: '2.0', id: 2, method: 'tools/list', params: { cursor: 'abc' } });
    p.send({ jsonrpc: '2.0', id: 3, method: 'tools/list' });
    await p.until(() => p.lines.some((l) => l.id === 3));
    const at = (id: number) => p.lines.findIndex((l) => l.id === id);
    expect(at(2)).toBeGreaterThanOrEqual(p.ready.afterLines);
    expect(at(3)).toBeGreaterThan(at(2));
  });
});

describe('the logging capability it declares', () => {
  it('sends log lines as notifications/message once the client sets a level, masked like stderr', async () => {
    const sb = await startSandbox();
    const p = start({ PIXIESET_BASE_URL: sb.url, PIXIESET_COOKIE: sb.cookie, PIXIESET_LOG_LEVEL: 'debug' });
    p.send(init(1));
    p.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    p.send({ jsonrpc: '2.0', id: 2, method: 'logging/setLevel', params: { level: 'debug' } });
    p.send({
      jsonrpc: '2.0',
      id: 3,
      method: 'tools/call',
      params: { name: 'get_client', arguments: { client_id: sb.clients[0]?.id } },
    });
    await p.until(() => p.lines.some((l) => l.id === 3));
    await p.until(() => p.lines.some((l) => l.method === 'notifications/message'));
    const logs = p.lines.filter((l) => l.method === 'notifications/message');
    expect(logs.some((l) => JSON.stringify(l).includes('GET /clients/{client_id} → 200'))).toBe(true);
    expect(p.lines.find((l) => l.id === 2)).toMatchObject({ result: {} });
    const session = sb.cookie.split('pixieset_studio_session=')[1]?.split(';')[0] ?? 'x';
    expect(JSON.stringify(p.lines)).not.toContain(session);
  });
});
