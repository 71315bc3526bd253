// Runs the tool tests against every documented variant of Pixieset's API the sandbox can serve
// (src/sandbox/studio.ts VARIANTS; the default, laravel, is what `npm test` runs).
import { spawnSync } from 'node:child_process';

const variants = ['guide', 'docs', 'other-ids'];
const vitest = new URL('../node_modules/vitest/vitest.mjs', import.meta.url).pathname;
for (const variant of variants) {
  process.stdout.write(`\n== the tool tests against the sandbox variant "${variant}"\n`);
  const r = spawnSync(process.execPath, [vitest, 'run', 'test/tools-'], {
    stdio: 'inherit',
    env: { ...process.env, SANDBOX_VARIANT: variant },
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
