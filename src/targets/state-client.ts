/**
 * A client of the state-setup protocol (`POST /__conformance/state`), over any transport.
 * Any failure of the endpoint is a {@link StateEndpointFault}: the test setup failed, not
 * the target under test.
 */
import { StateEndpointFault } from '../errors/state-endpoint-fault.ts';
import type { RawExchange } from '../transports/http.ts';
import type { Transport } from '../transports/transport.ts';
import type { StateReading, StateRiders, StateText } from './state-riders.ts';
import type { InspectResult, StateControl } from './target.ts';

const FIX = 'check that --state-url points at a server speaking the state protocol (README, "State-setup protocol"), that it is up and that it runs in test mode';

/** Sends one state-protocol body (JSON text) and brings back the endpoint's status and body text. */
export type StateExchange = (body: string) => Promise<StateText>;

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

/** An answer's body as the state client reads it: UTF-8; one starting with a BOM is decoded by Fetch, as `res.text()` does. */
function stateText(bytes: Uint8Array<ArrayBuffer>): string | Promise<string> {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return bom ? new Response(bytes).text() : UTF8_IN.decode(bytes);
}

/**
 * Talks the state protocol to `stateUrl` over an HTTP transport's raw `exchange`: the same bytes
 * on the wire as {@link stateClient} over that transport's `send`, without a Fetch `Request`,
 * body stream and `Response` per message (issue 17 profile of a run over HTTP). With `riders`
 * (an isolated session that advertises them; the transport carries them), set-ups are deferred
 * and ride on the next message, and an inspect the last message already answered is not sent
 * again (docs/state-protocol.md, "Riders").
 */
export function rawStateClient(stateUrl: string, exchange: RawExchange, riders?: StateRiders): StateControl {
  return stateClientOver(
    stateUrl,
    async (body) => {
      const answer = await exchange('POST', stateUrl, JSON_HEADERS, UTF8_OUT.encode(body));
      return { status: answer.status, text: await stateText(answer.body) };
    },
    riders,
  );
}

/** The {@link StateEndpointFault} for a message to `stateUrl` that got no answer. */
function unreachable(stateUrl: string, state: string, error: unknown): StateEndpointFault {
  return new StateEndpointFault(`State endpoint ${stateUrl} could not be reached for "${state}": ${(error as Error).message.split('\n')[0]}`, FIX, undefined, { cause: error });
}

/** The endpoint's answer to `state` as a body, or the {@link StateEndpointFault} for a refusal. */
function answerOf(stateUrl: string, state: string, { status, text }: StateText): Record<string, unknown> {
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

/**
 * The state protocol over any {@link StateExchange}; `stateUrl` names the endpoint in messages.
 * {@link stateClient} sends each message as a Fetch `Request`; the embedded simulator's client
 * hands the body to the simulator's wire entry directly (`in-process-state.ts`).
 */
export function stateClientOver(stateUrl: string, send: StateExchange, riders?: StateRiders): StateControl {
  async function call(state: string, params: Record<string, unknown>, action = 'setup'): Promise<Record<string, unknown>> {
    let res: StateText;
    try {
      res = await send(JSON.stringify({ action, state, params }));
    } catch (error) {
      throw unreachable(stateUrl, state, error);
    }
    return answerOf(stateUrl, state, res);
  }
  const plain: StateControl = {
    setupBccInstance: async (p) => void (await call('bcc instance', p)),
    setupDcsInstance: async (p) => void (await call('dcs instance', p)),
    advanceClock: async (seconds) => void (await call('clock', { advanceSeconds: seconds })),
    reset: async () => void (await call('reset', {})),
    inspect: async (p) => (await call('inspect', p)) as unknown as InspectResult,
  };
  if (riders === undefined) return plain;
  const reading: StateReading = { answer: (state, res) => answerOf(stateUrl, state, res), unreachable: (state, error) => unreachable(stateUrl, state, error), text: stateText };
  riders.attach(reading);
  const setup = (state: string, params: Record<string, unknown>) => JSON.stringify({ action: 'setup', state, params });
  return {
    setupBccInstance: async (p) => riders.defer('bcc instance', setup('bcc instance', p), { service: 'bcc', instanceId: p.instanceId }),
    setupDcsInstance: async (p) => riders.defer('dcs instance', setup('dcs instance', p), { service: 'dcs', instanceId: p.instanceId, projectId: p.projectId }),
    advanceClock: async (seconds) => {
      riders.other();
      return plain.advanceClock(seconds);
    },
    reset: async () => {
      riders.other();
      return plain.reset();
    },
    inspect: async (p) => {
      const hit = riders.cached(p);
      return (hit === undefined ? await call('inspect', p) : answerOf(stateUrl, 'inspect', hit)) as unknown as InspectResult;
    },
    flush: () => riders.flush(),
  };
}
