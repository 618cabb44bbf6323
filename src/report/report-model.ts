/**
 * The conformance report as data: what every reporter (JSON, JUnit, Markdown, HTML, terminal)
 * renders. Its JSON form is versioned by `schemaVersion` and described by
 * `reporters/report.schema.json`.
 */

/** Verdict of one rule against one target. */
export type Verdict = 'pass' | 'fail' | 'skip' | 'ambiguous' | 'expected-fail' | 'not-run';

/** Every verdict, in display order. */
export const VERDICTS: readonly Verdict[] = ['fail', 'expected-fail', 'ambiguous', 'skip', 'not-run', 'pass'];

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
  command: string;
}

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

/** The whole report. */
export interface ConformanceReport {
  schemaVersion: '1.0';
  tool: { name: string; version: string };
  target: TargetInfo;
  services: string[];
  seed: number;
  runs: number;
  startedAt: string;
  durationMs: number;
  /** True when the run was interrupted (Ctrl-C) and the report is partial. */
  interrupted: boolean;
  summary: Record<Verdict, number> & { total: number; conformant: boolean; failOn: 'must' | 'should' | 'none' };
  rules: RuleResult[];
  timelines: Timeline[];
  /** Problems with the expected-failures file: expired entries, entries whose rule now passes. */
  expectedFailureNotes: string[];
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
}
