import { spawnSync } from 'node:child_process';
import {
  type Dirent,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// Ready to publish (issue #18): the tarball installs and runs on its own; the workflows parse.

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
const dir = mkdtempSync(join(tmpdir(), 'pixieset-pack-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the npm package', () => {
  it('installs from its tarball into a clean prefix and runs: --version and a sandbox round trip', async () => {
    const packed = spawnSync('npm', ['pack', '--pack-destination', dir, '--silent'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(packed.status, packed.stderr).toBe(0);
    const tgz = join(dir, packed.stdout.trim().split('\n').at(-1) ?? '');
    const prefix = join(dir, 'prefix');
    // No dependencies to fetch: the bundle in dist/ is self-contained.
    const installed = spawnSync(
      'npm',
      ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tgz],
      {
        encoding: 'utf8',
      },
    );
    expect(installed.status, installed.stderr).toBe(0);
    const bin = join(prefix, 'bin', 'pixieset-mcp');
    expect(spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout.trim()).toBe(pkg.version);
    const client = new Client({ name: 'pack-test', version: '1' });
    await client.connect(
      new StdioClientTransport({
        command: bin,
        args: ['--sandbox'],
        env: { PATH: process.env.PATH ?? '' },
        stderr: 'ignore',
      }),
    );
    try {
      const r = (await client.callTool({ name: 'list_clients', arguments: { per_page: 2 } })) as unknown as {
        structuredContent: { clients: unknown[] };
      };
      expect(r.structuredContent.clients).toHaveLength(2);
    } finally {
      await client.close();
    }
  });
});

describe('the Claude Desktop extension', () => {
  it('packs, and the unpacked bundle runs as its manifest says with no node_modules: a sandbox round trip', async () => {
    const mcpbBin = join(root, 'node_modules/.bin/mcpb');
    const file = join(dir, 'pixieset-mcp.mcpb');
    const packed = spawnSync(mcpbBin, ['pack', root, file], { encoding: 'utf8' });
    expect(packed.status, packed.stdout + packed.stderr).toBe(0);
    const out = join(dir, 'unpacked folder'); // a path with a space, as on many desktops
    const unpacked = spawnSync(mcpbBin, ['unpack', file, out], { encoding: 'utf8' });
    expect(unpacked.status, unpacked.stdout + unpacked.stderr).toBe(0);
    expect(existsSync(join(out, 'node_modules'))).toBe(false);
    expect(existsSync(join(out, 'src'))).toBe(false);
    // What the manifest runs (dist/, no source maps), the manifest, README and LICENSE: nothing else.
    const shipped = (readdirSync(out, { recursive: true, withFileTypes: true }) as Dirent[])
      .filter((e) => e.isFile())
      .map((e) => relative(out, join(e.parentPath, e.name)).replace(/\\/g, '/'))
      .sort();
    expect(shipped.filter((f) => !/^dist\/[^/]+(\/[^/]+)*$/.test(f) || f.endsWith('.map'))).toEqual([
      'LICENSE',
      'README.md',
      'manifest.json',
    ]);
    expect(shipped).toContain('dist/index.js');
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      version: string;
      server: { mcp_config: { command: string; args: string[] } };
    };
    expect(manifest.version).toBe(pkg.version);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the manifest's own placeholder, replaced as Claude Desktop does
    const args = manifest.server.mcp_config.args.map((a) => a.replace('${__dirname}', out));
    const client = new Client({ name: 'mcpb-test', version: '1' });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath, // the manifest's "node", as Claude Desktop resolves it
        args: [...args, '--sandbox'],
        cwd: dir,
        env: { PATH: process.env.PATH ?? '' },
        stderr: 'ignore',
      }),
    );
    try {
      expect(manifest.server.mcp_config.command).toBe('node');
      const r = (await client.callTool({ name: 'list_invoices', arguments: { per_page: 1 } })) as unknown as {
        isError?: boolean;
        structuredContent: { invoices: unknown[] };
      };
      expect(r.isError).toBeFalsy();
      expect(r.structuredContent.invoices).toHaveLength(1);
    } finally {
      await client.close();
    }
  });
});

describe('the release workflows', () => {
  it('parse as YAML, run the README commands on Node 20/22/24 on Linux, macOS and Windows, and release on a tag', () => {
    const ci = parse(readFileSync(join(root, '.github/workflows/ci.yml'), 'utf8')) as {
      on: Record<string, unknown>;
      jobs: Record<
        string,
        {
          strategy?: { matrix?: { os?: string[]; node?: number[] } };
          steps: Array<{ run?: string; uses?: string }>;
        }
      >;
    };
    const test = ci.jobs.test;
    expect(test?.strategy?.matrix?.os).toEqual(['ubuntu-latest', 'macos-latest', 'windows-latest']);
    expect(test?.strategy?.matrix?.node).toEqual([20, 22, 24]);
    const runs =
      test?.steps
        .map((s) => s.run)
        .filter(Boolean)
        .join('\n') ?? '';
    expect(runs).toMatch(/npm ci/);
    expect(runs).toMatch(/npm run build/);
    expect(runs).toMatch(/npm test/);
    const release = parse(readFileSync(join(root, '.github/workflows/release.yml'), 'utf8')) as {
      on: { push: { tags: string[] } };
      jobs: Record<string, { steps: Array<{ run?: string }> }>;
    };
    expect(release.on.push.tags).toEqual(['v*']);
    const all = Object.values(release.jobs)
      .flatMap((j) => j.steps.map((s) => s.run ?? ''))
      .join('\n');
    expect(all).toMatch(/npm publish --provenance/);
    expect(all).toMatch(/npm run pack:mcpb/);
    expect(all).toMatch(/sha256sum|fileSha256/);
    // Issue 24: the identity is checked before anything is published, and server.json is validated by the
    // official publisher (against the registry's live schema) before it is published.
    const at = (re: RegExp) => all.search(re);
    expect(at(/node scripts\/identity\.mjs --release/)).toBeGreaterThanOrEqual(0);
    expect(at(/node scripts\/identity\.mjs --release/)).toBeLessThan(at(/npm publish/));
    expect(at(/mcp-publisher validate/)).toBeGreaterThan(at(/fileSha256/));
    expect(at(/mcp-publisher validate/)).toBeLessThan(at(/mcp-publisher publish/));
  });

  it('the GitHub owner is one setting: the placeholder cannot be released, and --owner rewrites every field', () => {
    const script = join(root, 'scripts/identity.mjs');
    const ok = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
    expect(ok.status, ok.stderr).toBe(0);
    const refused = spawnSync(process.execPath, [script, '--release'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', GITHUB_REPOSITORY_OWNER: 'pixieset-mcp' },
    });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/still the placeholder/);
    // In a copy: a new owner is written everywhere, and then releases only from that owner's repository.
    const copy = mkdtempSync(join(tmpdir(), 'pixieset-identity-'));
    try {
      for (const f of ['package.json', 'server.json'])
        writeFileSync(join(copy, f), readFileSync(join(root, f), 'utf8'));
      const env = (owner: string) => ({
        PATH: process.env.PATH ?? '',
        IDENTITY_ROOT: copy,
        GITHUB_REPOSITORY_OWNER: owner,
      });
      expect(spawnSync(process.execPath, [script, '--owner', 'alice-photo'], { env: env('x') }).status).toBe(
        0,
      );
      const p = JSON.parse(readFileSync(join(copy, 'package.json'), 'utf8'));
      const sj = JSON.parse(readFileSync(join(copy, 'server.json'), 'utf8'));
      expect(p.mcpName).toBe('io.github.alice-photo/pixieset-mcp');
      expect(p.repository.url).toBe('git+https://github.com/alice-photo/pixieset-mcp.git');
      expect(sj.name).toBe(p.mcpName);
      expect(JSON.stringify(sj)).not.toMatch(/github\.com\/pixieset-mcp\//);
      expect(spawnSync(process.execPath, [script, '--release'], { env: env('alice-photo') }).status).toBe(0);
      expect(spawnSync(process.execPath, [script, '--release'], { env: env('mallory') }).status).toBe(1);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
