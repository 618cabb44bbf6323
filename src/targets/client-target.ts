/**
 * A client under test: the adapter's SDK sends real requests to the simulator (served on
 * loopback), which judges every one of them; suites see the outcome the SDK surfaced.
 */
import type { ClientAdapter } from '../clients/driver.ts';
import { createSimulator, type SimulatorOptions } from '../simulator/simulator.ts';
import { startServer } from '../simulator/server.ts';
import { inProcessTransport } from '../transports/in-process.ts';
import { stateClient } from './state-client.ts';
import { IN_PROCESS_ORIGIN } from './simulator-target.ts';
import type { Target } from './target.ts';
import { TransportFault } from '../transports/transport.ts';
import { withEvidence } from '../report/client-evidence.ts';

/** Starts the judging simulator and wraps the adapter as a target. */
export async function clientTarget(adapter: ClientAdapter, options: SimulatorOptions = {}): Promise<Target> {
  const simulator = createSimulator(options);
  const server = await startServer(simulator);
  const control = inProcessTransport((request) => simulator.handle(request), (message) => simulator.answerWire(message));
  let seen = 0;
  const credentials = { bcc: simulator.credentials.bcc[0]!, dcs: simulator.credentials.dcs[0]! };
  return {
    name: `client:${adapter.name}`,
    kind: 'client',
    capabilities: { setupState: true, moveClock: true, inspect: true, rawRequests: false, judgesClient: true },
    services: adapter.services,
    state: stateClient(`${IN_PROCESS_ORIGIN}/__conformance/state`, control),
    baseUrl: server.url,
    credentials,
    async changePassword(input) {
      const creds = input.service === 'bcc' ? credentials.bcc : { ...credentials.dcs, projectId: input.projectId };
      try {
        return { outcome: await adapter.changePassword(input, { endpoint: server.url, credentials: creds }) };
      } catch (error) {
        // A client program that did not answer (--client-cmd) is a fault, not an outcome to judge.
        if (TransportFault.is(error)) throw error;
        // An adapter is supposed to map everything to an outcome; a throw is reported as one.
        return { outcome: { kind: 'exception', name: (error as Error).name ?? 'Error', message: (error as Error).message ?? String(error) } };
      }
    },
    async takeClientFindings() {
      const all = simulator.recorder.exchanges();
      const fresh = all.filter((e) => e.seq > seen);
      seen = all.at(-1)?.seq ?? seen;
      return fresh.flatMap((e) => e.findings.map((f) => withEvidence(f, e)));
    },
    async close() {
      await adapter.close?.();
      await server.close();
    },
  };
}
