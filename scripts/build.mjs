// Builds the published bin: one ESM file with every dependency bundled, so start-up reads one file
// and the MCPB bundle needs no node_modules.
import { chmod, rm } from 'node:fs/promises';
import { build } from 'esbuild';

await rm('dist', { recursive: true, force: true });
await build({
  entryPoints: ['src/index.ts'],
  outfile: 'dist/index.js',
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
