import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// Builds dist/ once before the tests, so the tests that spawn the bin (bin, stdio, cli, process) run what
// the source says today, never a stale bundle.
export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
}
