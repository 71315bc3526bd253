// The house's structure (issue 25): every list about the tools derives from the tools found by convention, the drift catalog knows
// every request template the resource modules send, and each tool sends only the endpoints it declares.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATALOG, toolsOf, UNPROBED, WRITES } from '../src/drift/catalog.js';
import { ALL_TOOLS } from '../src/tools/index.js';
import { connectMcp } from './helpers.js';
import { sampleArgs } from './samples.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const TEMPLATE = /'((?:GET|POST|PUT|PATCH|DELETE) \/[^']*)'/g;

// Every request template written in the resource modules (the only modules that send requests).
function resourceTemplates(): string[] {
  const dir = join(root, 'src/pixieset/resources');
  const found = new Set<string>();
  for (const f of readdirSync(dir))
    for (const m of readFileSync(join(dir, f), 'utf8').matchAll(TEMPLATE)) found.add(m[1] as string);
  return [...found].sort();
}

const known = () => new Set([...CATALOG.map((s) => s.template), ...WRITES, ...UNPROBED]);

// The template a request was sent for: the catalogued or written one whose {params} match its path.
// A literal segment wins over a {param} ("/clients/search" is not "/clients/{client_id}").
function templateOf(method: string, path: string): string | undefined {
  const params = (t: string) => (t.match(/\{/g) ?? []).length;
  return [...known()]
    .sort((a, b) => params(a) - params(b))
    .find((t) => {
      const [m, p] = t.split(' ') as [string, string];
      const re = new RegExp(
        // A {…_path} param keeps its slashes (a zone such as Europe/London).
        `^${p
          .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
          .replace(/\\?\{[a-z_]+_path\\?\}/g, '.+')
          .replace(/\\?\{[a-z_]+\\?\}/g, '[^/]+')}$`,
      );
      return m === method && re.test(path);
    });
}

describe('the drift catalog covers what the server sends', () => {
  it('every request template of a resource module is in the catalog (probed) or in WRITES', () => {
    const templates = resourceTemplates();
    expect(templates.length).toBeGreaterThan(15);
    const missing = templates.filter((t) => !known().has(t));
    expect(missing, "add these to their resource module's PROBES (or WRITES, for a write)").toEqual([]);
  });

  it('every tool declares only known endpoints, and every catalogued endpoint serves some tool', () => {
    for (const tool of ALL_TOOLS)
      for (const e of tool.endpoints) expect(known().has(e), `${tool.name} declares ${e}`).toBe(true);
    for (const spec of CATALOG)
      if (!spec.checkedByDoctor)
        expect(toolsOf(spec.template).length, `no tool declares ${spec.template}`).toBeGreaterThan(0);
  });

  it("a typical call of each tool sends only the endpoints it declares (the catalog's tool names are true)", async () => {
    const { call, sb } = await connectMcp();
    for (const tool of ALL_TOOLS) {
      const before = sb.requests.length;
      const beforeGallery = sb.gallery.requests.length;
      const r = await call(tool.name, sampleArgs(tool.name, sb));
      expect(r.isError, `${tool.name}: ${r.content[0]?.text}`).toBeFalsy();
      const sent = [...sb.requests.slice(before), ...sb.gallery.requests.slice(beforeGallery)].map((q) => ({
        method: q.method,
        path: q.path.replace(/^\/api\/v1/, '').replace(/\?.*$/, ''),
      }));
      for (const q of sent) {
        const t = templateOf(q.method, q.path);
        expect(t, `${tool.name} sent ${q.method} ${q.path}, which no template names`).toBeDefined();
        expect(tool.endpoints, `${tool.name} sent ${t} but does not declare it`).toContain(t);
      }
    }
  });
});

describe('every list about the tools derives from ALL_TOOLS', () => {
  it('the lists found by convention are current: the tools, the resource classes with their probes, the sandbox routes', () => {
    // A new tool file, resource module or sandbox route file is in its list once `npm run generate` has run.
    const run = spawnSync(process.execPath, [join(root, 'scripts/generate.mjs'), '--check'], {
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('tool names are unique, each has a toolset, and the manifest lists exactly them', () => {
    const names = ALL_TOOLS.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const t of ALL_TOOLS) expect(t.toolset, t.name).toBeTruthy();
    const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as {
      tools: Array<{ name: string }>;
    };
    expect(manifest.tools.map((t) => t.name)).toEqual(names);
  });
});

describe('one call path for tools, resources and completions', () => {
  it('a resource read has the call deadline: a stalled Pixieset ends it at PIXIESET_CALL_TIMEOUT_MS', async () => {
    const { mcp, sb } = await connectMcp({
      env: { PIXIESET_CALL_TIMEOUT_MS: '1000', PIXIESET_TIMEOUT_MS: '20000' },
    });
    sb.inject({ kind: 'slow', delayMs: 15_000, method: 'GET', times: Number.POSITIVE_INFINITY });
    const started = Date.now();
    await expect(mcp.readResource({ uri: `pixieset://clients/${sb.clients[0]?.id}` })).rejects.toThrow(
      /did not finish within 1 s \(PIXIESET_CALL_TIMEOUT_MS\)/,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
