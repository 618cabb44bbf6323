/**
 * Isolated sessions of `conformance serve` (docs/state-protocol.md, "Sessions"): an optional,
 * discoverable part of the state protocol. `POST /__conformance/sessions` starts another
 * simulator in the same process — its own store, virtual clock and recorder, built with the
 * options of the served one — listening on its own loopback port, and answers its base URL and
 * state URL; `DELETE /__conformance/sessions/<id>` ends it. A run's suite workers each take one,
 * so that one file's clock move or lockout never reaches another worker's checks, and a run
 * against `serve` can use every core. Sessions end with the server, and after a time without
 * any connection; at most `limit` live at once.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isLoopback, STATE_PATH } from './core/state-endpoint.ts';
import { startServer, type SimulatorServer } from './server.ts';
import type { Simulator } from './simulator.ts';
import { RIDERS_VERSION } from '../transports/state-riders.ts';

/** Path of the sessions endpoint (a sibling of the state endpoint, {@link STATE_PATH}). */
export const SESSIONS_PATH = '/__conformance/sessions';

/** What `GET` on {@link SESSIONS_PATH} answers in `protocol`: the capability's name and version. */
export const SESSIONS_PROTOCOL = 'conformance-sessions/1';

/** Default number of sessions alive at once. */
export const DEFAULT_SESSION_LIMIT = 16;

/** Default time a session may go without any open connection before it is ended, in seconds. */
export const DEFAULT_SESSION_IDLE_SECONDS = 300;

/** Options of {@link sessionManager}. */
export interface SessionOptions {
  /** Builds the simulator of a new session (the served one's options: profile, readings, faults). */
  create(): Simulator;
  /** Sessions alive at once [{@link DEFAULT_SESSION_LIMIT}]. */
  limit?: number;
  /** A session with no open connection for this long is ended [{@link DEFAULT_SESSION_IDLE_SECONDS} s]. */
  idleSeconds?: number;
  /** Interface the sessions bind [127.0.0.1]. */
  host?: string;
  /** Milliseconds now (tests move it). */
  now?: () => number;
  /**
   * The sessions take state riders and say so (`"riders": 1` in the offer; docs/state-protocol.md,
   * "Riders") [false].
   */
  riders?: boolean;
}

/** One live session. */
interface Session {
  id: string;
  server: SimulatorServer;
  simulator: Simulator;
  connections: number;
  /** When the last connection closed (or the session started), ms. */
  quietSince: number;
}

/** The sessions endpoint of one served simulator. */
export interface SessionManager {
  /** Answers a request whose path starts with {@link SESSIONS_PATH}. */
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Ends the sessions idle for longer than the timeout (also run by a timer); returns their ids. */
  sweep(): Promise<string[]>;
  /** Ends every session and stops the timer. */
  close(): Promise<void>;
  /** Sessions alive now. */
  readonly active: number;
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Creates the sessions endpoint; hand its `handle` to `startServer`'s `beside`. */
export function sessionManager(options: SessionOptions): SessionManager {
  const limit = options.limit ?? DEFAULT_SESSION_LIMIT;
  const idleMs = (options.idleSeconds ?? DEFAULT_SESSION_IDLE_SECONDS) * 1000;
  const now = options.now ?? Date.now;
  const sessions = new Map<string, Session>();
  let starting = 0;
  let closed = false;
  const timer = setInterval(() => void sweep(), Math.max(1_000, Math.min(idleMs / 4, 30_000)));
  timer.unref();

  const riders = options.riders === true;
  const info = (): Record<string, unknown> => ({ protocol: SESSIONS_PROTOCOL, limit, active: sessions.size + starting, idleTimeoutSeconds: idleMs / 1000, ...(riders ? { riders: RIDERS_VERSION } : {}) });

  async function start(): Promise<Session> {
    const simulator = options.create();
    const server = await startServer(simulator, { port: 0, host: options.host ?? '127.0.0.1', riders });
    const session: Session = { id: randomUUID(), server, simulator, connections: 0, quietSince: now() };
    server.server.on('connection', (socket) => {
      session.connections++;
      socket.once('close', () => {
        session.connections--;
        session.quietSince = now();
      });
    });
    return session;
  }

  async function end(id: string): Promise<boolean> {
    const session = sessions.get(id);
    if (!session) return false;
    sessions.delete(id);
    await session.server.close();
    return true;
  }

  async function create(res: ServerResponse): Promise<void> {
    if (closed) return answer(res, 503, { error: 'the server is stopping' });
    if (sessions.size + starting >= limit) {
      return answer(res, 429, { error: `all ${limit} sessions are in use`, fix: 'end sessions you no longer need (DELETE their URL), wait for idle ones to time out, or restart `conformance serve` with a higher --max-sessions' });
    }
    starting++;
    let session: Session;
    try {
      session = await start();
    } catch (error) {
      return answer(res, 500, { error: `could not start a session: ${(error as Error).message}`, fix: 'check the output of `conformance serve`; free loopback ports and memory' });
    } finally {
      starting--;
    }
    if (closed) {
      await session.server.close();
      return answer(res, 503, { error: 'the server is stopping' });
    }
    sessions.set(session.id, session);
    answer(res, 201, { id: session.id, url: `${SESSIONS_PATH}/${session.id}`, baseUrl: session.server.url, stateUrl: `${session.server.url}${STATE_PATH}`, idleTimeoutSeconds: idleMs / 1000 });
  }

  function route(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '').split('?')[0]!;
    if (!isLoopback(req.socket.remoteAddress)) return answer(res, 403, { error: 'the sessions endpoint answers loopback clients only' });
    if (path === SESSIONS_PATH || path === `${SESSIONS_PATH}/`) {
      // `port`: where this server took the request. A client reached through a proxy or a port
      // forward asked another port, and must not use sessions: they would bypass what is between.
      if (req.method === 'GET') return answer(res, 200, { ...info(), port: req.socket.localPort });
      if (req.method === 'POST') return void create(res);
      return answer(res, 405, { error: `use GET ${SESSIONS_PATH} (what is offered) or POST ${SESSIONS_PATH} (start one)` });
    }
    const id = path.slice(SESSIONS_PATH.length + 1);
    if (path.startsWith(`${SESSIONS_PATH}/`) && !id.includes('/')) {
      if (req.method !== 'DELETE') return answer(res, 405, { error: `use DELETE ${SESSIONS_PATH}/<id> to end a session` });
      void end(id).then(
        (found) => (found ? answer(res, 200, { ok: true, id }) : answer(res, 404, { error: `no session ${id} (ended, timed out, or never started)` })),
        (error: unknown) => answer(res, 500, { error: `could not end session ${id}: ${(error as Error).message}`, fix: 'check the output of `conformance serve`; the session ends with the server at the latest' }),
      );
      return;
    }
    answer(res, 404, { error: `unknown path ${path}; the sessions endpoint is ${SESSIONS_PATH}` });
  }

  async function sweep(): Promise<string[]> {
    const idle = [...sessions.values()].filter((s) => s.connections === 0 && now() - s.quietSince >= idleMs).map((s) => s.id);
    await Promise.all(idle.map(end));
    return idle;
  }

  return {
    handle(req, res) {
      // The body (if any) carries nothing: read it to the end, then answer.
      req.resume();
      req.once('end', () => {
        try {
          route(req, res);
        } catch (error) {
          if (!res.headersSent) answer(res, 500, { error: `sessions endpoint failed: ${(error as Error).message}` });
        }
      });
    },
    sweep,
    async close() {
      closed = true;
      clearInterval(timer);
      await Promise.all([...sessions.keys()].map(end));
    },
    get active() {
      return sessions.size;
    },
  };
}
