import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../helpers.js';

const BIN = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
const kills: Array<() => void> = [];
afterEach(() => {
  for (const k of kills.splice(0)) k();
});

// The bin as a host runs it, with raw access to its stdout, stderr and exit.
function run(env: Record<string, string>) {
  const child = spawn(process.execPath, [BIN], { env: { PATH: process.env.PATH ?? '', ...env } });
  kills.push(() => child.kill('SIGKILL'));
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
    child.on('exit', (code) => resolve({ code, at: Date.now() })),
  );
  const send = (m: unknown) => child.stdin.write(`${JSON.stringify(m)}\n`);
  const lines = () => stdout.split('\n').filter((l) => l !== '');
  const answered = (id: number) => lines().some((l) => (JSON.parse(l) as { id?: unknown }).id === id);
  const until = async (pred: () => boolean, ms = 10_000) => {
    const end = Date.now() + ms;
    while (!pred()) {
      if (Date.now() > end) throw new Error(`timed out; stderr: ${stderr.slice(-500)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  return { child, send, lines, answered, until, exited, stderr: () => stderr };
}

const init = {
  jsonrpc: '2.0',
  id: 0,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } },
};

describe('the process, as a host sees it', () => {
  it('writes only valid JSON-RPC lines to stdout through a long mixed session', async () => {
    const sb = await startSandbox();
    const p = run({ PIXIESET_BASE_URL: sb.url, PIXIESET_COOKIE: sb.cookie, PIXIESET_LOG_LEVEL: 'debug' });
    p.send(init);
    p.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    const ids = sb.clients.map((c) => c.id);
    const calls: Array<[string, Record<string, unknown>]> = [];
    for (let i = 0; i < 60; i++) {
      calls.push(['get_client', { client_id: ids[i % ids.length] }]);
      calls.push(['search_clients', { query: ['José', "o'b", 'ann', '"quoted"', '\\back'][i % 5] }]);
      calls.push(['summarize_invoices', { status: 'unpaid' }]);
      calls.push(['get_client', { client_id: `cl_bad/${i}` }]);
      calls.push(['no_such_tool', {}]);
    }
    if (calls.length > 0) sb.inject({ kind: 'status', status: 500, times: 5 });
    let id = 1;
    for (const [name, args] of calls) {
      p.send({
        jsonrpc: '2.0',
        id: id++,
        method: 'tools/call',
        params: { name, arguments: args, _meta: { progressToken: `p${id}` } },
      });
      if (id % 25 === 0) p.send({ jsonrpc: '2.0', id: id++, method: 'ping' });
    }
    p.send({ jsonrpc: '2.0', id: id, method: 'tools/list' });
    const last = id;
    const answeredIds = () =>
      new Set(
        p
          .lines()
          .map((l) => (JSON.parse(l) as { id?: unknown }).id)
          .filter((x) => x !== undefined),
      );
    // Calls run concurrently: wait until every id has its answer.
    await p.until(() => answeredIds().size === last + 1, 30_000);
    const lines = p.lines();
    for (const line of lines) {
      const m = JSON.parse(line) as Record<string, unknown>;
      expect(m.jsonrpc).toBe('2.0');
      expect('result' in m || 'error' in m || typeof m.method === 'string', line.slice(0, 100)).toBe(true);
    }
    const answers = new Set(
      lines.map((l) => (JSON.parse(l) as { id?: unknown }).id).filter((x) => x !== undefined),
    );
    expect(answers.size).toBe(last + 1);
    expect(p.stderr()).not.toContain(sb.cookie.split('pixieset_studio_session=')[1]?.split(';')[0] ?? 'x');
    p.child.stdin.end();
    expect((await p.exited).code).toBe(0);
  });

  it('exits with code 0 within 2 s when stdin closes, answering the call it was working on', async () => {
    const sb = await startSandbox({ latencyMs: 500 });
    const p = run({ PIXIESET_BASE_URL: sb.url, PIXIESET_COOKIE: sb.cookie });
    p.send(init);
    await p.until(() => p.answered(0));
    p.send({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name: 'get_client', arguments: { client_id: sb.clients[0]?.id } },
    });
    await new Promise((r) => setTimeout(r, 50));
    const closedAt = Date.now();
    p.child.stdin.end();
    const { code, at } = await p.exited;
    expect(code).toBe(0);
    expect(at - closedAt).toBeLessThan(2_000);
    expect(p.answered(1)).toBe(true);
  });

  it('exits with code 0 within 2 s on SIGTERM, and logs the call it had to abandon', async () => {
    const sb = await startSandbox({ latencyMs: 5_000 });
    const p = run({ PIXIESET_BASE_URL: sb.url, PIXIESET_COOKIE: sb.cookie });
    p.send(init);
    await p.until(() => p.answered(0));
    p.send({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: {
        name: 'create_invoice',
        arguments: { client_id: sb.clients[0]?.id, line_items: [{ name: 'x', unit_price: 1 }] },
      },
    });
    await p.until(() => sb.requests.length > 0);
    const sentAt = Date.now();
    p.child.kill('SIGTERM');
    const { code, at } = await p.exited;
    expect(code).toBe(0);
    expect(at - sentAt).toBeLessThan(2_000);
    expect(p.stderr()).toMatch(
      /unfinished and unanswered: create_invoice[\s\S]*may or may not have reached Pixieset/,
    );
  });
});
