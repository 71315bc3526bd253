import { execFile, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chmod, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
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
  name: string;
  version: string;
  bin: Record<string, string>;
  mcpName: string;
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

  it('--version, serverInfo.version, manifest.json and the changelog all give the package version', async () => {
    const r = spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8' });
    expect(r.stdout.trim()).toBe(pkg.version);
    expect(VERSION).toBe(pkg.version);
    const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
    expect(manifest.version).toBe(pkg.version);
    expect(readFileSync(join(root, 'CHANGELOG.md'), 'utf8')).toContain(`## [${pkg.version}]`);
    const server = JSON.parse(readFileSync(join(root, 'server.json'), 'utf8'));
    expect(server.version).toBe(pkg.version);
    expect(server.name).toBe(pkg.mcpName);
    for (const p of server.packages) expect(p.version).toBe(pkg.version);
    const mcpb = server.packages.find((p: { registryType: string }) => p.registryType === 'mcpb');
    expect(mcpb.identifier).toContain(`/download/v${pkg.version}/`);
  });

  it('server.json describes the npm package and the bundle, with the cookies secret and only variables we read', () => {
    // The rules of the registry's schema we rely on; the release runs the official `mcp-publisher validate`,
    // which checks server.json against the live schema (it cannot be vendored here: issue 24).
    const server = JSON.parse(readFileSync(join(root, 'server.json'), 'utf8'));
    expect(server.$schema).toBe(
      'https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json',
    );
    expect(server.description.length).toBeLessThanOrEqual(100);
    const npmPkg = server.packages.find((p: { registryType: string }) => p.registryType === 'npm');
    expect(npmPkg).toMatchObject({ identifier: pkg.name, transport: { type: 'stdio' } });
    const config = readFileSync(join(root, 'src/config.ts'), 'utf8');
    for (const v of npmPkg.environmentVariables as Array<{ name: string; isSecret: boolean }>) {
      expect(config, v.name).toContain(`'${v.name}'`);
      expect(v.isSecret, v.name).toBe(/_COOKIE$/.test(v.name));
    }
    const names = npmPkg.environmentVariables.map((v: { name: string }) => v.name);
    expect(names).toEqual(expect.arrayContaining(['PIXIESET_COOKIE', 'PIXIESET_GALLERY_COOKIE']));
    const mcpb = server.packages.find((p: { registryType: string }) => p.registryType === 'mcpb');
    expect(mcpb.fileSha256).toMatch(/^[0-9a-f]{64}$/); // the release step writes the real one
  });

  it('the npm package ships only what a user needs, and publint finds nothing wrong', () => {
    const r = spawnSync('npm', ['pack', '--dry-run', '--json'], { cwd: root, encoding: 'utf8' });
    const files =
      (JSON.parse(r.stdout) as Array<{ files: Array<{ path: string }> }>)[0]?.files.map((f) => f.path) ?? [];
    expect(
      files.every((f) => /^(dist\/|README\.md$|LICENSE$|mcp\.json\.example$|package\.json$)/.test(f)),
      files.join(', '),
    ).toBe(true);
    expect(files).toContain('dist/index.js');
    expect(files).toContain('LICENSE');
    expect(readFileSync(join(root, 'dist/index.js'), 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
    const lint = spawnSync(process.execPath, [join(root, 'node_modules/publint/src/cli.js'), '--strict'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(lint.status, lint.stdout + lint.stderr).toBe(0);
    expect(pkg.mcpName).toMatch(/^io\.github\.[\w-]+\/pixieset-mcp$/);
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

describe('issue 24: doctor, usage errors and the documented settings', () => {
  it('7. the printed config keeps every setting not at its default, never a secret value', async () => {
    const sb = await startSandbox();
    const file = await cookieFile(sb.cookie);
    const galleryFile = await cookieFile(sb.gallery.cookie);
    const r = await bin(['doctor', '--toolsets', 'clients,invoices'], {
      PIXIESET_BASE_URL: sb.url,
      PIXIESET_COOKIE_FILE: file,
      PIXIESET_GALLERY_BASE_URL: sb.gallery.url,
      PIXIESET_GALLERY_COOKIE_FILE: galleryFile,
      PIXIESET_USER_AGENT: 'Mozilla/5.0 (Macintosh) Safari/605.1.15',
      PIXIESET_ID_CHECK: 'lenient',
    });
    expect(r.code, r.stdout).toBe(0);
    const env = JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))).mcpServers.pixieset.env;
    expect(env).toEqual({
      PIXIESET_COOKIE_FILE: file,
      PIXIESET_BASE_URL: sb.url,
      PIXIESET_GALLERY_BASE_URL: sb.gallery.url,
      PIXIESET_GALLERY_COOKIE_FILE: galleryFile,
      PIXIESET_ID_CHECK: 'lenient',
      PIXIESET_TOOLSETS: 'clients,invoices',
      PIXIESET_USER_AGENT: 'Mozilla/5.0 (Macintosh) Safari/605.1.15',
    });
    // Cookies given as values are written as their file form, with a path to fill in.
    const v = await bin(['doctor', '--read-only'], {
      PIXIESET_BASE_URL: sb.url,
      ...galleryOf(sb),
      PIXIESET_COOKIE: sb.cookie,
    });
    const venv = JSON.parse(v.stdout.slice(v.stdout.indexOf('{'))).mcpServers.pixieset.env;
    expect(venv).toMatchObject({
      PIXIESET_COOKIE_FILE: '/path/to/pixieset-cookie.txt',
      PIXIESET_GALLERY_COOKIE_FILE: '/path/to/gallery-cookie.txt',
      PIXIESET_READ_ONLY: 'true',
    });
    expect(JSON.stringify(venv)).not.toContain(sb.gallery.cookie);
    expect(JSON.stringify(venv)).not.toMatch(/"PIXIESET_(GALLERY_)?COOKIE"/);
  });

  it('7. run as the pixieset-mcp command (a global install links the clone), the config says pixieset-mcp', async () => {
    const sb = await startSandbox();
    const dir = join(tmpdir(), `pixieset-bin-${process.pid}-${Math.random().toString(36).slice(2)}`);
    await mkdir(dir);
    await symlink(BIN, join(dir, 'pixieset-mcp'));
    try {
      const r = await run(process.execPath, [join(dir, 'pixieset-mcp'), 'doctor'], {
        env: env({ PIXIESET_BASE_URL: sb.url, PIXIESET_COOKIE: sb.cookie, ...galleryOf(sb) }),
        encoding: 'utf8',
      });
      const s = JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))).mcpServers.pixieset;
      expect(s.command).toBe('pixieset-mcp');
      expect(s.args).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('8. no network: neither host is OK, and the gallery line does not claim the Studio tools work', async () => {
    const r = await bin(['doctor'], {
      PIXIESET_BASE_URL: 'http://127.0.0.1:9/api/v1',
      PIXIESET_GALLERY_BASE_URL: 'http://127.0.0.1:9/api/v1',
      PIXIESET_COOKIE: 'pixieset_studio_session=abcdefgh',
      PIXIESET_TIMEOUT_MS: '2000',
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/NOT OK: /);
    expect(r.stdout).toMatch(/NOT OK \(galleries\)/);
    expect(r.stdout).not.toMatch(/Studio tools work/);
  });

  it('9. doctor --probe signed out: "signed out (fix the cookie)", not drift; the rest not probed, never OK', async () => {
    const sb = await startSandbox();
    sb.inject({ kind: 'expired-401', times: Number.POSITIVE_INFINITY });
    const r = await bin(['doctor', '--probe'], {
      PIXIESET_BASE_URL: sb.url,
      PIXIESET_COOKIE: sb.cookie,
      ...galleryOf(sb),
    });
    expect(r.code).toBe(1);
    const report = r.stdout.slice(r.stdout.indexOf('Probe:'));
    expect(report).not.toMatch(/^DRIFT/m);
    expect(report).toMatch(/^SIGNED OUT GET \/clients\/$/m);
    expect(report).toMatch(/signed out \(fix the cookie\)/);
    expect(report).toMatch(/^NOT PROBED GET \/invoices\/$/m);
    // No Studio endpoint is called OK: only the gallery host, which has its own session, is.
    for (const line of report.split('\n').filter((l) => /^OK /.test(l)))
      expect(line).not.toMatch(/GET \/(clients|invoices)/);
    expect(report).toMatch(/\d+ OK, 0 drift, 1 signed out, 0 no answer, \d+ not probed/);
    expect(report).toMatch(/that is not an API change/);
    expect(report).not.toMatch(/attach this report/i);
  });

  it('11. a usage error is one line and a pointer to --help, not the whole help', () => {
    for (const args of [['--toolsets'], ['http', '--port', 'abc'], ['har'], ['http', '--no-token']]) {
      const r = spawnSync(process.execPath, [BIN, ...args], { env: env(), encoding: 'utf8' });
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trim().split('\n');
      expect(lines, r.stderr).toHaveLength(2);
      expect(lines[1]).toMatch(/see pixieset-mcp --help/);
    }
  });

  it('13. the README sends claude.ai and ChatGPT to http --oauth, never to the bearer token over a tunnel', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const remote = readme.slice(readme.indexOf('### Remote use'), readme.indexOf('### Command line'));
    expect(remote).toMatch(/### claude\.ai, ChatGPT and the phone apps: OAuth \(`http --oauth`\)/);
    expect(remote).toMatch(/only over\s+HTTPS with \*\*OAuth\*\*; they cannot send a bearer token/);
    for (const paragraph of remote.split(/\n\s*\n/))
      if (/claude\.ai|ChatGPT/.test(paragraph))
        expect(paragraph).not.toMatch(/Authorization: Bearer|PIXIESET_HTTP_TOKEN|--no-token/);
  });

  it('http --list-grants and --revoke read the grants file with no cookie configured', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'pmcp-grants-')), 'g.json');
    const grant = {
      id: 'g1',
      client_id: 'pmc_a',
      client_name: 'Phone',
      access: 'read',
      resource: 'https://p.example/mcp',
      created_at: '2026-12-01T10:00:00.000Z',
      last_used_at: '2026-12-05T10:00:00.000Z',
      refresh_hash: 'h',
      spent_refresh: [],
      tokens: [],
    };
    const client = { client_id: 'pmc_a', client_name: 'Phone', redirect_uris: ['https://x.example/cb'] };
    writeFileSync(file, JSON.stringify({ version: 1, clients: { pmc_a: client }, grants: [grant] }), {
      mode: 0o600,
    });
    const run = (...a: string[]) =>
      spawnSync(process.execPath, [BIN, 'http', ...a], {
        env: { PATH: process.env.PATH ?? '', PIXIESET_HTTP_GRANTS_FILE: file },
        encoding: 'utf8',
      });
    const listed = run('--list-grants');
    expect(listed.status).toBe(0);
    expect(listed.stdout).toContain('pmc_a | Phone | read | 2026-12-01T10:00:00.000Z');
    const none = run('--revoke', 'pmc_nobody');
    expect(none.status).toBe(1);
    expect(none.stdout).toMatch(/No grant for pmc_nobody/);
    expect(run('--revoke', 'pmc_a').status).toBe(0);
    expect(run('--list-grants').stdout).toMatch(/No one has OAuth access/);
    expect(run('--revoke').status).toBe(2);
  });

  it('12. every variable config.ts reads is in the README table and in --help', () => {
    const source = readFileSync(join(root, 'src/config.ts'), 'utf8');
    const read = [...new Set(source.match(/PIXIESET_[A-Z_]+/g))].filter((v) => !v.endsWith('_'));
    expect(read.length).toBeGreaterThan(20);
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const table = new Set([...readme.matchAll(/^\| `(PIXIESET_[A-Z_]+)` +\|/gm)].map((m) => m[1]));
    const help = spawnSync(process.execPath, [BIN, '--help'], { env: env(), encoding: 'utf8' }).stdout;
    for (const v of read) {
      expect(table.has(v), `${v} is not in the README's configuration table`).toBe(true);
      expect(help, `${v} is not in --help`).toContain(v);
    }
    expect(help).toContain('--no-token');
  });
});
