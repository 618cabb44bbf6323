import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'reporters/**/*.test.ts', 'suites/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    pool: 'threads',
    // One seed for every suite worker, printed first; CONFORMANCE_SEED=<n> replays a run.
    globalSetup: ['suites/harness/seed-setup.ts'],
  },
});
