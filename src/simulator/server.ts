/**
 * The simulator over HTTP (node:http), for SDKs and other processes to call.
 *
 * This adapter is on the throughput benchmark's hot path (bench/README.md), so it avoids
 * per-request work a bare node:http server does not do: no Fetch `Headers` (a view over the raw
 * header lines instead), no promise when the simulator answers synchronously, no concatenation
 * for a body that arrived in one chunk, and no named closure per request (under tsx, esbuild's
 * keepNames gives each one an `__name` call).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { RawHeaderView } from './raw-header-view.ts';
import { framingAnswer, rawResponse, sniffContract } from './framing-errors.ts';
import type { Simulator, WireAnswer } from './simulator.ts';
import { STATE_PATH } from './core/state-endpoint.ts';
import { afterAnswer, applySetups, ridersOf, type RiderLedger } from './riders.ts';

/** A listening simulator server. */
export interface SimulatorServer {
  /** Base URL, e.g. `http://127.0.0.1:43123`. */
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/** Options of {@link startServer}. */
export interface ServeOptions {
  /** Port to listen on; 0 (default) lets the OS pick. */
  port?: number;
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /**
   * Requests whose path starts with `prefix` go to `handle` instead of the simulator (serve's
   * isolated sessions, `sessions.ts`); the simulator's own path stays as fast without it.
   */
  beside?: { prefix: string; handle(req: IncomingMessage, res: ServerResponse): void };
  /**
   * Take state riders (docs/state-protocol.md, "Riders"): set-ups carried on a request are
   * applied before it, inspects asked for answered after it. For an isolated session only
   * (one client, a virtual clock); needs the state endpoint.
   */
  riders?: boolean;
}

/**
 * One-byte copies of the answers' header names. A name read from the spec (the request-id
 * header) is a two-byte string inside V8, and a property key keeps the engine's one interned
 * copy of it, so every answer's head became two-byte text that node then re-encodes on each
 * write. The simulator's set of header names is small; the bound only guards the memory.
 * Exported for its test only.
 */
const wireNames = new Map<string, string>();

export function wireName(name: string): string {
  let wire = wireNames.get(name);
  if (wire === undefined) {
    // Latin-1 text round-trips exactly; anything else is left as it is (node refuses it anyway).
    wire = /^[\x00-\xff]*$/.test(name) ? Buffer.from(name, 'latin1').toString('latin1') : name;
    if (wireNames.size < 256) wireNames.set(name, wire);
  }
  return wire;
}

/** After an answer: header lines to add to it (state riders), worked out when it is written. */
type After = (answer: WireAnswer) => string[];

function writeAnswer(req: IncomingMessage, res: ServerResponse, answer: WireAnswer, after?: After): void {
  if (answer.drop) {
    req.socket.destroy();
    return;
  }
  // node's flat `[name, value, …]` form: no object built per answer (a fresh object's keyed
  // stores went megamorphic in the server) and the answer's own headers, which may also be in
  // the recorder's log, stay untouched. Its content-length is always the body's, as before.
  const head: Array<string | number> = [];
  const headers = answer.headers;
  for (const name in headers) if (name !== 'content-length') head.push(wireName(name), headers[name]!);
  if (after !== undefined) head.push(...after(answer));
  head.push('content-length', Buffer.byteLength(answer.body));
  res.writeHead(answer.status, head);
  res.end(answer.body);
}

/** An adapter failure: the vendor's 500 (logged by the simulator), or a cut connection if too late. */
function writeFailure(simulator: Simulator, req: IncomingMessage, res: ServerResponse, headers: RawHeaderView, error: unknown): void {
  const answer = simulator.internalFailure({ rawPath: req.url ?? '/', headers }, error);
  if (res.headersSent) res.destroy();
  else writeAnswer(req, res, answer);
}

/** Runs the simulator on a fully read request and writes its answer. */
function respond(simulator: Simulator, req: IncomingMessage, res: ServerResponse, headers: RawHeaderView, body: Uint8Array, oversize: boolean, after?: After): void {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  let answer: WireAnswer | Promise<WireAnswer>;
  try {
    answer = simulator.answerWire({
      method: req.method ?? 'GET',
      rawPath: q < 0 ? url : url.slice(0, q),
      rawQuery: q < 0 ? '' : url.slice(q + 1),
      headers,
      body,
      oversize,
      // Only the state endpoint reads the peer address (sim-types.ts); looking it up costs a
      // getpeername round through the socket object on every request.
      remoteAddress: url.startsWith(STATE_PATH) ? req.socket.remoteAddress : undefined,
    });
  } catch (error) {
    writeFailure(simulator, req, res, headers, error);
    return;
  }
  if (answer instanceof Promise) answer.then((a) => writeAnswer(req, res, a, after), (error: unknown) => writeFailure(simulator, req, res, headers, error));
  else writeAnswer(req, res, answer, after);
}

/** Reads the body up to `maxBodyBytes`; beyond that it drains the rest and flags `oversize`. */
function onRequest(simulator: Simulator, req: IncomingMessage, res: ServerResponse, ledger?: RiderLedger): void {
  const limit = simulator.maxBodyBytes;
  const headers = new RawHeaderView(req.rawHeaders);
  let oversize = Number(headers.get('content-length') ?? 0) > limit;
  let first: Buffer | undefined;
  let more: Buffer[] | undefined;
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > limit) oversize = true;
    else if (first === undefined) first = chunk;
    else (more ??= [first]).push(chunk);
  });
  req.on('end', () => {
    // HTTP/1.1 requires Host (RFC 9112 §3.2); node's own check would answer with no body.
    if (req.httpVersionMinor === 1 && headers.get('host') === null) {
      writeAnswer(req, res, framingAnswer(sniffContract(simulator.contracts, `${req.method} ${req.url} HTTP/1.1\r\n${headers.get('authorization') ?? ''}`), 'NO_HOST'));
      return;
    }
    // A body that arrived in one chunk (the usual case) is used as is.
    const body = oversize || first === undefined ? new Uint8Array() : more === undefined ? first : Buffer.concat(more);
    const riders = ledger === undefined ? undefined : ridersOf(req.rawHeaders);
    if (riders === undefined) return respond(simulator, req, res, headers, body, oversize);
    // State riders: the core sees the request without them; set-ups first, inspects after.
    const remote = req.socket.remoteAddress;
    const applied = riders.setup === undefined ? undefined : applySetups(simulator, ledger!, riders.setup, remote);
    if (applied?.refused !== undefined) return writeAnswer(req, res, applied.refused);
    respond(simulator, req, res, new RawHeaderView(riders.rawHeaders), body, oversize, () => afterAnswer(simulator, applied?.stream, riders, remote));
  });
}

/** Starts the simulator on loopback (by default) and resolves once it listens. */
export function startServer(simulator: Simulator, options: ServeOptions = {}): Promise<SimulatorServer> {
  const beside = options.beside;
  const ledger: RiderLedger | undefined = options.riders === true && simulator.stateEndpoint ? new Map() : undefined;
  const server = createServer(
    { keepAliveTimeout: 5_000, requireHostHeader: false },
    beside === undefined ? (req, res) => onRequest(simulator, req, res, ledger) : (req, res) => ((req.url ?? '').startsWith(beside.prefix) ? beside.handle(req, res) : onRequest(simulator, req, res, ledger)),
  );
  // A request node's parser refuses gets a 400 in the vendor's error format, not a reset connection.
  server.on('clientError', (err: Error & { code?: string; rawPacket?: Buffer }, socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    try {
      socket.end(rawResponse(framingAnswer(sniffContract(simulator.contracts, err.rawPacket), err.code)));
    } catch (error) {
      simulator.internalFailure({ rawPath: '/', headers: new RawHeaderView([]) }, error);
      socket.destroy();
    }
  });
  // An Expect other than 100-continue, and CONNECT: node would answer them itself, with no body.
  server.on('checkExpectation', (req: IncomingMessage, res: ServerResponse) => {
    writeAnswer(req, res, framingAnswer(sniffContract(simulator.contracts, `${req.method} ${req.url} HTTP/1.1\r\n${req.headers.authorization ?? ''}`), 'EXPECTATION'));
  });
  server.on('connect', (req: IncomingMessage, socket: Socket) => {
    socket.end(rawResponse(framingAnswer(sniffContract(simulator.contracts, `${req.method} ${req.url} HTTP/1.1\r\n${req.headers.authorization ?? ''}`), 'CONNECT')));
  });
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      const { port, address } = server.address() as AddressInfo;
      const host = address.includes(':') ? `[${address}]` : address;
      resolve({
        url: `http://${host}:${port}`,
        port,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
            // Sockets node no longer tracks (after CONNECT, or a parser error) would keep close() waiting.
            for (const socket of sockets) socket.destroy();
          }),
      });
    });
  });
}
