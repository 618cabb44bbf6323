/** A client of the state-setup protocol (`POST /__conformance/state`), over any transport. */
import { KitError } from '../errors/kit-error.ts';
import type { Transport } from '../transports/transport.ts';
import type { InspectResult, StateControl } from './target.ts';

/** Talks the state protocol to `stateUrl` (the full URL of the endpoint). */
export function stateClient(stateUrl: string, transport: Transport): StateControl {
  async function call(state: string, params: Record<string, unknown>, action = 'setup'): Promise<Record<string, unknown>> {
    const res = await transport(new Request(stateUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action, state, params }) }));
    const text = await res.text();
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // handled below with the raw text
    }
    if (res.status !== 200) {
      throw new KitError(
        'CONFIG_INVALID',
        `State endpoint ${stateUrl} refused "${state}" (${res.status}): ${typeof body.error === 'string' ? body.error : text.slice(0, 200)}`,
        'check that --state-url points at a server speaking the state protocol (README, "State-setup protocol") and that it runs in test mode',
      );
    }
    return body;
  }
  return {
    setupBccInstance: async (p) => void (await call('bcc instance', p)),
    setupDcsInstance: async (p) => void (await call('dcs instance', p)),
    advanceClock: async (seconds) => void (await call('clock', { advanceSeconds: seconds })),
    reset: async () => void (await call('reset', {})),
    inspect: async (p) => (await call('inspect', p)) as unknown as InspectResult,
  };
}
