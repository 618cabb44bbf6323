/**
 * The rule collector: a vitest `Reporter` (vitest's word for a test-event listener) that renders
 * nothing. It turns each finished test into a {@link RuleOutcome} using the rule meta the harness
 * attached, and reports progress. Not to be confused with `src/report/` (the report model) or
 * `reporters/` (the renderers of that model).
 */
import type { Reporter, TestCase, TestModule } from 'vitest/node';
import type { RuleMeta } from './rule-meta.ts';
import type { RuleOutcome } from '../report/rule-outcome.ts';

/**
 * A cancelled run (Ctrl-C) reports the tests it never started as `pending`, or as skipped
 * without the meta the harness sets first thing in every check: those never ran, and
 * must not read as passed.
 */
function stateOf(state: ReturnType<TestCase['result']>['state'], started: boolean): RuleOutcome['state'] {
  if (state === 'failed') return 'failed';
  if (state === 'pending' || !started) return 'not-run';
  return state === 'skipped' ? 'skipped' : 'passed';
}

/** Collects rule outcomes from vitest's test events; `onProgress` is called after each rule. */
export class RuleCollector implements Reporter {
  readonly outcomes: RuleOutcome[] = [];
  /** Errors outside any test (a suite file that failed to load). */
  readonly loadErrors: string[] = [];
  /** The suite file of each outcome, by index in {@link outcomes}. */
  private readonly files: string[] = [];
  /** Where each outcome's test is defined in its file, by index in {@link outcomes}. */
  private readonly positions: number[] = [];
  /** Each file's tests in the order they are defined. */
  private readonly defined = new WeakMap<TestModule, string[]>();

  constructor(private readonly onProgress?: (done: number, outcome: RuleOutcome) => void) {}

  onTestCaseResult(test: TestCase): void {
    const meta = test.meta().conformance as RuleMeta | undefined;
    const result = test.result();
    const rule = meta?.rule ?? test.name.split(':')[0]!;
    const errors = result.state === 'failed' ? result.errors : [];
    const message = errors.map((e) => e.message).join('\n') || undefined;
    const transportFault = meta?.transportFault ?? (errors.some((e) => e.name === 'TransportFault') ? message : undefined);
    const outcome: RuleOutcome = {
      rule,
      state: stateOf(result.state, meta !== undefined),
      durationMs: Math.round(test.diagnostic()?.duration ?? 0),
      cases: meta?.cases ?? 0,
      targetMs: meta?.targetMs,
      requests: meta?.requests,
      locks: meta?.locks,
      message,
      skipReason: meta?.skipReason ?? (result.state === 'skipped' ? result.note : undefined),
      ambiguity: meta?.ambiguity,
      counterexample: meta?.counterexample,
      replay: meta?.replay,
      timelines: meta?.timelines,
      findings: meta?.findings,
      transportFault,
      stateEndpointFault: meta?.stateEndpointFault,
      observations: meta?.observations,
      unchecked: meta?.unchecked,
    };
    this.outcomes.push(outcome);
    this.files.push(test.module.moduleId);
    this.positions.push(this.positionOf(test));
    this.onProgress?.(this.outcomes.length, outcome);
  }

  /** The test's place among its file's tests, in the order they are defined. */
  private positionOf(test: TestCase): number {
    let tests = this.defined.get(test.module);
    // Collected once per file; read again for a test not in it (a file still collecting).
    if (tests === undefined || !tests.includes(test.id)) {
      tests = [...test.module.children.allTests()].map((t) => t.id);
      this.defined.set(test.module, tests);
    }
    return tests.indexOf(test.id);
  }

  /**
   * The outcomes as one worker running the files in path order, one test after another, would
   * give them: files in path order, each file's tests in the order they are defined. With several
   * workers, files finish in any order, and where a worker's checks overlap (`checksInFlight`) a
   * file's tests finish in any order too; a rule checked in two files, or an observation seen by
   * several rules, must still come out the same in the report.
   */
  inFileOrder(): RuleOutcome[] {
    return this.outcomes
      .map((outcome, i) => ({ outcome, file: this.files[i]!, at: this.positions[i]!, i }))
      .sort((a, b) => a.file.localeCompare(b.file) || a.at - b.at || a.i - b.i)
      .map((x) => x.outcome);
  }

  onTestModuleEnd(module: TestModule): void {
    for (const e of module.errors()) this.loadErrors.push(`${module.moduleId}: ${e.message}`);
  }
}
