import { availableParallelism } from 'node:os';
import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { SOURCE_ALIASES } from './src/kit-aliases.ts';

/**
 * The slowest test files, measured (bench/README.md, "npm test wall time"), slowest first. They
 * start first so that no long file begins last and runs alone while the other worker idles;
 * vitest's own order (by the durations it cached) does the same only once a run has been cached,
 * never in a clean clone or in CI. The rest keep vitest's order after them.
 */
const HEAVY_FIRST = [
  // Measured in a full run, 2026-11-29 (round 5, load 15–18 on 2 cores, s): the first four took
  // 197–263 s, the rest 35–163 s; `exit-status` moved down after its usage errors went in process.
  'test/live/live-coverage.test.ts',
  'test/live/live-run.test.ts',
  'test/cli/client-cmd.test.ts',
  'test/cli/serve-sessions.test.ts',
  'test/cli/planted-faults.test.ts',
  'test/pact/export-verify.test.ts',
  'test/cli/verdict-trust.test.ts',
  'test/readme/readme-run-clients.test.ts',
  'test/readme/readme-run.test.ts',
  'test/cli/verdict-identity.test.ts',
  // The checkout build's own tests compile the sources several times (80–130 s at load 20).
  'test/build/checkout-build.test.ts',
  'test/build/build-vs-sources.test.ts',
  'test/cli/run-status.test.ts',
  'test/readme/readme-drifts.test.ts',
  'test/cli/targets.test.ts',
  'test/cli/output-modes.test.ts',
  'test/cli/exit-status.test.ts',
  'test/cli/variants.test.ts',
  'test/pact/broker.test.ts',
  'test/readme/readme-run-served.test.ts',
  'test/pact/planted-faults.test.ts',
  'test/pact/usage.test.ts',
  'test/live/live-interrupt-race.test.ts',
  'test/package/pack-install.test.ts',
  'test/hostile/report-secrets.test.ts',
  'test/action/action.test.ts',
  'test/cli/alternate-profile.test.ts',
];

/** vitest's order, with {@link HEAVY_FIRST} moved to the front in its own order. */
class HeavyFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification): number => {
      const i = HEAVY_FIRST.indexOf(relative(f.project.config.root, f.moduleId).split('\\').join('/'));
      return i === -1 ? HEAVY_FIRST.length : i;
    };
    return sorted.map((f, i) => ({ f, i, r: rank(f) })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.f);
  }
}

/**
 * Unit tests of the kit's modules, the reporters and the suite files: they share no mutable state
 * across files (the kit itself runs the suites with `isolate: false`, see
 * `src/runner/run-suites.ts`), so one worker runs them one after another with one module cache
 * instead of loading the kit and its specs again for every file. Measured on these 118 files
 * (bench/README.md, "npm test wall time", round 5): 88.7 s of CPU isolated, 35.8 s not.
 */
const SHARED_MODULES = ['src/**/*.test.ts', 'reporters/**/*.test.ts', 'suites/**/*.test.ts'];

/** What both projects share. */
const common = {
  environment: 'node',
  // The examples import the package by name, as a user's project does.
  alias: SOURCE_ALIASES,
  testTimeout: 30_000,
  pool: 'threads',
} as const;

export default defineConfig({
  test: {
    // vitest's default is one worker fewer than the cores: one worker on a 2-core machine, so the
    // whole suite ran file after file. Most of its time is spent in child processes (CLI runs,
    // SDK and example clients) and servers, outside the worker, so a worker per core (at least
    // two) keeps both cores busy. VITEST_MAX_WORKERS / --maxWorkers still override it.
    maxWorkers: Math.max(2, availableParallelism()),
    sequence: { sequencer: HeavyFirstSequencer },
    // One seed for every suite worker, printed first; CONFORMANCE_SEED=<n> replays a run. Set on
    // the root only: its provided seed reaches both projects, and it runs (and prints) once.
    globalSetup: ['src/runner/seed-setup.ts'],
    projects: [
      { test: { ...common, name: 'modules', include: SHARED_MODULES, isolate: false } },
      // End-to-end tests (CLI processes, servers, in-process runs, packing): each file in its own module graph.
      { test: { ...common, name: 'end-to-end', include: ['test/**/*.test.ts'] } },
    ],
  },
});
