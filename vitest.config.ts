import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The soak test compares retained heap after forced collections.
    execArgv: ['--expose-gc'],
    testTimeout: 30_000,
  },
});
