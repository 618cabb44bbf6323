/** What the suite reporter collects per test: the raw material of rule verdicts. */
import type { Counterexample, FailingCaseKey, RuleObservation, Timeline } from './report-model.ts';

/** One finished rule test. */
export interface RuleOutcome {
  rule: string;
  /** `not-run`: the test never started (the run was cancelled before it). */
  state: 'passed' | 'failed' | 'skipped' | 'not-run';
  durationMs: number;
  cases: number;
  /** The check drives an instance into the lockout. */
  locks?: boolean;
  /** Requests sent (live targets). */
  requests?: number;
  /** Time spent inside the embedded simulator (in-process targets only). */
  targetMs?: number;
  message?: string;
  skipReason?: string;
  ambiguity?: { variant: string; reason: string };
  counterexample?: Counterexample;
  replay?: FailingCaseKey;
  timelines?: Timeline[];
  findings?: Array<{ rule: string; ok: boolean; detail: string }>;
  /** The failure was a transport fault (refused, reset, timeout), not a verdict. */
  transportFault?: string;
  /** The state-protocol endpoint failed (unreachable, 5xx, or 4xx = does not speak the protocol): not a verdict. */
  stateEndpointFault?: { status?: number; message: string };
  /** What the target chose where the documents are silent. */
  observations?: RuleObservation[];
  /** Parts of the rule the check could not observe (e.g. the stored password without inspect). */
  unchecked?: string[];
}
