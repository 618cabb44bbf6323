/**
 * Shared harness of the SDK interop tests: the reference simulator over real HTTP, with
 * state set up and inspected through the documented state endpoint (not in-process).
 */
import { startServer, type SimulatorServer } from '../../src/simulator/server.ts';
import { createSimulator, type Simulator } from '../../src/simulator/simulator.ts';
import type { RecordedExchange } from '../../src/simulator/core/recorder.ts';

/** A simulator listening on loopback plus helpers that talk to its state endpoint. */
export interface SimHarness {
  sim: Simulator;
  srv: SimulatorServer;
  /** `POST /__conformance/state` with action `setup`; throws unless the answer is 200. */
  setup(state: string, params: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** The state endpoint's `inspect` view of one instance. */
  inspect(params: { service: 'bcc' | 'dcs'; instanceId: string; projectId?: string }): Promise<Record<string, unknown>>;
  /** The last recorded exchange whose request path is `path`. */
  lastExchange(path: string): RecordedExchange | undefined;
}

export async function startSimHarness(): Promise<SimHarness> {
  const sim = createSimulator();
  const srv = await startServer(sim);
  async function setup(state: string, params: Record<string, unknown>): Promise<Record<string, unknown>> {
    const res = await fetch(`${srv.url}/__conformance/state`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'setup', state, params }),
    });
    const body = (await res.json()) as Record<string, unknown>;
    if (res.status !== 200) throw new Error(`state ${state} failed: ${res.status} ${JSON.stringify(body)}`);
    return body;
  }
  return {
    sim,
    srv,
    setup,
    inspect: (params) => setup('inspect', params),
    lastExchange: (path) => [...sim.recorder.exchanges()].reverse().find((e) => e.request.path === path),
  };
}
