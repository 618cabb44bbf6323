/**
 * A client of the state-setup protocol (`POST /__conformance/state`), over any transport.
 * Any failure of the endpoint is a {@link StateEndpointFault}: the test setup failed, not
 * the target under test.
 */
import { StateEndpointFault } from '../errors/state-endpoint-fault.ts';
import type { RawExchange } from '../transports/http.ts';
import type { Transport } from '../transports/transport.ts';
import type { InspectResult, StateControl } from './target.ts';

const FIX = 'check that --state-url points at a server speaking the state protocol (README, "State-setup protocol"), that it is up and that it runs in test mode';

/** Sends one state-protocol body (JSON text) and brings back the endpoint's status and body text. */
export type StateExchange = (body: string) => Promise<{ status: number; text: string }>;

/** Talks the state protocol to `stateUrl` (the full URL of the endpoint). */
export function stateClient(stateUrl: string, transport: Transport): StateControl {
  return stateClientOver(stateUrl, async (body) => {
    const res = await transport(new Request(stateUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body }));
    return { status: res.status, text: await res.text() };
  });
}

const JSON_HEADERS: Record<string, string> = { 'content-type': 'application/json' };
const UTF8_OUT = new TextEncoder();
const UTF8_IN = new TextDecoder();

/**
 * Talks the state protocol to `stateUrl` over an HTTP transport's raw `exchange`: the same bytes
 * on the wire as {@link stateClient} over that transport's `send`, without a Fetch `Request`,
 * body stream and `Response` per message (issue 17 profile of a run over HTTP).
 */
export function rawStateClient(stateUrl: string, exchange: RawExchange): StateControl {
  return stateClientOver(stateUrl, async (body) => {
    const answer = await exchange('POST', stateUrl, JSON_HEADERS, UTF8_OUT.encode(body));
    const bytes = answer.body;
    // A body that starts with a BOM is decoded by Fetch, as stateClient's res.text() does.
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    return { status: answer.status, text: bom ? await new Response(bytes).text() : UTF8_IN.decode(bytes) };
  });
}

/**
 * The state protocol over any {@link StateExchange}; `stateUrl` names the endpoint in messages.
 * {@link stateClient} sends each message as a Fetch `Request`; the embedded simulator's client
 * hands the body to the simulator's wire entry directly (`in-process-state.ts`).
 */
export function stateClientOver(stateUrl: string, send: StateExchange): StateControl {
  async function call(state: string, params: Record<string, unknown>, action = 'setup'): Promise<Record<string, unknown>> {
    let res: { status: number; text: string };
    try {
      res = await send(JSON.stringify({ action, state, params }));
    } catch (error) {
      throw new StateEndpointFault(`State endpoint ${stateUrl} could not be reached for "${state}": ${(error as Error).message.split('\n')[0]}`, FIX, undefined, { cause: error });
    }
    const { status, text } = res;
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // handled below with the raw text
    }
    if (status < 200 || status > 299) {
      const detail = typeof body.error === 'string' ? body.error : text.slice(0, 200);
      throw new StateEndpointFault(`State endpoint ${stateUrl} refused "${state}" (${status}): ${detail}`, FIX, status);
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
