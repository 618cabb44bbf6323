/**
 * `serve --client-report <dir>`: judge every request that reaches the simulator and write the
 * client conformance report on stop, or on `POST /__conformance/state`
 * `{"action": "setup", "state": "client report"}` (loopback only, like every state request).
 */
import { readFileSync } from 'node:fs';
import type { Simulator } from '../../simulator/simulator.ts';
import { STATE_PATH, isLoopback } from '../../simulator/core/state-endpoint.ts';
import { ClientReportCollector } from '../../report/client-report.ts';
import { writeReports } from '../../../reporters/index.ts';
import { REPORT_FORMATS } from '../../report/report-formats.ts';

/** The state name that asks for the report now. */
export const CLIENT_REPORT_STATE = 'client report';

/** True when a state request's body asks for the client report. */
function asksForReport(body: Uint8Array): boolean {
  try {
    const message = JSON.parse(new TextDecoder().decode(body)) as { action?: unknown; state?: unknown };
    return message.action === 'setup' && message.state === CLIENT_REPORT_STATE;
  } catch {
    return false; // the state endpoint answers malformed bodies itself
  }
}

/** Hooks the collector into the simulator; `write()` renders the report of everything so far. */
export function attachClientReport(simulator: Simulator, dir: string): { collector: ClientReportCollector; write(): Promise<string[]> } {
  const version = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  const variants = { ...simulator.contracts.bcc.variants, ...simulator.contracts.dcs.variants };
  const collector = new ClientReportCollector([simulator.contracts.bcc, simulator.contracts.dcs], { toolVersion: version, targetName: 'clients of conformance serve', variants, faults: [] });
  // The collector keeps its own tally: the state endpoint's reset clears the recorder between tests.
  const record = simulator.recorder.record.bind(simulator.recorder);
  simulator.recorder.record = (entry) => {
    collector.observe(entry);
    record(entry);
  };
  const write = (): Promise<string[]> => writeReports(collector.build(), dir, REPORT_FORMATS);
  const answer = simulator.answerWire.bind(simulator);
  simulator.answerWire = (req) => {
    if (req.rawPath !== STATE_PATH || req.method !== 'POST' || !isLoopback(req.remoteAddress) || !asksForReport(req.body)) return answer(req);
    return write().then((files) => {
      const { summary } = collector.build();
      return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ok: true, files, requests: collector.seen, summary }) };
    });
  };
  return { collector, write };
}
