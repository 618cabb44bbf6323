/** The in-process transport: calls the simulator's Fetch handler directly, no sockets. */
import { knownBody } from '../auth/uri-encode.ts';
import type { Simulator } from '../simulator/simulator.ts';
import type { Transport } from './transport.ts';
import { TransportFault } from '../errors/transport-fault.ts';

const NO_BODY = new Uint8Array(0);

/**
 * A transport straight into a simulator in this process. It speaks Fetch at both ends; inside,
 * a request whose body bytes the kit's builders recorded (`withKnownBody`), or that has no body,
 * goes to the simulator's wire entry (`answerWire`) without reading its body stream — the same
 * wire request `handle` would build, with no stream read per case (issue 17 profile). Any other
 * request goes through `handle`.
 */
export function inProcessTransport(simulator: Pick<Simulator, 'handle' | 'answerWire'>): Transport {
  // A body is read once: a request sent a second time fails as it does through `handle` or fetch.
  const sent = new WeakSet<Request>();
  return async (request) => {
    try {
      const body = request.body === null ? NO_BODY : knownBody(request);
      if (body === undefined || request.body?.locked) return await simulator.handle(request);
      if (sent.has(request)) throw new TypeError('Body is unusable: Body has already been read');
      if (request.body !== null) sent.add(request);
      const url = new URL(request.url);
      const answer = await simulator.answerWire({ method: request.method, rawPath: url.pathname, rawQuery: url.search.slice(1), headers: request.headers, body });
      if (answer.drop) throw new TypeError('simulator dropped the connection (injected fault)');
      return new Response(answer.body === '' ? null : answer.body, { status: answer.status, headers: answer.headers });
    } catch (error) {
      // The live-like mode's dropped connections surface as a transport fault, as over HTTP.
      throw new TransportFault('dropped', `in-process simulator dropped the request: ${(error as Error).message}`, { cause: error });
    }
  };
}
