/** How a run ended (its `runStatus`) and the exit status that follows from that alone. */
import { EXIT } from './exit-codes.ts';
import type { RunStatus } from '../report/report-model.ts';
import type { RuleOutcome } from '../report/rule-outcome.ts';

/**
 * How the run ended, and the exit status that follows from it alone (undefined: a complete run,
 * whose verdicts decide). The target's reachability comes first, then Ctrl-C, then the state endpoint.
 */
export function runStatusOf(unreachable: string | undefined, interrupted: boolean, outcomes: readonly RuleOutcome[]): { runStatus: RunStatus; reason?: string; exitCode?: number } {
  if (unreachable) return { runStatus: 'target-unreachable', reason: unreachable, exitCode: EXIT.unreachable };
  if (interrupted) return { runStatus: 'interrupted', reason: 'interrupted (Ctrl-C) before every check had run', exitCode: EXIT.interrupted };
  const faults = outcomes.filter((o) => o.stateEndpointFault).map((o) => o.stateEndpointFault!);
  if (faults.length === 0) return { runStatus: 'complete' };
  // A 4xx means the endpoint answers but does not speak the protocol: configuration (2);
  // refused, timed out or 5xx: the state endpoint is unreachable (3).
  const configOnly = faults.every((f) => f.status !== undefined && f.status >= 400 && f.status < 500);
  const first = faults[0]!.message.split('\n')[0]!;
  return { runStatus: 'state-endpoint-fault', reason: `${first} (${faults.length} check${faults.length > 1 ? 's' : ''} could not run)`, exitCode: configOnly ? EXIT.usage : EXIT.unreachable };
}
