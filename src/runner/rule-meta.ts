/** The meta every rule check attaches to its vitest task; the kit's reporter reads it. */
import type { Counterexample, FailingCaseKey, Timeline } from '../report/report-model.ts';

/** What the kit's reporter reads from each test. */
export interface RuleMeta {
  rule: string;
  cases: number;
  skipReason?: string;
  ambiguity?: { variant: string; reason: string };
  counterexample?: Counterexample;
  replay?: FailingCaseKey;
  timelines?: Timeline[];
  /** The check drives an instance into the lockout. */
  locks?: boolean;
  /** Requests this check sent (live targets). */
  requests?: number;
  /** A transport fault ended the check (refused, reset, timeout, unasked-for 5xx). */
  transportFault?: string;
  /** The state endpoint failed (unreachable, 5xx, 4xx): the check did not run; never a verdict. */
  stateEndpointFault?: { status?: number; message: string };
  /** Time this check spent inside the embedded simulator, in ms. */
  targetMs?: number;
  /** Parts of the rule the check could not observe (the report says so beside a pass). */
  unchecked?: string[];
  /** What the target chose where the documents are silent (never verdicts). */
  observations?: Array<{ topic: string; title: string; choice: string; evidence: string }>;
  /** Failed verdicts on other rules (response shape) seen while checking this one. */
  findings?: Array<{ rule: string; ok: boolean; detail: string }>;
}
