/** The default target: the embedded simulator, in-process, with every capability. */
import { createSimulator, type Simulator, type SimulatorOptions } from '../simulator/simulator.ts';
import { DEFAULT_CREDENTIALS } from '../auth/default-credentials.ts';
import { inProcessTransport } from '../transports/in-process.ts';
import { inProcessStateClient } from './in-process-state.ts';
import type { Target } from './target.ts';
import { wireChangePassword } from './wire-change.ts';

/** Placeholder origin for in-process requests; never resolved. */
export const IN_PROCESS_ORIGIN = 'http://simulator.in-process';

/** Creates the embedded simulator target (or wraps a given simulator). */
export function simulatorTarget(options: SimulatorOptions = {}, simulator: Simulator = createSimulator(options)): Target & { simulator: Simulator } {
  // Late-bound: a caller may wrap `handle`/`answerWire` (target time) before the first request.
  const transport = inProcessTransport((request) => simulator.handle(request), (message) => simulator.answerWire(message));
  const target: Target & { simulator: Simulator } = {
    name: 'simulator',
    kind: 'simulator',
    simulator,
    capabilities: { setupState: true, moveClock: simulator.clock.kind === 'virtual', inspect: true, rawRequests: true, judgesClient: false },
    state: simulator.stateEndpoint ? inProcessStateClient(simulator, `${IN_PROCESS_ORIGIN}/__conformance/state`) : undefined,
    transport,
    baseUrl: IN_PROCESS_ORIGIN,
    credentials: { bcc: simulator.credentials.bcc[0] ?? DEFAULT_CREDENTIALS.bcc, dcs: simulator.credentials.dcs[0] ?? DEFAULT_CREDENTIALS.dcs },
    changePassword: (input) => wireChangePassword(target, transport, input),
    close: async () => {},
  };
  return target;
}
