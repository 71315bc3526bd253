// Builds the published bin with every dependency bundled (the MCPB bundle needs no node_modules): dist/index.js
// is a small bootstrap; the server, the sandbox and doctor are modules it loads when needed.
import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

await rm('dist', { recursive: true, force: true });
// zod re-exports all of its ~40 locales as `z.locales`; nothing here uses them (English is loaded
// directly), but a namespace re-export cannot be tree-shaken, so the bundle gets an empty one.
const noZodLocales = {
  name: 'no-zod-locales',
  setup(b) {
    b.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      args.importer.includes('/zod/') ? { path: 'zod-locales', namespace: 'empty' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export {}', loader: 'js' }));
  },
};

// The server: ESM with every dependency bundled, as .mjs modules the bin imports when it needs them (the
// names are the bin's dynamic imports); sandbox.mjs is also the fake Pixieset, for the benchmark and anyone
// who wants to poke at it.
// The SDK's default checker of elicitation answers is Ajv, a JSON Schema compiler (~190 kB with its formats)
// that it builds for every server; createServer gives it a small form checker instead (form-validator.ts), so
// the bundle leaves Ajv out. Should anything still ask for the default, it fails loudly.
const noAjv = {
  name: 'no-ajv',
  setup(b) {
    b.onResolve({ filter: /\/validation\/ajv-provider\.js$/ }, () => ({
      path: 'ajv-provider',
      namespace: 'stub',
    }));
    b.onLoad({ filter: /^ajv-provider$/, namespace: 'stub' }, () => ({
      contents:
        "export class AjvJsonSchemaValidator { constructor() { throw new Error('Ajv is not bundled: pass jsonSchemaValidator'); } }",
      loader: 'js',
    }));
  },
};
// The SDK accepts zod v3 schemas too, through zod/v3 and zod-to-json-schema (~200 kB of source the server
// would load, compile and hold); every schema here is zod v4, so the bundle gets stubs that fail loudly if a
// v3 schema ever reaches them.
const noZodV3 = {
  name: 'no-zod-v3',
  setup(b) {
    b.onResolve({ filter: /^(zod\/v3|zod-to-json-schema)$/ }, (args) =>
      args.importer.includes('@modelcontextprotocol') ? { path: args.path, namespace: 'stub' } : undefined,
    );
    const fail = "() => { throw new Error('zod v3 schemas are not bundled: use zod v4'); }";
    b.onLoad({ filter: /^zod\/v3$/, namespace: 'stub' }, () => ({
      contents: `export const object = ${fail};`,
      loader: 'js',
    }));
    b.onLoad({ filter: /^zod-to-json-schema$/, namespace: 'stub' }, () => ({
      contents: `export const zodToJsonSchema = ${fail};`,
      loader: 'js',
    }));
  },
};
await build({
  plugins: [noZodLocales, noAjv, noZodV3],
  entryPoints: {
    'run-stdio': 'src/transports/stdio.ts',
    'run-http': 'src/transports/http.ts',
    doctor: 'src/doctor.ts',
    log: 'src/log.ts',
    sandbox: 'src/sandbox/sandbox.ts',
  },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  splitting: true,
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  minifySyntax: true,
  minifyWhitespace: true,
  legalComments: 'linked',
  // Bundled CommonJS modules call require() for Node built-ins; give the ESM bundle one.
  banner: {
    js: "import { createRequire as __pmcpCreateRequire } from 'node:module'; const require = __pmcpCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});

// The bin: one CommonJS file with no imports of its own, because it answers the host's start-up messages
// before anything else loads (on Node 20 a CommonJS entry starts ~3 ms sooner than an ES module: see
// BENCHMARKS.md). Its dynamic imports of the server modules stay imports, of the .mjs files above.
const serverModules = {
  name: 'server-modules',
  setup(b) {
    // The transports keep their short dist names (run-stdio.mjs, run-http.mjs), which hosts' logs and the
    // benchmark know.
    const dist = { './transports/stdio.js': './run-stdio.mjs', './transports/http.js': './run-http.mjs' };
    b.onResolve({ filter: /^\.\/.*\.js$/ }, (args) =>
      args.kind === 'dynamic-import'
        ? { path: dist[args.path] ?? args.path.replace(/\.js$/, '.mjs'), external: true }
        : undefined,
    );
  },
};
await build({
  plugins: [serverModules],
  entryPoints: ['src/index.ts'],
  outfile: 'dist/index.js',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  minifySyntax: true,
  minifyWhitespace: true,
  define: { 'import.meta.url': '__pmcpUrl' },
  banner: {
    js: "#!/usr/bin/env node\nconst __pmcpUrl = require('node:url').pathToFileURL(__filename).href;",
  },
  logLevel: 'warning',
});
// dist/ is CommonJS by default (the bin); the server modules say they are ES modules by their .mjs names.
await writeFile('dist/package.json', `${JSON.stringify({ type: 'commonjs' })}\n`);
await chmod('dist/index.js', 0o755);

// dist/views/*.html: the MCP Apps views (src/views/), each one self-contained file: its script bundled and inlined,
// no external script, style, font or image, and a CSP that allows none. The server reads one only when a host asks.
await mkdir('dist/views', { recursive: true });
// Every src/views/<name>.ts but the shared bridge and kit is a view, named by its file (a tool's `view`).
const views = (await readdir('src/views'))
  .filter((f) => f.endsWith('.ts') && !['bridge.ts', 'kit.ts'].includes(f))
  .map((f) => f.slice(0, -3));
for (const view of views) {
  const out = await build({
    entryPoints: [`src/views/${view}.ts`],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    logLevel: 'warning',
  });
  const script = out.outputFiles[0].text.replaceAll('</script', '<\\/script');
  await writeFile(
    `dist/views/${view}.html`,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'"><title>${view}</title></head><body><script>${script}</script></body></html>\n`,
  );
}

// dist/contract.json: the start-up lists (tools, prompts, resources) of every configuration, as the server
// sends them, for the bin to answer before the server code loads (src/startup-lists.ts). Compiled by the same
// code as the server, bundled to a temporary file and run once.
const tmp = await mkdtemp(join(tmpdir(), 'pixieset-mcp-contract-'));
try {
  await build({
    plugins: [noZodLocales],
    entryPoints: ['src/startup-lists.ts'],
    outfile: join(tmp, 'contract.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    banner: {
      js: "import { createRequire as __pmcpCreateRequire } from 'node:module'; const require = __pmcpCreateRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  const { compileStartupLists } = await import(pathToFileURL(join(tmp, 'contract.mjs')).href);
  await writeFile('dist/contract.json', JSON.stringify(await compileStartupLists()));
} finally {
  await rm(tmp, { recursive: true, force: true });
}
