/**
 * The HTTP transport: any base URL, through the npm `undici` package with keep-alive,
 * a timeout, bounded concurrency, and retries on connection-level failures only.
 */
import type { Agent } from 'undici';
import { answerHeaders, hasNullBody, withRawSend, type ManagedTransport, type RawAnswer } from './transport.ts';
import { knownBody } from '../auth/uri-encode.ts';
import { TransportFault } from '../errors/transport-fault.ts';

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
  let agent: Agent | undefined;
  // Built once, on the first request (the connector too: not per request).
  const getAgent = async (): Promise<Agent> => {
    if (agent !== undefined) return agent;
    const { Agent: AgentClass, buildConnector } = await loadUndici();
    const connectTimeout = Math.min(timeoutMs, 5_000);
    const connect = options.connectTo ? redirectingConnector(options.connectTo, connectTimeout, buildConnector) : undefined;
    agent ??= new AgentClass({ keepAliveTimeout: 4_000, connections: options.concurrency ?? 8, headersTimeout: timeoutMs, bodyTimeout: timeoutMs, connectTimeout, ...(connect ? { connect } : {}) });
    return agent;
  };
  const limit = gate(options.concurrency ?? 8);
  let attempts = 0;

  async function once(method: string, url: string, headers: Record<string, string>, body: Uint8Array | undefined): Promise<RawAnswer> {
    attempts++;
    const dispatcher = await getAgent();
    const { request: undiciRequest } = await loadUndici();
    const res = await undiciRequest(url, {
      method: method as 'GET',
      headers,
      body: body && body.length > 0 ? Buffer.from(body) : undefined,
      dispatcher,
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: res.statusCode, headers: res.headers, body: new Uint8Array(await res.body.arrayBuffer()) };
  }

  const exchange: RawExchange = (method, url, headers, body) =>
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

  return { send: withRawSend(send, sendRaw), exchange, close: async () => agent?.close(), attempts: () => attempts };
}
