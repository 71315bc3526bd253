// npm run test:node24 / test:node22: the tests on another Node than the machine's (scripts/node-bin.mjs).
// Node 24 runs the whole suite; Node 22 the stdio smoke and bin tests (the process as a host starts it).
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { nodeBinary, PINNED } from './node-bin.mjs';

const major = process.argv[2];
if (!PINNED[major]) {
  process.stderr.write('usage: node scripts/test-node.mjs 24|22\n');
  process.exit(2);
}
let node;
try {
  node = nodeBinary(major);
} catch (e) {
  process.stderr.write(`${e.message}; run npm test with your own Node ${major}.\n`);
  process.exit(2);
}
const root = fileURLToPath(new URL('..', import.meta.url));
process.stdout.write(`\n== the tests on ${execFileSync(node, ['--version']).toString().trim()}\n`);
const files = major === '22' ? ['test/stdio.test.ts', 'test/bin.test.ts', 'test/cli.test.ts'] : [];
const r = spawnSync(node, [`${root}node_modules/vitest/vitest.mjs`, 'run', ...files], {
  stdio: 'inherit',
  cwd: root,
});
process.exit(r.status ?? 1);
