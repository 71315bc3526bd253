import { execFile, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chmod, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { describe, expect, it } from 'vitest';
import { ALL_TOOLS } from '../src/tools/index.js';
import { VERSION } from '../src/version.js';
import { startSandbox } from './helpers.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(root, 'dist/index.js');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  version: string;
  bin: Record<string, string>;
};
const run = promisify(execFile);
const env = (extra: Record<string, string> = {}) => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  ...extra,
});

// Runs the bin to completion (async, so the in-process sandbox can answer it).
async function bin(args: string[], extra: Record<string, string> = {}) {
  try {
    const r = await run(process.execPath, [BIN, ...args], { env: env(extra), encoding: 'utf8' });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

// The sandbox's gallery host and its own cookie, so doctor's check of the Gallery API passes.
const galleryOf = (sb: { gallery: { url: string; cookie: string } }) => ({
  PIXIESET_GALLERY_BASE_URL: sb.gallery.url,
  PIXIESET_GALLERY_COOKIE: sb.gallery.cookie,
});

async function cookieFile(content: string, mode = 0o600): Promise<string> {
  const file = join(tmpdir(), `pixieset-cookie-${process.pid}-${Math.random().toString(36).slice(2)}`);
  await writeFile(file, content, { mode });
  await chmod(file, mode);
  return file;
}

describe('--sandbox', () => {
  it('serves demo data over stdio with no cookie, and says it is the sandbox', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [BIN, '--sandbox'],
      env: env(),
      stderr: 'pipe',
    });
    const client = new Client({ name: 'cli-test', version: '1.0.0' });
    await client.connect(transport);
    try {
      expect(client.getServerVersion()?.name).toMatch(/sandbox/);
      expect(client.getInstructions()).toMatch(/SANDBOX/);
      const r = (await client.callTool({ name: 'list_clients', arguments: { per_page: 5 } })) as unknown as {
        structuredContent: { clients: Array<{ name: string }>; total: number };
      };
      expect(r.structuredContent.clients[0]?.name).toBe('Jane Doe');
      expect(r.structuredContent.total).toBe(320);
    } finally {
      await client.close();
    }
  });
});

describe('npm run demo', () => {
  it('exits 0 and prints each step of the conversation', async () => {
    const r = await run(process.execPath, [join(root, 'scripts/demo.mjs')], { env: env(), encoding: 'utf8' });
    for (const step of [
      '→ tools/list',
      '→ search_clients',
      '→ get_client_invoices',
      '→ create_invoice',
      '→ summarize_invoices',
    ]) {
      expect(r.stdout).toContain(step);
    }
    expect(r.stdout).toContain('Jane Doe');
    expect(r.stdout).toMatch(/Dry run — nothing sent/);
    expect(r.stdout).toContain('Demo complete.');
  });
});

describe('doctor', () => {
  it('with a good cookie: OK, the number of clients, and a config snippet; exit 0', async () => {
    const sb = await startSandbox();
    const file = await cookieFile(sb.cookie);
    const r = await bin(['doctor'], {
      ...galleryOf(sb),
      PIXIESET_BASE_URL: sb.url,
      PIXIESET_COOKIE_FILE: file,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Cookie:      from the file ${file}`);
    expect(r.stdout).toContain('OK: signed in to Pixieset Studio; 320 clients visible.');
    expect(r.stdout).toContain('including the XSRF token');
    // PIXIESET_CURRENCY is unset here: doctor says the default is in use rather than naming the variable.
    expect(r.stdout).toContain(
      "Currency:    USD (the default; set PIXIESET_CURRENCY to your studio's currency",
    );
    const snippet = JSON.parse(r.stdout.slice(r.stdout.indexOf('{')));
    // Run from a clone, the config starts the server the same way: node and the absolute path of the bin.
    expect(snippet.mcpServers.pixieset).toMatchObject({
      command: 'node',
      args: [resolve('dist/index.js')],
      env: { PIXIESET_COOKIE_FILE: file },
    });
    expect(r.stdout + r.stderr).not.toContain(
      sb.cookie.split('pixieset_studio_session=')[1]?.split(';')[0] ?? 'x',
    );
    expect(r.stdout).not.toMatch(/warning/);
  });

  it('with an expired session: exit 1 and how to copy a fresh Cookie header', async () => {
    const sb = await startSandbox();
    const file = await cookieFile(sb.cookie);
    sb.expireSessions();
    const r = await bin(['doctor'], { PIXIESET_BASE_URL: sb.url, PIXIESET_COOKIE_FILE: file });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/NOT OK: the session has expired/);
    expect(r.stdout).toMatch(/DevTools .*Network/);
    expect(r.stdout).toMatch(/Request Headers → Cookie/);
  });

  it('blocked by a Cloudflare challenge: exit 1 and what to do', async () => {
    const sb = await startSandbox();
    sb.inject({ kind: 'cloudflare' });
    const r = await bin(['doctor'], { PIXIESET_BASE_URL: sb.url, PIXIESET_COOKIE: sb.cookie });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/NOT OK: Pixieset's bot protection \(Cloudflare\)/);
    expect(r.stdout).toMatch(/PIXIESET_USER_AGENT/);
  });

  it('warns about a cookie file other users can read', async () => {
    const sb = await startSandbox();
    const file = await cookieFile(sb.cookie, 0o644);
    const r = await bin(['doctor'], {
      ...galleryOf(sb),
      PIXIESET_BASE_URL: sb.url,
      PIXIESET_COOKIE_FILE: file,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/warning: the cookie file can be read by other users \(mode 644\).*chmod 600/);
  });

  it('says when the base URL is wrong', async () => {
    const sb = await startSandbox();
    const r = await bin(['doctor'], {
      PIXIESET_BASE_URL: sb.url.replace('/api/v1', '/wrong'),
      PIXIESET_COOKIE: sb.cookie,
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/PIXIESET_BASE_URL looks wrong/);
  });

  it('names a missing cookie file', async () => {
    const r = await bin(['doctor'], { PIXIESET_COOKIE_FILE: '/nonexistent/cookie.txt' });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/NOT OK: The cookie file \/nonexistent\/cookie.txt .* does not exist/);
  });
});

describe('flags', () => {
  it('--help prints the usage on stdout and exits 0', () => {
    const r = spawnSync(process.execPath, [BIN, '--help'], { env: env(), encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^pixieset-mcp — /);
    expect(r.stdout).toContain('--sandbox');
    expect(r.stdout).toContain('doctor');
  });

  it('--version prints the package version', () => {
    const r = spawnSync(process.execPath, [BIN, '--version'], { env: env(), encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
    expect(VERSION).toBe(pkg.version);
  });

  it('an unknown flag gets the help text on stderr and exit 2, nothing on stdout', () => {
    const r = spawnSync(process.execPath, [BIN, '--frobnicate'], { env: env(), encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/Unknown argument: --frobnicate/);
    expect(r.stderr).toContain('Usage:');
  });
});

describe('packaging', () => {
  it('mcp.json.example parses and runs the bin of a clone (what works before publishing) with a cookie file', () => {
    const example = JSON.parse(readFileSync(join(root, 'mcp.json.example'), 'utf8'));
    const server = example.mcpServers.pixieset;
    expect(Object.keys(pkg.bin)).toContain('pixieset-mcp');
    expect(server.command).toBe('node');
    expect(server.args[0]).toMatch(/\/dist\/index\.js$/);
    expect(pkg.bin['pixieset-mcp']).toBe('dist/index.js');
    expect(server.env.PIXIESET_COOKIE_FILE).toBeTruthy();
    expect(server.env.PIXIESET_COOKIE).toBeUndefined();
  });

  it('manifest.json passes `mcpb validate` and lists every tool at the package version', () => {
    const r = spawnSync(join(root, 'node_modules/.bin/mcpb'), ['validate', 'manifest.json'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(r.stdout + r.stderr).toMatch(/validation passes/);
    expect(r.status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
    expect(manifest.version).toBe(pkg.version);
    expect(manifest.tools.map((t: { name: string }) => t.name).sort()).toEqual(
      ALL_TOOLS.map((t) => t.name).sort(),
    );
    expect(manifest.user_config.cookie).toMatchObject({ type: 'string', sensitive: true, required: true });
    expect(manifest.user_config.read_only).toMatchObject({ type: 'boolean', default: false });
    // biome-ignore lint/suspicious/noTemplateCurlyInString: MCPB's own placeholder syntax, not a template
    expect(manifest.server.mcp_config.env.PIXIESET_READ_ONLY).toBe('${user_config.read_only}');
  });
});
