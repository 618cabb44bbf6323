/**
 * A client under test: the adapter's SDK sends real requests to the simulator (served on
 * loopback); the target keeps every request as it arrived for the suites, which judge them with
 * the client-rule oracle (`src/client-oracle`), and the simulator records the same oracle's
 * findings for `takeClientFindings`; suites see the outcome the SDK surfaced.
 */
import type { ClientAdapter } from '../clients/client.ts';
import { createSimulator, type SimulatorOptions } from '../simulator/simulator.ts';
import { startServer } from '../simulator/server.ts';
import { inProcessTransport } from '../transports/in-process.ts';
import { stateClient } from './state-client.ts';
import { IN_PROCESS_ORIGIN } from './simulator-target.ts';
import type { Target } from './target.ts';
import { TransportFault } from '../errors/transport-fault.ts';
import { withEvidence } from '../report/client-evidence.ts';
import { copyOfView, type SentClientRequest } from '../client-oracle/wire.ts';

/** How many sent requests a client target keeps for {@link Target.takeClientRequests}. */
const KEPT_REQUESTS = 256;

/** Starts the simulator the client talks to and wraps the adapter as a target. */
export async function clientTarget(adapter: ClientAdapter, options: SimulatorOptions = {}): Promise<Target> {
  const simulator = createSimulator(options);
  // Every request the client sends is kept as it arrived, for the suites' own oracle.
  const sent: SentClientRequest[] = [];
  const server = await startServer({
    ...simulator,
    answerWire(request) {
      sent.push({ request: copyOfView(request), at: new Date() });
      if (sent.length > KEPT_REQUESTS) sent.shift();
      return simulator.answerWire(request);
    },
  });
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
    async takeClientRequests() {
      return sent.splice(0, sent.length);
    },
    async close() {
      await adapter.close?.();
      await server.close();
    },
  };
}
