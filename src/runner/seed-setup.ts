/**
 * vitest global setup for `npm test`: one seed for every suite worker, printed at the start so a
 * red CI run can be replayed exactly (`CONFORMANCE_SEED=<seed> npm test`). The CLI does not use
 * this file: it provides its own settings, seed included, and prints them.
 */
import type { TestProject } from 'vitest/node';
import { randomSeed, seedFromEnv } from './seed.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    conformanceSeed: number;
  }
}

/** Picks the seed (CONFORMANCE_SEED or random), prints it and hands it to the workers. */
export default function setup(project: TestProject): void {
  const seed = seedFromEnv() ?? randomSeed();
  project.provide('conformanceSeed', seed);
  process.stdout.write(`conformance suites: seed ${seed} — replay this run with CONFORMANCE_SEED=${seed} npm test\n`);
}
