/**
 * Runs the suites through vitest's programmatic API with the kit's reporter, and returns the
 * rule outcomes. The suites read the run settings through vitest's `provide`.
 */
import { fileURLToPath } from 'node:url';
import { availableParallelism, tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { BaseSequencer, createVitest, type TestSpecification, type Vitest } from 'vitest/node';
import type { RunSettings } from './settings.ts';
import { targetKindOf } from '../targets/registry.ts';
import { RuleCollector } from './rule-collector.ts';
import { checksInFlight } from './run-target.ts';
import { keptThreads, type KeptThreads } from './kept-workers.ts';
import type { RuleOutcome } from '../report/rule-outcome.ts';

/** The kit's root folder (where `suites/` lives): the checkout, or `dist/` of the installed package. */
export const KIT_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

/**
 * Whether this is the built package. It runs the compiled suites (`*.rule.js`, see
 * `scripts/build.mjs`) as plain JavaScript; a checkout runs the `.ts` suites through vitest's
 * own transform, with the package's import names mapped to `src/` (`kit-aliases.ts`).
 */
const BUILT = import.meta.url.endsWith('.js');

/**
 * The installed package's own modules (`dist/`) that vitest hands to Node as they are, every one
 * but the suite files (`*.rule.js`, which vitest runs as test files). They are plain JavaScript, so
 * vite's transform (module rewriting and a source map, done in the main thread for each worker)
 * bought nothing: importing them natively took ~1 CPU s off every run and ~55 MB off its peak RSS,
 * and their calls no longer go through vite's rewritten module accessors (issue 17, round 5).
 */
export const NATIVE_KIT_MODULES = new RegExp(`${KIT_ROOT.replaceAll('\\', '/').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/(?!.*\\.rule\\.js$)`);

/**
 * Suite files in path order, every run: vitest's default order follows cached durations, and a
 * live run's plan (a rehearsal) must send its requests in the same order as the real run.
 */
class PathOrderSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return [...files].sort((a, b) => a.moduleId.localeCompare(b.moduleId));
  }
}


/** Options of {@link runSuites}. */
export interface RunSuitesOptions {
  settings: RunSettings;
  /** vitest shard, e.g. `1/3`. */
  shard?: string;
  onProgress?: (done: number, outcome: RuleOutcome) => void;
  /** Stops the run early (Ctrl-C); outcomes so far are kept. */
  signal?: AbortSignal;
  /**
   * Suite files to load instead of every file of the selected services (paths relative to the
   * kit's root): the kit's own tests load only the files holding the rules they run.
   */
  files?: readonly string[];
}

/** Runs the suite files of the selected services; resolves when every test has finished. */
export async function runSuites(options: RunSuitesOptions): Promise<{ outcomes: RuleOutcome[]; loadErrors: string[]; interrupted: boolean }> {
  const reporter = new RuleCollector(options.onProgress);
  // The suite workers' heap caps are the process owner's to set (the CLI: capSuiteWorkerHeap in
  // worker-heap.ts): V8 flags are process-wide, and a test or an embedder running this in its own
  // process would cap every isolate it creates afterwards.
  // vitest exits the process on SIGINT; the kit must instead stop the run, restore what a live
  // run changed and write a partial report, so vitest's own signal handlers are removed — at once
  // when vitest registers them (keepOwnSignalHandlers), not when its start-up has ended: a Ctrl-C
  // in that second would otherwise end the process with no report.
  const keep = keepOwnSignalHandlers();
  const vitest = await suiteVitest(options.settings, reporter, options.files, options.shard, undefined, undefined, keep);
  keep();
  let interrupted = false;
  const onAbort = (): void => {
    interrupted = true;
    void vitest.cancelCurrentRun('keyboard-input');
  };
  // A Ctrl-C while vitest started has already aborted the signal, whose event will not fire again.
  if (options.signal?.aborted) {
    await vitest.close();
    return { outcomes: reporter.inFileOrder(), loadErrors: reporter.loadErrors, interrupted: true };
  }
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await vitest.start();
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await vitest.close();
  }
  return { outcomes: reporter.inFileOrder(), loadErrors: reporter.loadErrors, interrupted };
}

/**
 * Notes the process's SIGINT and SIGTERM listeners now; the function returned removes every one
 * added since (vitest's, which end the process), so the kit's own handlers alone stay.
 */
export function keepOwnSignalHandlers(): () => void {
  const own = new Set([...process.listeners('SIGINT'), ...process.listeners('SIGTERM')]);
  return () => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      for (const listener of process.listeners(signal)) if (!own.has(listener)) process.off(signal, listener);
    }
  };
}

/**
 * Creates the vitest instance that runs the suites under `settings`. `afterRegistration` runs as
 * soon as vitest has registered its process handlers: `createVitest` constructs its `Vitest` (whose
 * logger adds them) before its first `await`, so that is right after the call, not after start-up.
 */
async function suiteVitest(settings: RunSettings, reporter: RuleCollector, files: readonly string[] | undefined, shard?: string, maxWorkers?: number, pool?: KeptThreads['pool'], afterRegistration?: () => void): Promise<Vitest> {
  // The target's kind says how its run spreads over workers (src/targets/target-kind.ts): the
  // embedded simulator is built per worker and shares nothing, so its suite files may use every
  // core (vitest's default, cores − 1, left one of two cores to a main thread that idles: issue 17
  // profile); a server or client is shared by the workers, and a shared virtual clock moved by one
  // file's lockout check would move under another's: those keep the default.
  const workers = targetKindOf(settings.target).workers?.(settings.target) ?? 'default';
  // Checks a worker may have in flight (run-target.ts, leaseTarget): vitest starts that many of a
  // file's concurrent tests at once, so none waits for a target inside its timeout.
  const inFlight = checksInFlight(settings);
  const include = files ? [...files] : settings.services.map((s) => (BUILT ? `suites/${s}/**/*.rule.js` : `suites/${s}/**/*.test.ts`));
  const alias = BUILT ? [] : (await import('../kit-aliases.ts')).SOURCE_ALIASES;
  const created = createVitest(
    'test',
    {
      config: false,
      root: KIT_ROOT,
      include,
      watch: false,
      reporters: [reporter],
      provide: { conformance: settings },
      shard,
      passWithNoTests: true,
      // Suite files share nothing mutable but the loaded specs and the target: reusing the
      // module cache across files saves re-validating specs and rebuilding the simulator per file.
      // A session's workers outlive its runs (kept-workers.ts); a run's own are vitest's threads.
      pool: pool ?? 'threads',
      isolate: false,
      // A live run keeps one ledger, one budget and one rate limit: one worker, files in turn.
      ...(workers === 'one' ? { maxWorkers: 1, fileParallelism: false } : workers === 'every-core' ? { maxWorkers: availableParallelism() } : typeof workers === 'number' ? { maxWorkers: workers } : {}),
      ...(maxWorkers !== undefined ? { maxWorkers } : {}),
      silent: 'passed-only',
      sequence: { sequencer: PathOrderSequencer },
      ...(inFlight > 1 ? { maxConcurrency: inFlight } : {}),
      ...(alias.length ? { alias } : {}),
      ...(BUILT ? { server: { deps: { external: [NATIVE_KIT_MODULES] } } } : {}),
    },
    // An installed package may sit in a read-only node_modules: its cache goes to the temp dir.
    { logLevel: 'silent', cacheDir: BUILT ? resolve(tmpdir(), 'pwchange-conformance-vite') : resolve(KIT_ROOT, 'node_modules/.vite-conformance') },
  );
  afterRegistration?.();
  return created;
}

/**
 * One vitest instance kept open to run suite files again and again under other settings: the
 * kit's own fault-catalogue tests plant dozens of faults, and starting vitest (workers, spec
 * loading) for each would cost seconds apiece. The target is rebuilt whenever the settings'
 * target changes (`src/runner/run-target.ts`), so each run sees only its own faults.
 */
export interface SuiteSession {
  /** Runs `files` (paths relative to the kit's root) under `settings`; resolves with this run's outcomes. */
  run(settings: RunSettings, files: readonly string[]): Promise<{ outcomes: RuleOutcome[]; loadErrors: string[] }>;
  /** Suite worker threads the session has started so far (kept from run to run, so usually its `maxWorkers`). */
  workerStarts(): number;
  close(): Promise<void>;
}

/**
 * Opens a {@link SuiteSession}; runs through it go one at a time. `maxWorkers` caps its suite
 * workers (default: as the target's kind says). Its worker threads are kept from one run to the
 * next (`kept-workers.ts`), with the kit, its specs and the simulator loaded once: a run's suite
 * files are imported afresh, as vitest does for each file of one run, and the target is rebuilt
 * whenever the settings' target changes (`run-target.ts`).
 */
export async function openSuiteSession(settings: RunSettings, options: { maxWorkers?: number } = {}): Promise<SuiteSession> {
  const reporter = new RuleCollector();
  const kept = keptThreads();
  const vitest = await suiteVitest(settings, reporter, ['suites/**/*.test.ts', 'suites/**/*.rule.js'], undefined, options.maxWorkers, kept.pool);
  let queue: Promise<unknown> = Promise.resolve();
  return {
    run(next, files) {
      const result = queue.then(async () => {
        const [outcomesBefore, errorsBefore] = [reporter.outcomes.length, reporter.loadErrors.length];
        vitest.getRootProject().provide('conformance', next);
        const specs = await vitest.globTestSpecifications(files.map((f) => resolve(KIT_ROOT, f)));
        await vitest.runTestSpecifications(specs, false);
        return { outcomes: reporter.outcomes.slice(outcomesBefore), loadErrors: reporter.loadErrors.slice(errorsBefore) };
      });
      queue = result.catch(() => undefined);
      return result;
    },
    workerStarts: kept.started,
    async close() {
      await vitest.close();
      await kept.close();
    },
  };
}
