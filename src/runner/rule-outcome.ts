/** What the suite reporter collects per test: the raw material of rule verdicts. */
import type { Counterexample, ReplayKey, Timeline } from '../report/report-model.ts';

/** One finished rule test. */
export interface RuleOutcome {
  rule: string;
  state: 'passed' | 'failed' | 'skipped';
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
  replay?: ReplayKey;
  timelines?: Timeline[];
  findings?: Array<{ rule: string; ok: boolean; detail: string }>;
  /** The failure was a transport fault (refused, reset, timeout), not a verdict. */
  transportFault?: string;
}
