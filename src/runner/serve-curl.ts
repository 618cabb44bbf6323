/**
 * Curl commands in a report of an embedded-simulator run name an origin nobody can reach
 * (`http://simulator.in-process`). They are pointed at `npx conformance serve`'s default address
 * instead, with a note saying so: the same simulator over HTTP.
 */
import type { ConformanceReport } from '../report/report-model.ts';
import { IN_PROCESS_ORIGIN } from '../targets/simulator-target.ts';

/** Where `npx conformance serve` listens by default. */
export const SERVE_ORIGIN = 'http://127.0.0.1:8080';

/** The note put above such a curl. */
export const SERVE_NOTE = `# embedded simulator: run against \`npx conformance serve\` (${SERVE_ORIGIN}); create the instance first through its state endpoint (README, "State-setup protocol") and sign the request into $AUTHORIZATION`;

/** One curl, pointed at `conformance serve` when it names the in-process origin. */
export function curlForServe(curl: string): string {
  if (!curl.includes(IN_PROCESS_ORIGIN)) return curl;
  return `${SERVE_NOTE}\n${curl.split(IN_PROCESS_ORIGIN).join(SERVE_ORIGIN)}`;
}

/** Rewrites every counterexample curl of `report` in place. */
export function pointCurlsAtServe(report: ConformanceReport): void {
  for (const rule of report.rules) for (const step of rule.counterexample?.transcript ?? []) if (step.curl) step.curl = curlForServe(step.curl);
}
