// npm run inspect -- --method tools/list: the MCP Inspector's command line (pinned) against the sandbox over
// stdio. The Inspector needs Node >= 22.19; on an older Node it runs, with the server, on the Node 24 that
// scripts/node-bin.mjs installs from the npm registry (Linux x64), so the same command works on every Node the
// server supports.
import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { nodeBinary } from './node-bin.mjs';

const INSPECTOR = '@modelcontextprotocol/inspector@2.12.0';
const [major, minor] = process.versions.node.split('.').map(Number);
const env = { ...process.env };
if (major < 22 || (major === 22 && minor < 19)) {
  let node;
  try {
    node = nodeBinary(24);
  } catch (e) {
    process.stderr.write(
      `The Inspector needs Node 22.19 or later (this is ${process.version}): ${e.message}.\n`,
    );
    process.exit(2);
  }
  env.PATH = `${dirname(node)}:${env.PATH ?? ''}`;
}
const args = process.argv.slice(2);
const r = spawnSync(
  'npx',
  [
    '-y',
    INSPECTOR,
    '--cli',
    'node',
    'dist/index.js',
    '--sandbox',
    ...(args.length ? args : ['--method', 'tools/list']),
  ],
  { stdio: 'inherit', env },
);
process.exit(r.status ?? 1);
