import { defineConfig } from 'vitest/config';
import { SOURCE_ALIASES } from './src/kit-aliases.ts';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'reporters/**/*.test.ts', 'suites/**/*.test.ts'],
    environment: 'node',
    // The examples import the package by name, as a user's project does.
    alias: SOURCE_ALIASES,
    testTimeout: 30_000,
    pool: 'threads',
    // One seed for every suite worker, printed first; CONFORMANCE_SEED=<n> replays a run.
    globalSetup: ['suites/harness/seed-setup.ts'],
  },
});
