// @ts-check
/**
 * Mutation testing of the simulator's domain logic with the conformance suites as the test
 * suite (`npm run mutation`; not part of `npm test`). See README "Mutation testing" and
 * reports/mutation/survivors.md for the surviving mutants and why each is left.
 *
 * Sized for this 2-core machine: one test-runner process per core, at most 2 (set
 * STRYKER_CONCURRENCY=1 to leave a core free on a shared machine), per-test coverage so each mutant runs only the checks that reach
 * it, and incremental mode so a re-run only tests mutants whose code or covering tests changed.
 */
import { availableParallelism } from 'node:os';

const concurrency = Number(process.env.STRYKER_CONCURRENCY ?? Math.min(2, availableParallelism()));
if (!Number.isInteger(concurrency) || concurrency < 1) {
  throw new Error(`STRYKER_CONCURRENCY must be a positive integer, got "${process.env.STRYKER_CONCURRENCY}". Unset it for the default (one per core, at most 2).`);
}

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'vitest',
  // related: false — the test ids from per-test coverage already pick the files; vitest's related-file
  // filter ran no test at all for some mutants (they then "survived" with 0 tests).
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  // Domain logic only; adapters (server, msw, in-process), routing plumbing, the state
  // endpoint and the planted-fault catalogue are left out on purpose.
  mutate: [
    'src/simulator/core/password-policy.ts',
    'src/simulator/core/clock.ts',
    'src/simulator/core/instance-store.ts',
    'src/simulator/core/responses.ts',
    'src/simulator/bcc/bcc-service.ts',
    'src/simulator/dcs/dcs-service.ts',
    'src/simulator/dcs/lockout.ts',
    'src/simulator/auth/bce-verifier.ts',
    'src/simulator/auth/hmac-verifier.ts',
    'src/simulator/auth/admin-pass-cipher.ts',
  ],
  plugins: ['@stryker-mutator/vitest-runner', './mutation/ignore-message-text.mjs', './mutation/ignore-switch-branches.mjs', './mutation/progress-log-reporter.mjs'],
  // Out of scope, listed in the report as Ignored with the reason: message strings and log text
  // (issue 13), and branches only planted faults or the alternate profile switch on.
  ignorers: ['message-text', 'switch-branches'],
  coverageAnalysis: 'perTest',
  // Module-level initialisers would need every check re-run per mutant; they hold no rule logic.
  ignoreStatic: true,
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  concurrency,
  timeoutMS: 10_000,
  timeoutFactor: 2,
  reporters: ['clear-text', 'progress', 'html', 'json', 'progress-log'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['reports', 'conformance-report', '.tmp', 'bench/results', '*.log'],
  cleanTempDir: true,
};
