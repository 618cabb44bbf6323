/**
 * The HTTP transport: any base URL, through the npm `undici` package with keep-alive,
 * a timeout, bounded concurrency, and retries on connection-level failures only.
 */
import type { Agent, Pool } from 'undici';
import { answerHeaders, hasNullBody, withDraftSend, withRawSend, type DraftSend, type ManagedTransport, type RawAnswer } from './transport.ts';
import { requestOf, type RequestDraft } from '../auth/request-draft.ts';
import { knownBody } from '../auth/uri-encode.ts';
import { TransportFault } from '../errors/transport-fault.ts';
import type { RiderCarrier } from './state-riders.ts';

/** Options of {@link httpTransport}; defaults in brackets. */
export interface HttpTransportOptions {
  /** Whole-request timeout in ms [10000]. */
  timeoutMs?: number;
  /** Requests in flight at once [8]. */
  concurrency?: number;
  /** Extra attempts after a connection-level failure [2]. Never used for an HTTP answer. */
  retries?: number;
  /** Delay before the first retry in ms, doubled each time [100]. */
  retryDelayMs?: number;
  /**
   * Connections to an origin go to another one instead, like curl's `--connect-to`: the requests
   * (URL, `Host`, signature) are unchanged, only the socket opens elsewhere. Origin → origin, e.g.
   * `{ 'http://127.0.0.1:8080': 'http://127.0.0.1:41234' }` (an isolated session of `conformance
   * serve`, see docs/state-protocol.md). Other origins connect as usual.
   */
  connectTo?: Record<string, string>;
  /**
   * How one attempt is made ['dispatch']: through the origin's pool's `dispatch` with one timer per request,
   * or 'request', through undici's `request()` with an `AbortSignal.timeout` as before issue 17's
   * round 5. Both send the same bytes and raise the same faults; 'request' is kept as the
   * reference the side-by-side tests compare with (`http-dispatch.test.ts`).
   */
  engine?: 'dispatch' | 'request';
  /**
   * State riders (docs/state-protocol.md, "Riders"): every message goes through the exchange
   * `riders.wrap` makes of the plain one. Only for an isolated session that advertises them.
   */
  riders?: RiderCarrier;
}

/** Error codes that mean the request never reached the server's application. */
const RETRYABLE = new Set(['ECONNREFUSED', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);

function classify(error: unknown): TransportFault {
  const raw = (error as { code?: unknown; cause?: { code?: unknown } }).code ?? (error as { cause?: { code?: unknown } }).cause?.code;
  const name = (error as Error).name;
  // AbortSignal.timeout raises a DOMException named TimeoutError (numeric code).
  const code = name === 'TimeoutError' ? 'TIMEOUT' : typeof raw === 'string' ? raw : '';
  const message = (error as Error).message ?? String(error);
  const kind = code === 'ECONNREFUSED' ? 'refused' : code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE' ? 'reset' : code.includes('TIMEOUT') || code === 'UND_ERR_ABORTED' ? 'timeout' : code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'dns' : 'other';
  return new TransportFault(kind, `${code || 'error'}: ${message}`, { cause: error });
}

const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');
let undici: Promise<typeof import('undici')> | undefined;

/**
 * Loads the npm `undici` without letting it take over the process's global `fetch`: importing
 * it installs its own Agent as the global dispatcher, which Node 20's built-in fetch then
 * uses — and rejects requests a client SDK under test sends (e.g. an explicit content-length).
 */
function loadUndici(): Promise<typeof import('undici')> {
  undici ??= (async () => {
    const holder = globalThis as Record<symbol, unknown>;
    // Node's own fetch installs its dispatcher when its bundled undici first loads (touching one of
    // the lazy Fetch globals loads it). Load it now, so what is put back below is that dispatcher:
    // left undefined, a later global fetch failed ("undefined == true") in a process whose first
    // HTTP message went through `exchange`, which builds no Fetch object.
    void globalThis.Headers;
    const previous = holder[GLOBAL_DISPATCHER];
    const mod = await import('undici');
    // The property is defined non-configurable but writable: put back what was there (or
    // nothing), and Node's own fetch installs its own dispatcher on first use as usual.
    holder[GLOBAL_DISPATCHER] = previous;
    return mod;
  })();
  return undici;
}

/**
 * undici's own connector, except that a connection to an origin listed in `connectTo` opens to
 * the origin it maps to (see {@link HttpTransportOptions.connectTo}). Checked once per connection.
 */
function redirectingConnector(connectTo: Record<string, string>, timeout: number, buildConnector: typeof import('undici').buildConnector): import('undici').buildConnector.connector {
  const plain = buildConnector({ timeout });
  const to = new Map(Object.entries(connectTo).map(([from, target]) => [new URL(from).origin, new URL(target)]));
  return (opts, callback) => {
    const target = to.get(`${opts.protocol}//${opts.host ?? opts.hostname}`);
    if (target === undefined) return plain(opts, callback);
    const hostname = target.hostname.startsWith('[') ? target.hostname.slice(1, -1) : target.hostname;
    return plain({ ...opts, host: target.host, hostname, port: target.port, protocol: target.protocol, servername: undefined }, callback);
  };
}

/**
 * One undici `Pool` per origin, made on first use and kept until the transport closes. Not undici's
 * `Agent` (7.30): it counts an origin's open connections under the origin, not under the pool, and
 * closes the pool when the count reaches zero. A pool closed while a request waits (its last socket
 * reset, as undici does after every `HEAD`) opens one more connection for that request; that
 * connection's end is then counted against the pool made for the next request, which closes too, and
 * so on: one TCP connection per request for the rest of the run (issue 17, round 7: ~300 per
 * 7,000 cases, the remaining runs of a suite worker). A pool never closes itself: a reset socket is
 * replaced on the next request.
 */
class OriginPools {
  private readonly pools = new Map<string, Pool>();
  private closing: Promise<void> | undefined;

  constructor(private readonly make: (origin: string) => Pool) {}

  /** The pool of `origin` (as `URL.origin` spells it). After `close()`, a closed one: its dispatch fails as a closed Agent's did. */
  of(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (pool === undefined) {
      pool = this.make(origin);
      this.pools.set(origin, pool);
      if (this.closing !== undefined) void pool.close();
    }
    return pool;
  }

  /** Closes every pool, letting requests in flight finish. Safe to call twice. */
  close(): Promise<void> {
    this.closing ??= Promise.all([...this.pools.values()].map((pool) => pool.close())).then(() => undefined);
    return this.closing;
  }
}

/** A bounded-concurrency gate: at most `limit` holders at once. */
function gate(limit: number): <T>(work: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async (work) => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await work();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

/** The body as undici takes it: a Buffer over the same bytes (no copy); none when empty, as before. */
function bodyBuffer(body: Uint8Array | undefined): Buffer | undefined {
  return body && body.length > 0 ? Buffer.from(body.buffer, body.byteOffset, body.byteLength) : undefined;
}

/** Methods a Fetch `Request` keeps as they are, with a body or without. */
const KEPT_METHODS = new Set(['PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS']);

/** True when `new Request` of the draft would keep its method as it is and accept its body. */
function asFetchSends(draft: RequestDraft): boolean {
  return KEPT_METHODS.has(draft.method) || ((draft.method === 'GET' || draft.method === 'HEAD') && draft.body === undefined);
}

/** The error an `AbortSignal.timeout` aborts with, made only when the timer fires. */
function timeoutError(): DOMException {
  return new DOMException('The operation was aborted due to timeout', 'TimeoutError');
}

type ParseHeaders = typeof import('undici').util.parseHeaders;

/** Where a URL goes, as undici's `request()` splits it: origin, and path with its query. */
interface Destination {
  origin: string;
  path: string;
}

/**
 * One attempt's handler for a pool's `dispatch`: what undici's `request()` does (headers
 * parsed with undici's own `parseHeaders`, 1xx answers passed over, the body collected) without
 * its response stream, async resource and promise per request, and with one `setTimeout` for the
 * whole-request timeout instead of an `AbortSignal.timeout` (issue 17 profile of a run over HTTP:
 * `request()` 5.3 %, `AbortSignal.timeout` 1.3 % self). When the timer fires it aborts with the
 * error the signal would have carried, at the point `request()` would have: at once when the
 * request is on a socket, else as soon as it gets one. Methods on the prototype: nothing but
 * this object is made per request.
 */
class DispatchAttempt {
  private abort: ((reason: Error) => void) | undefined = undefined;
  reason: Error | undefined = undefined;
  private status = 0;
  private headers: RawAnswer['headers'] = {};
  private readonly chunks: Buffer[] = [];
  private length = 0;
  private settled = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly parseHeaders: ParseHeaders,
    timeoutMs: number,
    private readonly resolve: (answer: RawAnswer) => void,
    private readonly reject: (error: Error) => void,
  ) {
    this.timer = setTimeout(expire, timeoutMs, this);
  }

  /** The whole-request timer fired. */
  expire(): void {
    this.reason = timeoutError();
    this.abort?.(this.reason);
  }

  onConnect(abortRequest: (reason: Error) => void): void {
    if (this.reason !== undefined) return abortRequest(this.reason);
    this.abort = abortRequest;
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[]): boolean {
    if (statusCode < 200) return true;
    this.status = statusCode;
    this.headers = this.parseHeaders(rawHeaders);
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.chunks.push(chunk);
    this.length += chunk.length;
    return true;
  }

  onComplete(): void {
    const bytes = new Uint8Array(this.length);
    let at = 0;
    for (const chunk of this.chunks) {
      bytes.set(chunk, at);
      at += chunk.length;
    }
    if (this.end()) this.resolve({ status: this.status, headers: this.headers, body: bytes });
  }

  onError(error: Error): void {
    if (this.end()) this.reject(error);
  }

  /** True the first time: the attempt is over, its timer cleared. */
  private end(): boolean {
    if (this.settled) return false;
    this.settled = true;
    clearTimeout(this.timer);
    return true;
  }
}

function expire(attempt: DispatchAttempt): void {
  attempt.expire();
}

/** One attempt through the origin's pool's `dispatch` (see {@link DispatchAttempt}). */
function dispatchOnce(pool: Pool, parseHeaders: ParseHeaders, timeoutMs: number, to: Destination, method: string, headers: Record<string, string>, body: Uint8Array | undefined): Promise<RawAnswer> {
  return new Promise<RawAnswer>((resolve, reject) => {
    const attempt = new DispatchAttempt(parseHeaders, timeoutMs, resolve, reject);
    try {
      pool.dispatch({ origin: to.origin, path: to.path, method: method as 'GET', headers, body: bodyBuffer(body) }, attempt as unknown as Parameters<Pool['dispatch']>[1]);
    } catch (error) {
      attempt.onError(error as Error);
    }
  });
}

/**
 * One exchange in raw form, with the transport's timeout, concurrency bound and retries:
 * no Fetch `Request`/`Response` around it. Header names as given; a fault is a {@link TransportFault}.
 */
export type RawExchange = (method: string, url: string, headers: Record<string, string>, body?: Uint8Array) => Promise<RawAnswer>;

/** An HTTP transport: {@link Transport} `send`, and the same exchange in raw form for the kit's own messages. */
export interface HttpTransport extends ManagedTransport {
  /** The same wire as `send` without Fetch objects (the state client's messages: issue 17 profile). */
  exchange: RawExchange;
  /** Attempts made so far (first tries and retries). */
  attempts(): number;
}

/** Creates a transport for any HTTP(S) endpoint; the request's own URL decides where it goes. */
export function httpTransport(options: HttpTransportOptions = {}): HttpTransport {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const retries = options.retries ?? 2;
  const retryDelayMs = options.retryDelayMs ?? 100;
  let pools: OriginPools | undefined;
  // For a URL that is not http(s): undici's request() refuses it before using its dispatcher.
  let otherAgent: Agent | undefined;
  let parseHeaders: ParseHeaders | undefined;
  let undiciRequest: typeof import('undici').request | undefined;
  // Built once, on the first request (the connector too: not per request).
  const loadAgent = async (): Promise<void> => {
    const mod = await loadUndici();
    ({ request: undiciRequest } = mod);
    parseHeaders = mod.util.parseHeaders;
    if (pools !== undefined) return;
    const connectTimeout = Math.min(timeoutMs, 5_000);
    const connect = options.connectTo ? redirectingConnector(options.connectTo, connectTimeout, mod.buildConnector) : undefined;
    const poolOptions = { keepAliveTimeout: 4_000, connections: options.concurrency ?? 8, headersTimeout: timeoutMs, bodyTimeout: timeoutMs, connectTimeout, ...(connect ? { connect } : {}) };
    pools ??= new OriginPools((origin) => new mod.Pool(origin, poolOptions));
    otherAgent ??= new mod.Agent(poolOptions);
  };
  const limit = gate(options.concurrency ?? 8);
  let attempts = 0;

  /**
   * One attempt through undici's `request()` with an `AbortSignal.timeout`: the general path, for
   * a URL the dispatcher path below does not take (not http(s)), and the reference it is tested against.
   */
  async function onceThroughRequest(method: string, url: string, headers: Record<string, string>, body: Uint8Array | undefined): Promise<RawAnswer> {
    const to = destinationOf(url);
    const res = await undiciRequest!(url, { method: method as 'GET', headers, body: bodyBuffer(body), dispatcher: to === undefined ? otherAgent : pools!.of(to.origin), signal: AbortSignal.timeout(timeoutMs) });
    return { status: res.statusCode, headers: res.headers, body: new Uint8Array(await res.body.arrayBuffer()) };
  }

  // The state endpoint's URL comes again and again: its destination is worked out once.
  let lastUrl: string | undefined;
  let lastDestination: Destination | undefined;

  /** Where `url` goes, or undefined for a URL the dispatcher path does not take (not http(s), unparsable). */
  function destinationOf(url: string): Destination | undefined {
    if (url === lastUrl) return lastDestination;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return undefined;
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
    lastUrl = url;
    lastDestination = { origin: parsed.origin, path: parsed.search ? `${parsed.pathname}${parsed.search}` : parsed.pathname };
    return lastDestination;
  }

  async function once(method: string, url: string, headers: Record<string, string>, body: Uint8Array | undefined): Promise<RawAnswer> {
    attempts++;
    if (pools === undefined || parseHeaders === undefined) await loadAgent();
    // request() refuses CONNECT itself and picks a method for an empty one: those keep its path.
    const to = options.engine === 'request' || method === '' || method === 'CONNECT' ? undefined : destinationOf(url);
    return to === undefined ? onceThroughRequest(method, url, headers, body) : dispatchOnce(pools!.of(to.origin), parseHeaders!, timeoutMs, to, method, headers, body);
  }

  const plainExchange: RawExchange = (method, url, headers, body) =>
    limit(async () => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await once(method, url, headers, body);
        } catch (error) {
          const code = (error as { code?: string }).code ?? '';
          // Only failures before an HTTP answer are retried; a 5xx is an answer and is returned.
          if (attempt >= retries || !RETRYABLE.has(code)) throw classify(error);
          await new Promise((r) => setTimeout(r, retryDelayMs * 2 ** attempt));
        }
      }
    });

  // With riders, every message (the API's and the state protocol's) goes through them.
  const exchange: RawExchange = options.riders ? options.riders.wrap(plainExchange) : plainExchange;

  // A body is read once: a request sent a second time fails as it does through fetch.
  const sent = new WeakSet<Request>();

  /** The body bytes to send: those the kit's builders recorded (`withKnownBody`), else read from the stream. */
  async function bodyOf(request: Request): Promise<Uint8Array | undefined> {
    if (request.body === null) return undefined;
    const known = request.body.locked ? undefined : knownBody(request);
    if (known === undefined) return new Uint8Array(await request.arrayBuffer());
    if (sent.has(request)) throw new TypeError('Body is unusable: Body has already been read');
    sent.add(request);
    return known;
  }

  async function sendRaw(request: Request): Promise<RawAnswer> {
    const body = await bodyOf(request);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => (headers[name] = value));
    return exchange(request.method, request.url, headers, body);
  }

  async function send(request: Request): Promise<Response> {
    const answer = await sendRaw(request);
    return new Response(hasNullBody(answer) ? null : answer.body, { status: answer.status, headers: answerHeaders(answer) });
  }

  /**
   * A signed draft (the kit's own valid change) sent as its `Request` would be, without making
   * one: the same method, URL, header list (the draft's `Headers`, lower-case and sorted, as the
   * `Request`'s) and body bytes. A method Fetch would normalise or refuse goes through the
   * draft's `Request`, errors and all.
   */
  const draftSend: DraftSend = (draft: RequestDraft) => {
    if (!asFetchSends(draft)) return sendRaw(requestOf(draft));
    const headers: Record<string, string> = {};
    draft.headers.forEach((value, name) => (headers[name] = value));
    return exchange(draft.method, draft.url.href, headers, draft.body);
  };

  // Safe to call twice (ManagedTransport): undici refuses a second close.
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => (closed ??= pools === undefined ? Promise.resolve() : Promise.all([pools.close(), otherAgent!.close()]).then(() => undefined));
  return { send: withDraftSend(withRawSend(send, sendRaw), draftSend), exchange, close, attempts: () => attempts };
}
