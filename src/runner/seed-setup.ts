/**
 * vitest global setup for `npm test`: one seed for every suite worker, printed at the start so a
 * red CI run can be replayed exactly (`CONFORMANCE_SEED=<seed> npm test`). The CLI does not use
 * this file: it provides its own settings, seed included, and prints them.
 */
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    conformanceSeed: number;
  }
}

/** Picks the seed (CONFORMANCE_SEED or random), prints it and hands it to the workers. */
export default function setup(project: TestProject): void {
  const raw = process.env.CONFORMANCE_SEED;
  const seed = raw === undefined || raw === '' ? Math.floor(Math.random() * 2 ** 31) : Number(raw);
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 31) {
    throw new Error(`CONFORMANCE_SEED must be an integer from 0 to 2147483647, got "${raw}": unset it for a random seed, or copy the seed a previous run printed`);
  }
  project.provide('conformanceSeed', seed);
  process.stdout.write(`conformance suites: seed ${seed} — replay this run with CONFORMANCE_SEED=${seed} npm test\n`);
}
