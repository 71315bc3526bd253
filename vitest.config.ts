import { configDefaults, defineConfig } from 'vitest/config';
import type { Reporter, TestModule } from 'vitest/node';

// Ends the run with one plain line, "N passed, N failed", that any CI can read.
const plainSummary: Reporter = {
  onTestRunEnd(modules: ReadonlyArray<TestModule>) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const m of modules) {
      for (const t of m.children.allTests()) {
        const state = t.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
    }
    process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  },
};

export default defineConfig({
  test: {
    reporters: ['default', plainSummary],
    // Builds dist/ first: some tests spawn the bin exactly as a host does.
    globalSetup: ['test/global-setup.ts'],
    // The soak test compares retained heap after forced collections.
    execArgv: ['--expose-gc'],
    testTimeout: 30_000,
    // The browser tests need Chromium: \`npm run test:browser\` (CI installs it with apt).
    exclude: process.env.BROWSER_TESTS
      ? configDefaults.exclude
      : [...configDefaults.exclude, 'test/browser/**'],
  },
});
