/**
 * The embedded simulator's state client: the same protocol and the same errors as
 * {@link stateClient}, but each message goes straight to the simulator's wire entry
 * (`answerWire`) — no Fetch `Request`, body stream, AbortSignal or `Response` per instance
 * set-up and inspect (8 % of a suite worker's CPU in the issue 17 profile).
 */
import type { HeaderView } from '../simulator/auth/wire-request.ts';
import { STATE_PATH } from '../simulator/core/state-endpoint.ts';
import type { Simulator } from '../simulator/simulator.ts';
import { stateClientOver } from './state-client.ts';
import type { StateControl } from './target.ts';

const JSON_HEADERS: HeaderView = {
  get: (name) => (name.toLowerCase() === 'content-type' ? 'application/json' : null),
  forEach: (callback) => callback('application/json', 'content-type'),
};

const UTF8 = new TextEncoder();

/** A state client that calls `simulator`'s state endpoint in this process; `stateUrl` names it in messages. */
export function inProcessStateClient(simulator: Pick<Simulator, 'answerWire'>, stateUrl: string): StateControl {
  return stateClientOver(stateUrl, async (body) => {
    const answer = await simulator.answerWire({ method: 'POST', rawPath: STATE_PATH, rawQuery: '', headers: JSON_HEADERS, body: UTF8.encode(body) });
    // As the in-process transport does: a dropped answer is a failure to reach the endpoint.
    if (answer.drop) throw new TypeError('simulator dropped the connection (injected fault)');
    return { status: answer.status, text: answer.body };
  });
}
