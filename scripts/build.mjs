// Builds the published bin: ESM with every dependency bundled (the MCPB bundle needs no node_modules).
// dist/index.js is a small bootstrap; the server, the sandbox and doctor are chunks it loads when needed.
import { chmod, rm } from 'node:fs/promises';
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

await build({
  plugins: [noZodLocales],
  // index: the bin. sandbox: the fake Pixieset, for the benchmark and anyone who wants to poke at it.
  entryPoints: { index: 'src/index.ts', sandbox: 'src/sandbox/sandbox.ts' },
  outdir: 'dist',
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
  // Bundled CommonJS (undici) calls require() for Node built-ins; give the ESM bundle one.
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __pmcpCreateRequire } from 'node:module'; const require = __pmcpCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
await chmod('dist/index.js', 0o755);
