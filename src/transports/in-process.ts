/** The in-process transport: calls a Fetch handler in this process directly, no sockets. */
import { knownBody } from '../auth/uri-encode.ts';
import type { RequestDraft } from '../auth/request-draft.ts';
import { withDraftSend, withRawSend, type DraftSend, type FetchHandler, type RawAnswer, type RawSend, type Transport } from './transport.ts';
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
const UTF8 = new TextEncoder();
/** Header names and values a Fetch `Headers` keeps exactly as given (lowercase tokens; printable ASCII, no edge spaces). */
const PLAIN_NAME = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;
const PLAIN_VALUE = /^(?:[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?)?$/;

/** True when `new Response(body, { status, headers })` of this reply neither throws nor changes a header. */
function plainReply(reply: WireReply): boolean {
  if (reply.status < 200 || reply.status > 599) return false;
  // Fetch refuses a body with these statuses (101, 204, 205, 304); the Response path throws for them.
  if (reply.body !== '' && (reply.status === 204 || reply.status === 205 || reply.status === 304)) return false;
  // A string body without a content type gets Fetch's text/plain one.
  if (reply.body !== '' && !('content-type' in reply.headers)) return false;
  for (const name in reply.headers) if (!PLAIN_NAME.test(name) || !PLAIN_VALUE.test(reply.headers[name]!)) return false;
  return true;
}

/** The Fetch `Response` of a wire reply (what the transport has always returned). */
function responseOf(reply: WireReply): Response {
  return new Response(reply.body === '' ? null : reply.body, { status: reply.status, headers: reply.headers });
}

/** A `Response` in raw form, as the transport's raw send returns it. */
async function rawOf(response: Response): Promise<RawAnswer> {
  const headers: RawAnswer['headers'] = {};
  for (const [name, value] of response.headers) headers[name] = name === 'set-cookie' ? response.headers.getSetCookie() : value;
  return { status: response.status, headers, body: new Uint8Array(await response.arrayBuffer()) };
}

/**
 * A transport straight into a Fetch handler in this process (e.g. the embedded simulator's
 * `handle`). Given a `wire` entry as well, a request whose body bytes the kit's builders recorded
 * (`withKnownBody`), or that has no body, goes to that entry without reading its body stream —
 * the same wire request the handler would build, with no stream read per case (issue 17
 * profile). Any other request goes through `handler`. With a `wire` entry the transport also has
 * a raw form (`rawSendOf`, as the HTTP transport has): the kit's `exchange()` then reads the
 * wire reply without a `Response` and its body stream per answer (issue 17, round 4).
 */
export function inProcessTransport(handler: FetchHandler, wire?: WireEntry): Transport {
  // A body is read once: a request sent a second time fails as it does through the handler or fetch.
  const sent = new WeakSet<Request>();
  /** The wire entry's reply, or undefined when the request goes to `handler`. */
  async function viaWire(request: Request): Promise<WireReply | undefined> {
    const body = wire === undefined ? undefined : request.body === null ? NO_BODY : knownBody(request);
    if (body === undefined || request.body?.locked) return undefined;
    if (sent.has(request)) throw new TypeError('Body is unusable: Body has already been read');
    if (request.body !== null) sent.add(request);
    return answerOf(request.method, new URL(request.url), request.headers, body);
  }
  async function answerOf(method: string, url: URL, headers: WireHeaders, body: Uint8Array): Promise<WireReply> {
    const answer = await wire!({ method, rawPath: url.pathname, rawQuery: url.search.slice(1), headers, body });
    if (answer.drop) throw new TypeError('in-process handler dropped the connection (injected fault)');
    return answer;
  }
  /** A reply in raw form; anything a Response would refuse or rewrite takes the Response path, errors and all. */
  const rawReply = async (reply: WireReply): Promise<RawAnswer> =>
    plainReply(reply) ? { status: reply.status, headers: reply.headers, body: UTF8.encode(reply.body) } : rawOf(responseOf(reply));
  // The live-like mode's dropped connections surface as a transport fault, as over HTTP.
  const fault = (error: unknown) => new TransportFault('dropped', `in-process handler dropped the request: ${(error as Error).message}`, { cause: error });
  const send: Transport = async (request) => {
    try {
      const reply = await viaWire(request);
      return reply === undefined ? await handler(request) : responseOf(reply);
    } catch (error) {
      throw fault(error);
    }
  };
  if (wire === undefined) return send;
  const raw: RawSend = async (request) => {
    try {
      const reply = await viaWire(request);
      return reply === undefined ? await rawOf(await handler(request)) : await rawReply(reply);
    } catch (error) {
      throw fault(error);
    }
  };
  // A signed draft of the kit's own change goes to the wire entry as a request with known bytes would.
  const draftSend: DraftSend = async (draft: RequestDraft) => {
    try {
      return await rawReply(await answerOf(draft.method, draft.url, draft.headers, draft.body ?? NO_BODY));
    } catch (error) {
      throw fault(error);
    }
  };
  return withDraftSend(withRawSend(send, raw), draftSend);
}
