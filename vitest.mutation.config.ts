/**
 * The test suite of the mutation run (`npm run mutation`, see stryker.config.mjs): the
 * conformance suites against the embedded simulator, at a FIXED seed so a mutation score can be
 * reproduced. Without the CLI, `suites/harness/settings.ts` takes the seed `npm test`'s global
 * setup provides (`conformanceSeed`), else `CONFORMANCE_SEED`, and the target from
 * `CONFORMANCE_SETTINGS`; all three are pinned here (no global setup: nothing random, nothing
 * printed per run) so a developer's shell cannot point the run elsewhere.
 */
import { defineConfig } from 'vitest/config';

/** The seed every mutation run uses; change it only together with a fresh baseline run. */
export const MUTATION_SEED = 20261128;

export default defineConfig({
  test: {
    include: ['suites/**/*.test.ts', 'src/simulator/**/*.mutation.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    pool: 'threads',
    provide: { conformanceSeed: MUTATION_SEED },
    env: { CONFORMANCE_SEED: String(MUTATION_SEED), CONFORMANCE_SETTINGS: '' },
  },
});
