import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from './helpers.js';

const BIN = fileURLToPath(new URL('../dist/index.js', import.meta.url));

// The environment a host gives the bin: PATH and HOME, nothing of ours.
const hostEnv = (extra: Record<string, string>) => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  ...extra,
});

beforeAll(() => {
  if (!existsSync(BIN))
    throw new Error('dist/index.js is missing: run `npm run build` first (the README set-up command does).');
});

describe('the built bin over stdio, as Claude Desktop runs it', () => {
  it('lists the tools and calls one against the sandbox', async () => {
    const sb = await startSandbox();
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [BIN],
      env: hostEnv({ PIXIESET_BASE_URL: sb.url, PIXIESET_COOKIE: sb.cookie }),
      stderr: 'pipe',
    });
    const client = new Client({ name: 'smoke', version: '1.0.0' });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain('list_clients');
      const r = (await client.callTool({ name: 'list_clients', arguments: { per_page: 3 } })) as unknown as {
        structuredContent: { clients: Array<{ id: string }> };
      };
      expect(r.structuredContent.clients.map((c) => c.id)).toEqual(sb.clients.slice(0, 3).map((c) => c.id));
      expect(sb.requests[0]?.headers.cookie).toBe(sb.cookie);
    } finally {
      await client.close();
    }
  });

  it('loads the server without the fetch stack Node bundles (undici), which an ES import of node:http brings on Node 22+', () => {
    const server = new URL('../dist/run-stdio.mjs', import.meta.url).href;
    const r = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `await import(${JSON.stringify(server)}); process.stdout.write(JSON.stringify(process.moduleLoadList.filter((m) => m.includes('undici'))));`,
      ],
      { encoding: 'utf8', env: hostEnv({}) },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
  });

  it('--read-only offers only the read tools', async () => {
    const sb = await startSandbox();
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [BIN, '--read-only'],
      env: hostEnv({ PIXIESET_BASE_URL: sb.url, PIXIESET_COOKIE: sb.cookie }),
      stderr: 'pipe',
    });
    const client = new Client({ name: 'smoke', version: '1.0.0' });
    await client.connect(transport);
    try {
      const names = (await client.listTools()).tools.map((t) => t.name);
      expect(names.filter((n) => n.startsWith('create_'))).toEqual([]);
      expect(names).toContain('get_client_invoices');
    } finally {
      await client.close();
    }
  });

  it('stops at start-up with exit 1 and a message on stderr naming the variable; stdout stays empty', () => {
    const r = spawnSync(process.execPath, [BIN], {
      env: hostEnv({ PIXIESET_MAX_CONCURRENCY: '20' }),
      encoding: 'utf8',
      input: '',
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/PIXIESET_COOKIE_FILE/);
    expect(r.stderr).toMatch(/PIXIESET_MAX_CONCURRENCY must be a whole number from 1 to 8/);
  });

  it('stops with exit 1 when the cookie file is missing', () => {
    const r = spawnSync(process.execPath, [BIN], {
      env: hostEnv({ PIXIESET_COOKIE_FILE: '/nonexistent/cookie.txt' }),
      encoding: 'utf8',
      input: '',
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/cookie file \/nonexistent\/cookie.txt .* does not exist/);
  });
});
