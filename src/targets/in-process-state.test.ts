import { describe, expect, it } from 'vitest';
import { StateEndpointFault } from '../errors/state-endpoint-fault.ts';
import { createSimulator } from '../simulator/simulator.ts';
import { inProcessStateClient } from './in-process-state.ts';
import { stateClient } from './state-client.ts';
import type { StateControl } from './target.ts';

const URL_ = 'http://simulator.in-process/__conformance/state';

/** The same simulator state through both clients: the wire fast path and Fetch through `handle`. */
function bothClients(): Array<[string, StateControl]> {
  const viaWire = createSimulator({ record: false });
  const viaFetch = createSimulator({ record: false });
  return [
    ['answerWire', inProcessStateClient(viaWire, URL_)],
    ['Fetch', stateClient(URL_, (request) => viaFetch.handle(request))],
  ];
}

async function refusal(run: () => Promise<unknown>): Promise<{ status?: number; message: string }> {
  try {
    await run();
  } catch (error) {
    expect(StateEndpointFault.is(error), String(error)).toBe(true);
    return { status: (error as StateEndpointFault).status, message: (error as Error).message };
  }
  throw new Error('expected a StateEndpointFault, got none');
}

describe('inProcessStateClient (the embedded simulator without a Fetch round trip)', () => {
  it('sets up, inspects and moves the clock as the Fetch client does', async () => {
    const seen = [];
    for (const [, client] of bothClients()) {
      await client.setupDcsInstance({ projectId: 'p1', instanceId: 'd-1', status: 'RUNNING', password: 'Old-pass-123' });
      await client.setupBccInstance({ instanceId: 'i-1', status: 'Running', adminPass: 'Old-pass-123' });
      await client.advanceClock(60);
      seen.push([await client.inspect({ service: 'dcs', projectId: 'p1', instanceId: 'd-1' }), await client.inspect({ service: 'bcc', instanceId: 'i-1' })]);
      await client.reset();
    }
    expect(seen[0]).toEqual(seen[1]);
    expect(seen[0]![0]).toMatchObject({ status: 'RUNNING', password: 'Old-pass-123', failedAttempts: 0 });
  });

  it('turns a refusal into the same StateEndpointFault (status, message) as the Fetch client', async () => {
    const faults = [];
    for (const [, client] of bothClients()) {
      faults.push(await refusal(() => client.inspect({ service: 'bcc', instanceId: 'nowhere' })));
      faults.push(await refusal(() => client.setupBccInstance({ instanceId: 'i-1', status: 'NOT-A-STATUS' })));
    }
    expect(faults.slice(0, 2)).toEqual(faults.slice(2));
    expect(faults[0]).toMatchObject({ status: 400 });
    expect(faults[0]!.message).toContain('no bcc instance nowhere');
  });

  it('reports a simulator without a state endpoint as a fault, not as an answer', async () => {
    const client = inProcessStateClient(createSimulator({ stateEndpoint: false, record: false }), URL_);
    expect((await refusal(() => client.reset())).status).toBeGreaterThanOrEqual(400);
  });
});
