/**
 * The server's side of **state riders** (docs/state-protocol.md, "Riders"), offered by the
 * isolated sessions of `conformance serve`: a request may carry state messages to apply before
 * it (set-ups) and ask for `inspect` answers after it. The rider headers are taken off before the
 * simulator's core sees the request, so the core, its signature check and its recorder see the
 * bytes of a request without them; the carried messages go through the state endpoint's own code
 * (`answerWire` at {@link STATE_PATH}), each sequence number once.
 */
import { APPLIED_HEADER, decodeRider, encodeRider, INSPECT_RIDER, INSPECTED_HEADER, RIDER_FAILED_HEADER, RIDER_FAILED_STATUS, SETUP_RIDER } from '../transports/state-riders.ts';
import { STATE_PATH } from './core/state-endpoint.ts';
import { RawHeaderView } from './raw-header-view.ts';
import type { Simulator, WireAnswer } from './simulator.ts';

/** What one session remembers of one client's riders (each client numbers its messages from 1). */
export interface RiderStream {
  /** The highest sequence number applied (or failed). */
  lastApplied: number;
  /** The carried message that failed, answered again to any request carrying it. */
  failure?: { seq: number; answer: WireAnswer };
}

/** What one session remembers of the riders it took, by client (`"client"` in the set-up rider). */
export type RiderLedger = Map<string, RiderStream>;

/** Clients a session remembers; the oldest is forgotten beyond this (a client lives as long as one suite worker's target). */
const MAX_CLIENTS = 256;

/** A request's rider headers, and its header lines without them; undefined when it carries none. */
export interface Riders {
  setup?: string;
  inspect?: string;
  /** `req.rawHeaders` without the rider lines. */
  rawHeaders: string[];
}

const PREFIX = 'x-conformance-';
const JSON_VIEW = new RawHeaderView(['content-type', 'application/json']);
const UTF8 = new TextEncoder();

/** The rider headers of a request (names in any case), or undefined when there are none. */
export function ridersOf(raw: readonly string[]): Riders | undefined {
  let found = false;
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i]!.length > PREFIX.length && raw[i]!.toLowerCase().startsWith(PREFIX)) {
      found = true;
      break;
    }
  }
  if (!found) return undefined;
  const riders: Riders = { rawHeaders: [] };
  for (let i = 0; i < raw.length; i += 2) {
    const lower = raw[i]!.toLowerCase();
    if (lower === SETUP_RIDER) riders.setup = riders.setup === undefined ? raw[i + 1]! : `${riders.setup}, ${raw[i + 1]!}`;
    else if (lower === INSPECT_RIDER) riders.inspect = riders.inspect === undefined ? raw[i + 1]! : `${riders.inspect}, ${raw[i + 1]!}`;
    else riders.rawHeaders.push(raw[i]!, raw[i + 1]!);
  }
  return riders.setup === undefined && riders.inspect === undefined ? undefined : riders;
}

/** The state endpoint's answer to one message (JSON text), through the simulator's own entry. */
function stateAnswer(simulator: Simulator, body: string, remoteAddress: string | undefined): WireAnswer {
  const answer = simulator.answerWire({ method: 'POST', rawPath: STATE_PATH, rawQuery: '', headers: JSON_VIEW, body: UTF8.encode(body), remoteAddress });
  // The state endpoint answers at once; a promise here would be the API's path (no state endpoint).
  if (answer instanceof Promise) return { status: 500, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: 'this server has no state endpoint' }) };
  return answer;
}

/** The answer to a request whose carried message failed: the request itself is not run. */
function failed(stream: RiderStream, seq: number, answer: WireAnswer): WireAnswer {
  return { status: RIDER_FAILED_STATUS, headers: { 'content-type': 'application/json', [RIDER_FAILED_HEADER]: `${seq} ${answer.status}`, [APPLIED_HEADER]: String(stream.lastApplied) }, body: answer.body };
}

/** The stream of `client`, made on first use. */
function streamOf(ledger: RiderLedger, client: string): RiderStream {
  let stream = ledger.get(client);
  if (stream === undefined) {
    if (ledger.size >= MAX_CLIENTS) ledger.delete(ledger.keys().next().value!);
    stream = { lastApplied: 0 };
    ledger.set(client, stream);
  }
  return stream;
}

/**
 * Applies the set-ups a request carries, in order, each sequence number of its client once.
 * Returns the answer to write instead of running the request when one fails (or the rider is
 * malformed), else the client's stream.
 */
export function applySetups(simulator: Simulator, ledger: RiderLedger, setup: string, remoteAddress: string | undefined): { refused?: WireAnswer; stream?: RiderStream } {
  let from: number;
  let bodies: string[];
  let stream: RiderStream;
  try {
    const value = decodeRider(setup) as { client?: unknown; from?: unknown; bodies?: unknown };
    if (typeof value !== 'object' || value === null || typeof value.client !== 'string' || value.client === '' || !Number.isSafeInteger(value.from) || (value.from as number) < 1 || !Array.isArray(value.bodies) || !value.bodies.every((b) => typeof b === 'string')) throw new SyntaxError('not {client, from, bodies}');
    from = value.from as number;
    bodies = value.bodies as string[];
    stream = streamOf(ledger, value.client);
  } catch {
    // Never the parser's message: V8 quotes the text it could not parse, and set-ups carry passwords.
    const body = JSON.stringify({ error: `malformed ${SETUP_RIDER} header: expected base64url of JSON {"client": "<id>", "from": 1, "bodies": ["<state message>", …]}` });
    return { refused: failed({ lastApplied: 0 }, 0, { status: 400, headers: {}, body }) };
  }
  const failure = stream.failure;
  if (failure !== undefined && from <= failure.seq && failure.seq < from + bodies.length) return { refused: failed(stream, failure.seq, failure.answer) };
  for (let i = 0; i < bodies.length; i++) {
    const seq = from + i;
    if (seq <= stream.lastApplied) continue;
    const answer = stateAnswer(simulator, bodies[i]!, remoteAddress);
    if (answer.status < 200 || answer.status > 299) {
      // This one and the ones carried after it are spent: the kit never sends them again.
      stream.lastApplied = from + bodies.length - 1;
      stream.failure = { seq, answer };
      return { refused: failed(stream, seq, answer) };
    }
    stream.lastApplied = seq;
  }
  return { stream };
}

/** The answer header lines to add after a request's answer: what was applied, and the inspects asked for. */
export function afterAnswer(simulator: Simulator, stream: RiderStream | undefined, riders: Riders, remoteAddress: string | undefined): string[] {
  const lines = stream === undefined ? [] : [APPLIED_HEADER, String(stream.lastApplied)];
  if (riders.inspect === undefined) return lines;
  let asked: unknown;
  try {
    asked = decodeRider(riders.inspect);
  } catch {
    return lines;
  }
  if (!Array.isArray(asked) || asked.length > 16) return lines;
  const answers = asked.map((params) => {
    const a = stateAnswer(simulator, JSON.stringify({ action: 'setup', state: 'inspect', params }), remoteAddress);
    return [a.status, a.body];
  });
  lines.push(INSPECTED_HEADER, encodeRider(answers));
  return lines;
}
