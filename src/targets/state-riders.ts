/**
 * The kit's side of **state riders** (docs/state-protocol.md, "Riders"), for one isolated session
 * of `conformance serve` that advertises them. A set-up whose answer the caller does not read is
 * deferred: it rides, in order, on the next message to the session (the API call, or a state
 * message) as one extra header, added after signing; the session applies it before that message.
 * The message also asks for the state of the instances just set up, which the session answers
 * after it (a header); the next `inspect` with the same params is answered from that, when no
 * other message reached the session in between. A message that cannot carry riders, or the end
 * of a case, flushes them first as plain state messages. So the session sees the messages of a
 * run without riders, in the same order, and nothing judged or recorded changes: the rider
 * headers are added to a copy of the request's headers and taken off the answer here.
 */
import {
  APPLIED_HEADER, decodeRider, encodeRider, INSPECT_RIDER, INSPECTED_HEADER, RIDER_FAILED_HEADER, RIDER_FAILED_STATUS, SETUP_RIDER,
  type PlainExchange, type RiderCarrier,
} from '../transports/state-riders.ts';
import type { RawAnswer } from '../transports/transport.ts';
import { randomUUID } from 'node:crypto';

/** A state endpoint's answer, as the state client reads it. */
export interface StateText {
  status: number;
  text: string;
}

/** Inspect params (the state protocol's `inspect`). */
export interface InspectParams {
  service: 'bcc' | 'dcs';
  instanceId: string;
  projectId?: string;
}

/** What the state client gives the riders: how it reads an answer, and how it fails. */
export interface StateReading {
  /** Returns the answer's body, or throws the `StateEndpointFault` the client raises for it. */
  answer(state: string, res: StateText): Record<string, unknown>;
  /** The `StateEndpointFault` for a message that got no answer. */
  unreachable(state: string, error: unknown): Error;
  /** The answer's body as text, as the client decodes it. */
  text(bytes: Uint8Array<ArrayBuffer>): string | Promise<string>;
}

interface Deferred {
  seq: number;
  state: string;
  body: string;
}

const JSON_HEADERS: Record<string, string> = { 'content-type': 'application/json' };
const UTF8_OUT = new TextEncoder();

/** Methods node's HTTP server takes as they are (others may end in its parser, before the session applies riders). */
const CARRIABLE_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);
/**
 * Header names that frame the message: a request naming one is sent after a flush, never with
 * riders. A `content-length` is carried when it is the body's length (a signed one, BCC).
 */
const FRAMING_HEADERS = new Set(['transfer-encoding', 'connection', 'keep-alive', 'expect', 'upgrade', 'te', 'trailer', 'proxy-connection']);
/** Header lines and bytes a carrier may have: far below node's limits (2,000 lines, 16 KiB), which drop or refuse the rest. */
const MAX_LINES = 64;
const MAX_HEADER_BYTES = 8_192;
/** Instances whose state one message asks for. */
const MAX_WATCHED = 4;

/** The key of inspect params, or undefined for params that hold more than the protocol's three fields. */
export function inspectKey(p: InspectParams): string | undefined {
  for (const name in p) if (name !== 'service' && name !== 'instanceId' && name !== 'projectId') return undefined;
  return `${p.service}\u0000${p.instanceId}\u0000${p.projectId ?? ''}`;
}

/**
 * True when a request can carry riders: a method and headers node's server passes to the session
 * as they are (no framing header, few and short lines). Anything else is sent after a flush.
 */
export function carriable(method: string, headers: Record<string, string>, body: Uint8Array | undefined): boolean {
  if (!CARRIABLE_METHODS.has(method)) return false;
  let lines = 0;
  let bytes = 0;
  for (const name in headers) {
    if (++lines > MAX_LINES) return false;
    const lower = name.toLowerCase();
    if (FRAMING_HEADERS.has(lower) || lower.startsWith('x-conformance-')) return false;
    if (lower === 'content-length' && headers[name] !== String(body?.length ?? 0)) return false;
    bytes += name.length + headers[name]!.length + 4;
  }
  return bytes <= MAX_HEADER_BYTES;
}

/** Takes a header off a raw answer and returns its value (one value: a repeated one is not ours). */
function takeHeader(answer: RawAnswer, name: string): string | undefined {
  const value = answer.headers[name];
  if (value === undefined) return undefined;
  delete answer.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** The riders of one session: a pending list shared by its state client and its transport. */
export class StateRiders implements RiderCarrier {
  private plain: PlainExchange | undefined;
  private reading: StateReading | undefined;
  /** Names this client's numbering at the session: another target of the same session numbers from 1 too. */
  private readonly client = randomUUID();
  private nextSeq = 1;
  /** Deferred messages the session has not confirmed; always consecutive numbers. */
  private unconfirmed: Deferred[] = [];
  /** Inspect params of the instances set up last (asked for on each message sent alone). */
  private watched: InspectParams[] = [];
  private lastWasSetup = false;
  /** Inspect answers after the last message, by {@link inspectKey}; dropped by any message. */
  private cache: Map<string, StateText> | undefined;
  /** Messages to the session started so far, and those not answered yet. */
  private started = 0;
  private readonly inFlight = new Set<Promise<unknown>>();
  private flushing: Promise<void> | undefined;

  /**
   * @param origin the target's origin (the session stands in for it): only requests to it carry riders.
   * @param stateUrl the state endpoint, where a flush sends deferred messages.
   */
  constructor(
    private readonly origin: string,
    private readonly stateUrl: string,
  ) {}

  /** Called by the state client: how it reads answers and raises faults. */
  attach(reading: StateReading): void {
    this.reading = reading;
  }

  wrap(plain: PlainExchange): PlainExchange {
    this.plain = plain;
    return (method, url, headers, body) => this.send(method, url, headers, body);
  }

  /** Defers a set-up message (JSON text): it rides on the next message to the session. */
  defer(state: string, body: string, watch: InspectParams): void {
    this.cache = undefined;
    this.unconfirmed.push({ seq: this.nextSeq++, state, body });
    if (!this.lastWasSetup) this.watched = [];
    if (this.watched.length < MAX_WATCHED) this.watched.push(watch);
    this.lastWasSetup = true;
  }

  /** Notes a state message other than a set-up (the next set-up starts a new list of instances to watch). */
  other(): void {
    this.lastWasSetup = false;
  }

  /** The answer to `inspect(p)` the last message brought, if no message reached the session since. */
  cached(p: InspectParams): StateText | undefined {
    this.lastWasSetup = false;
    if (this.unconfirmed.length > 0 || this.flushing !== undefined) return undefined;
    const key = inspectKey(p);
    return key === undefined ? undefined : this.cache?.get(key);
  }

  /** True when deferred messages wait to reach the session. */
  get pending(): boolean {
    return this.unconfirmed.length > 0;
  }

  /**
   * Sends every deferred message as a plain state message, in order, after the messages in flight
   * (which may carry them) are answered. A refused one raises the fault its set-up would have; the
   * ones after it are dropped, as a run without riders would never have sent them.
   */
  async flush(): Promise<void> {
    while (this.flushing !== undefined) await this.flushing.catch(() => undefined);
    if (this.unconfirmed.length === 0) return;
    const run = this.flushNow();
    this.flushing = run;
    try {
      await run;
    } finally {
      this.flushing = undefined;
    }
  }

  private async flushNow(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    const reading = this.reading!;
    while (this.unconfirmed.length > 0) {
      const message = this.unconfirmed[0]!;
      this.cache = undefined;
      this.started++;
      let res: StateText;
      try {
        const answer = await this.plain!('POST', this.stateUrl, JSON_HEADERS, UTF8_OUT.encode(message.body));
        res = { status: answer.status, text: await reading.text(answer.body) };
      } catch (error) {
        // The check stops with the fault, as it would at this set-up without riders: nothing
        // deferred is sent again.
        this.unconfirmed = [];
        throw reading.unreachable(message.state, error);
      }
      this.unconfirmed.shift();
      try {
        reading.answer(message.state, res);
      } catch (fault) {
        this.unconfirmed = [];
        throw fault;
      }
    }
  }

  /** True when `url` goes to the session (the target's origin). */
  private reaches(url: string): boolean {
    if (!url.startsWith(this.origin)) return false;
    const next = url.charCodeAt(this.origin.length);
    return Number.isNaN(next) || next === 0x2f || next === 0x3f; // end, '/', '?'
  }

  private async send(method: string, url: string, headers: Record<string, string>, body: Uint8Array | undefined): Promise<RawAnswer> {
    while (this.flushing !== undefined) await this.flushing.catch(() => undefined);
    const plain = this.plain!;
    const toSession = this.reaches(url);
    if (!toSession || !carriable(method, headers, body)) {
      // Not carried: what was deferred reaches the session first, as plain state messages.
      if (this.unconfirmed.length > 0) await this.flush();
      if (!toSession) return plain(method, url, headers, body);
      return this.track(plain(method, url, headers, body));
    }
    if (this.unconfirmed.length === 0 && this.watched.length === 0) return this.track(plain(method, url, headers, body));
    const riding = this.unconfirmed.length > 0 ? this.unconfirmed.slice() : undefined;
    const alone = this.inFlight.size === 0;
    const asked = alone && this.watched.length > 0 ? this.watched.slice() : undefined;
    const carrying: Record<string, string> = { ...headers };
    if (riding) carrying[SETUP_RIDER] = encodeRider({ client: this.client, from: riding[0]!.seq, bodies: riding.map((m) => m.body) });
    if (asked) carrying[INSPECT_RIDER] = encodeRider(asked);
    const mine = this.started + 1;
    const answer = await this.track(plain(method, url, carrying, body));
    const applied = takeHeader(answer, APPLIED_HEADER);
    const failed = takeHeader(answer, RIDER_FAILED_HEADER);
    const inspected = takeHeader(answer, INSPECTED_HEADER);
    if (applied !== undefined) this.confirm(Number(applied));
    if (failed !== undefined && riding && answer.status === RIDER_FAILED_STATUS) return this.refused(failed, riding, answer);
    // Exact only if this message was alone at the session from its start to its answer.
    if (asked && inspected !== undefined && alone && this.started === mine && this.inFlight.size === 0) this.remember(asked, inspected);
    return answer;
  }

  /** Counts a message to the session while it is in flight; any message drops the inspect answers. */
  private track(sending: Promise<RawAnswer>): Promise<RawAnswer> {
    this.cache = undefined;
    this.started++;
    const settled = sending.finally(() => this.inFlight.delete(settled));
    this.inFlight.add(settled);
    return settled;
  }

  /** The session applied every message up to `seq`. */
  private confirm(seq: number): void {
    if (!Number.isInteger(seq)) return;
    while (this.unconfirmed.length > 0 && this.unconfirmed[0]!.seq <= seq) this.unconfirmed.shift();
  }

  /** A carried message failed: the request was not run; raise the fault its set-up would have. */
  private async refused(failed: string, riding: readonly Deferred[], answer: RawAnswer): Promise<never> {
    const [seqText, statusText] = failed.split(' ');
    const message = riding.find((m) => m.seq === Number(seqText));
    const last = riding[riding.length - 1]!.seq;
    // The failing message and those carried with it after it are never sent again.
    this.unconfirmed = this.unconfirmed.filter((m) => m.seq > last);
    const reading = this.reading!;
    const res = { status: Number(statusText) || answer.status, text: await reading.text(answer.body) };
    reading.answer(message?.state ?? 'riders', res.status >= 200 && res.status < 300 ? { ...res, status: RIDER_FAILED_STATUS } : res);
    throw new Error(`unreachable: a refused rider answered ${res.status}`);
  }

  private remember(asked: readonly InspectParams[], inspected: string): void {
    let answers: unknown;
    try {
      answers = decodeRider(inspected);
    } catch {
      return;
    }
    if (!Array.isArray(answers) || answers.length !== asked.length) return;
    const cache = new Map<string, StateText>();
    for (const [i, p] of asked.entries()) {
      const a = answers[i] as unknown;
      const key = inspectKey(p);
      if (key === undefined || !Array.isArray(a) || typeof a[0] !== 'number' || typeof a[1] !== 'string') return;
      cache.set(key, { status: a[0], text: a[1] });
    }
    this.cache = cache;
  }
}
