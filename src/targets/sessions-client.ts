/**
 * The client side of the state protocol's optional sessions (docs/state-protocol.md,
 * "Sessions"): find out whether the server behind `--state-url` offers isolated sessions, open
 * one per suite worker before the suites start, and end them afterwards. A server without the
 * capability (a third-party emulator, a real endpoint) answers anything but the sessions
 * protocol's `GET`, and the run keeps one shared target, as before.
 */
import { KitError } from '../errors/kit-error.ts';
import type { RawExchange } from '../transports/http.ts';
import { RIDERS_VERSION } from '../transports/state-riders.ts';

/** The capability's name and version, as `GET <sessions URL>` answers it in `protocol`. */
export const SESSIONS_PROTOCOL = 'conformance-sessions/1';

/** One open session: where its simulator listens, and the URL that ends it. */
export interface OpenSession {
  id: string;
  /** Origin of the session's own server, e.g. `http://127.0.0.1:41234`. */
  origin: string;
  /** `DELETE` here ends it. */
  endUrl: string;
}

/** What the sessions endpoint offers. */
export interface SessionOffer {
  /** The sessions endpoint's URL. */
  url: string;
  limit: number;
  active: number;
  /** The server's sessions take state riders (`"riders": 1`, docs/state-protocol.md, "Riders"). */
  riders?: boolean;
}

const UTF8_IN = new TextDecoder();
const UTF8_OUT = new TextEncoder();

function parse(bytes: Uint8Array): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(UTF8_IN.decode(bytes));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The port a URL names, its scheme's default when it names none. */
function targetPort(url: string): number {
  const parsed = new URL(url);
  return parsed.port !== '' ? Number(parsed.port) : parsed.protocol === 'https:' ? 443 : 80;
}

/** The sessions endpoint beside a state endpoint: the sibling path `sessions` (`/__conformance/state` → `/__conformance/sessions`). */
export function sessionsUrlOf(stateUrl: string): string {
  return new URL('sessions', stateUrl).href;
}

/**
 * What the server at `stateUrl` offers, or undefined when it offers no sessions (any answer other
 * than the protocol's, or none). Sessions stand in for the whole server, so they are used only
 * when the target and its state endpoint are the same origin and that server took the request on
 * the port the target names (no proxy in between).
 */
export async function discoverSessions(baseUrl: string, stateUrl: string, exchange: RawExchange): Promise<SessionOffer | undefined> {
  if (new URL(baseUrl).origin !== new URL(stateUrl).origin) return undefined;
  const url = sessionsUrlOf(stateUrl);
  let answer;
  try {
    answer = await exchange('GET', url, { accept: 'application/json' });
  } catch {
    // No answer: no capability; the state endpoint's own faults are reported by the checks.
    return undefined;
  }
  const body = answer.status === 200 ? parse(answer.body) : undefined;
  if (body?.protocol !== SESSIONS_PROTOCOL || typeof body.limit !== 'number' || typeof body.active !== 'number') return undefined;
  // A session is reached directly, on its own port: only a run that talks to the server itself
  // may use one. Through a proxy or a port forward (the server took the request on another port
  // than the target URL names), a session would bypass whatever sits in between (found by the
  // run-status tests: a proxy answering 503 for the state endpoint).
  if (typeof body.port !== 'number' || body.port !== targetPort(baseUrl)) return undefined;
  return { url, limit: body.limit, active: body.active, ...(body.riders === RIDERS_VERSION ? { riders: true } : {}) };
}

/**
 * Opens up to `wanted` sessions (fewer when the server has fewer free). At least one must open:
 * otherwise a {@link KitError} says what the server answered and how to fix it.
 */
export async function openSessions(offer: SessionOffer, wanted: number, exchange: RawExchange): Promise<OpenSession[]> {
  const count = Math.max(1, Math.min(wanted, offer.limit - offer.active));
  const opened: OpenSession[] = [];
  let failure: string | undefined;
  let unreachable = false;
  for (let i = 0; i < count; i++) {
    let answer;
    try {
      answer = await exchange('POST', offer.url, { 'content-type': 'application/json' }, UTF8_OUT.encode('{}'));
    } catch (error) {
      failure = `no answer: ${(error as Error).message.split('\n')[0]}`;
      unreachable = true;
      break;
    }
    const body = parse(answer.body);
    if (answer.status !== 201 || typeof body?.id !== 'string' || typeof body.baseUrl !== 'string' || typeof body.url !== 'string') {
      const detail = typeof body?.error === 'string' ? `${body.error}${typeof body.fix === 'string' ? ` (${body.fix})` : ''}` : UTF8_IN.decode(answer.body).slice(0, 200);
      failure = `${answer.status}: ${detail}`;
      unreachable = answer.status >= 500;
      break;
    }
    opened.push({ id: body.id, origin: new URL(body.baseUrl).origin, endUrl: new URL(body.url, offer.url).href });
  }
  if (opened.length > 0) return opened;
  throw new KitError(
    unreachable ? 'TARGET_UNREACHABLE' : 'USAGE',
    `Could not open an isolated session at ${offer.url} for the suite workers (${failure})`,
    'end other runs against the same `conformance serve`, or restart it with a higher --max-sessions; `conformance serve --max-sessions 0` offers none (the run then uses one shared simulator and one suite worker)',
  );
}

/** Ends the sessions; one that is already gone (timed out, server stopped) is no error. */
export async function endSessions(sessions: readonly OpenSession[], exchange: RawExchange): Promise<void> {
  await Promise.all(sessions.map((s) => exchange('DELETE', s.endUrl, {}).catch(() => undefined)));
}

/**
 * The session of this suite worker: vitest numbers its live workers 1…maxWorkers
 * (`VITEST_POOL_ID`), and the run allows as many workers as it opened sessions, so no two
 * running workers share one.
 */
export function sessionOfWorker(sessions: readonly OpenSession[], poolId: string | undefined): OpenSession {
  const session = sessions[Number(poolId) - 1];
  if (session === undefined) {
    throw new KitError('USAGE', `Suite worker ${poolId ?? '(no VITEST_POOL_ID)'} has no isolated session of its own (${sessions.length} opened)`, 'run suites against a server with sessions through `conformance run`, which opens one per worker; a plain vitest run should leave the target settings without sessions');
  }
  return session;
}

/** The transport's `connectTo` for this worker: connections to the target's origin go to its session. */
export function connectToSession(baseUrl: string, sessions: readonly OpenSession[]): Record<string, string> {
  return { [new URL(baseUrl).origin]: sessionOfWorker(sessions, process.env.VITEST_POOL_ID).origin };
}
