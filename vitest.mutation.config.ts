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
    include: [
      'suites/**/*.test.ts',
      // Unit tests of code the suites cannot reach by design (the verifiers' and the cipher's
      // published vectors and input parsing, the real clock of the live-like mode, the store's
      // reset): each checks a documented algorithm or the module's own contract, never one of
      // the simulator's free choices.
      'src/simulator/auth/admin-pass-cipher.test.ts',
      'src/simulator/auth/bce-verifier.test.ts',
      'src/simulator/auth/bce-verifier-timestamp.test.ts',
      'src/simulator/auth/hmac-verifier.test.ts',
      'src/simulator/core/clock.test.ts',
      'src/simulator/core/instance-store.test.ts',
    ],
    environment: 'node',
    testTimeout: 60_000,
    pool: 'threads',
    // One module graph for every mutant run: re-importing the suites (spec loading, schema
    // compiling) per run cost more than the checks themselves. Each check still starts from
    // fresh instances through the state protocol, so no state carries from one run to the next.
    isolate: false,
    setupFiles: ['mutation/no-caches.setup.ts'],
    provide: { conformanceSeed: MUTATION_SEED },
    env: { CONFORMANCE_SEED: String(MUTATION_SEED), CONFORMANCE_SETTINGS: '' },
  },
});
