/**
 * The conformance report as data: what every reporter (JSON, JUnit, Markdown, HTML, terminal)
 * renders. Its JSON form is versioned by `schemaVersion` and described by
 * `reporters/report.schema.json`.
 */

/**
 * Verdict of one rule against one target. `not-run` means the rule was selected but its check
 * never ran (Ctrl-C, a missing shard, an unreachable target or state endpoint): never a pass.
 */
export type Verdict = 'pass' | 'fail' | 'skip' | 'not-run' | 'ambiguous' | 'expected-fail';

/** Every verdict, in display order. */
export const VERDICTS: readonly Verdict[] = ['fail', 'expected-fail', 'ambiguous', 'not-run', 'skip', 'pass'];

/** Verdicts that mean the rule's check actually judged the target. */
export const JUDGED_VERDICTS: readonly Verdict[] = ['pass', 'fail', 'ambiguous', 'expected-fail'];

/**
 * Whether the run got to judge what it set out to: only a `complete` run can be conformant.
 * `state-endpoint-fault`: the state-protocol endpoint was unreachable, answered 5xx, or does not
 * speak the protocol (4xx) — a reachability or configuration problem, never a rule failure.
 */
export type RunStatus = 'complete' | 'interrupted' | 'target-unreachable' | 'incomplete-shards' | 'state-endpoint-fault';

/** Every run status. */
export const RUN_STATUSES: readonly RunStatus[] = ['complete', 'interrupted', 'target-unreachable', 'incomplete-shards', 'state-endpoint-fault'];

/** What a target chose where the documents are silent, as one check saw it: never a verdict. */
export interface RuleObservation {
  /** What the choice is about, e.g. `code for a password breaking the rules`. */
  topic: string;
  title: string;
  /** What the target chose, e.g. `400 InvalidParameter`. */
  choice: string;
  /** One exchange or fact that shows it. */
  evidence: string;
}

/** An observation of the whole run: grouped on (topic, choice) over every rule that saw it. */
export interface ReportObservation extends RuleObservation {
  /** The first rule that saw it. */
  rule: string;
  service: string;
  /** How many times the checks saw it. */
  count: number;
}

/** One HTTP exchange of a counterexample, secrets already redacted. */
export interface TranscriptStep {
  /** What the step meant, e.g. "wrong old_password (attempt 3)". */
  label: string;
  request: { method: string; url: string; headers: Record<string, string>; body: string };
  response?: { status: number; headers: Record<string, string>; body: string };
  /** A ready-to-run curl for the request, secrets replaced by `$VARIABLES`. */
  curl?: string;
}

/** A minimal failing case, shrunk by fast-check. */
export interface Counterexample {
  /** One-line statement, e.g. `password "Abcdefg1&" (breaks BCC-PWD-SYMBOLS) was accepted`. */
  summary: string;
  /** Received vs documented. */
  received: string;
  documented: string;
  transcript: TranscriptStep[];
}

/** How to re-run exactly one failing case. */
export interface ReplayKey {
  /** The seed of the failing property (derived from the run seed, the rule and the property). */
  seed: number;
  /** Which property of the rule failed (a rule may check several). */
  property: string;
  /** fast-check's shrink path, e.g. "12:3:0". */
  path?: string;
  /** For model-based runs: fast-check's commands replay path. */
  replayPath?: string;
  rule: string;
  /** The command that re-runs it from the report file: built once, by the report (`src/report/replay-command.ts`). */
  command: string;
}

/** The replay key as the failing check records it: the report adds the command, once it knows its file. */
export type FailingCaseKey = Omit<ReplayKey, 'command'>;

/** One step of a lockout sequence, for the timeline picture. */
export interface TimelineStep {
  /** Virtual seconds since the sequence started. */
  t: number;
  action: 'wrong' | 'right' | 'bad-new' | 'advance' | 'status';
  /** What the target answered (`passwordFailed`, `locked`, `success`, `400 DCS.4019`…). */
  result: string;
  retriesLeft?: string;
  lockTimeLeft?: string;
}

/** A lockout sequence run against the target. */
export interface Timeline {
  rule: string;
  label: string;
  steps: TimelineStep[];
}

/** The verdict of one rule. */
export interface RuleResult {
  id: string;
  service: string;
  level: 'MUST' | 'SHOULD';
  category: string;
  title: string;
  source: string;
  verdict: Verdict;
  /** Why: the skip reason, the failure message, the reading found, or the expected-failure entry. */
  reason: string;
  /** Generated cases run for this rule. */
  cases: number;
  durationMs: number;
  /** For ambiguous rules: the reading the target follows (variant name), if one was identified. */
  variant?: string;
  counterexample?: Counterexample;
  replay?: ReplayKey;
}

/** What the run talked to. */
export interface TargetInfo {
  name: string;
  kind: 'simulator' | 'http' | 'client';
  capabilities: Record<string, boolean>;
}

/** Counts per verdict, the share of MUST rules judged and the conformance decision. */
export type ReportSummary = Record<Verdict, number> & {
  total: number;
  /** MUST rules whose check judged the target (pass, fail, ambiguous, expected-fail) of all MUST rules selected. */
  mustJudged: { judged: number; total: number };
  /** True only for a `complete` run that judged at least one rule and broke none that `failOn` counts. */
  conformant: boolean;
  failOn: 'must' | 'should' | 'none';
  /** CI gates (`--max-skip`, `--require-rules`) the run did not meet; any makes it non-conformant. */
  gateFailures?: string[];
};

/** The whole report. */
export interface ConformanceReport {
  schemaVersion: '1.1';
  tool: { name: string; version: string };
  target: TargetInfo;
  services: string[];
  seed: number;
  runs: number;
  startedAt: string;
  durationMs: number;
  /** True when the run was interrupted (Ctrl-C) and the report is partial (kept for 1.0 readers; see `runStatus`). */
  interrupted: boolean;
  /** Whether the run got to judge what it set out to; only `complete` can be conformant. */
  runStatus: RunStatus;
  /** Why the run is not complete, in one line (absent when complete). */
  runStatusReason?: string;
  /** A sharded run: which shard of how many this report covers (merged reports have none). */
  shard?: { index: number; count: number };
  summary: ReportSummary;
  rules: RuleResult[];
  timelines: Timeline[];
  /** Problems with the expected-failures file: expired entries, entries whose rule now passes. */
  expectedFailureNotes: string[];
  /** What the target chose where the documents are silent, grouped by (topic, choice); never verdicts. */
  observations: ReportObservation[];
  /** Transport faults seen during the run (connection refused, timeouts, unasked-for 5xx). */
  faults: string[];
  /** Live runs: what became of each fixture whose password the run changed. */
  restorations: Array<{ instance: string; restored: boolean; detail: string }>;
  /** How the run was set up (no credentials), so `conformance replay` can repeat it. */
  invocation: Invocation;
}

/** The run's settings as `replay` needs them. */
export interface Invocation {
  /** `simulator`, a base URL, or `client:<adapter>`. */
  target: string;
  stateUrl?: string;
  client?: string;
  variants: Record<string, string>;
  /** Planted faults of the embedded simulator (demos and kit self-tests). */
  faults: string[];
  services: string[];
  rules: string[];
  failOn: 'must' | 'should' | 'none';
  /** CI gate `--max-skip`: `n` rules or `n%` of them may be skipped or not run. */
  maxSkip?: string;
  /** CI gate `--require-rules`: globs of rules that must be judged. */
  requireRules?: string[];
}
