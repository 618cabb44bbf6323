/** The in-process transport: calls a Fetch handler in this process directly, no sockets. */
import { knownBody } from '../auth/uri-encode.ts';
import type { FetchHandler, Transport } from './transport.ts';
import { TransportFault } from '../errors/transport-fault.ts';

/** Request headers as a wire entry reads them (a Fetch `Headers` is one). */
export interface WireHeaders {
  get(name: string): string | null;
  forEach(callback: (value: string, name: string) => void): void;
}

/** One request in wire form: method, raw path and query as sent, headers, body bytes. */
export interface WireMessage {
  method: string;
  /** Raw path, still percent-encoded, e.g. `/v2/instance/i-1`. */
  rawPath: string;
  /** Raw query without `?`, e.g. `changePass`. */
  rawQuery: string;
  headers: WireHeaders;
  body: Uint8Array;
}

/** An answer in wire form; `drop` means the connection was dropped (an injected fault). */
export interface WireReply {
  status: number;
  headers: Record<string, string>;
  body: string;
  drop?: boolean;
}

/**
 * An optional wire-level entry of an in-process handler: answers a {@link WireMessage} without
 * a Fetch `Request` body stream. It must answer as the Fetch handler answers the same bytes.
 */
export type WireEntry = (message: WireMessage) => WireReply | Promise<WireReply>;

const NO_BODY = new Uint8Array(0);

/**
 * A transport straight into a Fetch handler in this process (e.g. the embedded simulator's
 * `handle`). Given a `wire` entry as well, a request whose body bytes the kit's builders recorded
 * (`withKnownBody`), or that has no body, goes to that entry without reading its body stream —
 * the same wire request the handler would build, with no stream read per case (issue 17
 * profile). Any other request goes through `handler`.
 */
export function inProcessTransport(handler: FetchHandler, wire?: WireEntry): Transport {
  // A body is read once: a request sent a second time fails as it does through the handler or fetch.
  const sent = new WeakSet<Request>();
  return async (request) => {
    try {
      const body = wire === undefined ? undefined : request.body === null ? NO_BODY : knownBody(request);
      if (body === undefined || request.body?.locked) return await handler(request);
      if (sent.has(request)) throw new TypeError('Body is unusable: Body has already been read');
      if (request.body !== null) sent.add(request);
      const url = new URL(request.url);
      const answer = await wire!({ method: request.method, rawPath: url.pathname, rawQuery: url.search.slice(1), headers: request.headers, body });
      if (answer.drop) throw new TypeError('in-process handler dropped the connection (injected fault)');
      return new Response(answer.body === '' ? null : answer.body, { status: answer.status, headers: answer.headers });
    } catch (error) {
      // The live-like mode's dropped connections surface as a transport fault, as over HTTP.
      throw new TransportFault('dropped', `in-process handler dropped the request: ${(error as Error).message}`, { cause: error });
    }
  };
}
