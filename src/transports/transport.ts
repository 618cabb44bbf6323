/**
 * A transport moves one Fetch `Request` to a target and brings back its `Response`.
 * Implementations (named in `registry.ts`): `http` (any base URL), `in-process` (a Fetch
 * handler in this process, no sockets), `msw` (intercepts a third-party client's calls inside
 * this process and hands them to a Fetch handler).
 */
import type { RequestDraft } from '../auth/request-draft.ts';

/** Moves one Fetch `Request` to a target and brings back its `Response` (see the module comment). */
export type Transport = (request: Request) => Promise<Response>;

/**
 * What an in-process target answers with: a Fetch handler (e.g. the embedded simulator's
 * `handle`). Transports take one of these, never the thing behind it.
 */
export type FetchHandler = (request: Request) => Promise<Response>;

/** A transport that holds resources (sockets, interceptors) and must be closed. */
export interface ManagedTransport {
  send: Transport;
  /** Releases sockets or interceptors; safe to call twice. */
  close(): Promise<void>;
}

/** An answer in raw form: status, headers as the HTTP client parsed them, body bytes. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array<ArrayBuffer>;
}

/**
 * A transport's `send` without the Fetch `Response` around the answer (no body stream to read
 * back): same request, same wire, same faults. Optional; the kit's exchange uses it when a
 * transport registered one with {@link withRawSend} (issue 17 profile of a run over HTTP).
 */
export type RawSend = (request: Request) => Promise<RawAnswer>;

const rawSends = new WeakMap<Transport, RawSend>();

/** Registers `raw` as the raw form of `send`; returns `send`. */
export function withRawSend(send: Transport, raw: RawSend): Transport {
  rawSends.set(send, raw);
  return send;
}

/** The raw form of `transport`, if it registered one. */
export function rawSendOf(transport: Transport): RawSend | undefined {
  return rawSends.get(transport);
}

/**
 * Sends a signed {@link RequestDraft} (the kit's own valid change) without a Fetch `Request` made
 * of it, answering in raw form. Optional; the kit's `exchangeDraft` uses it when a transport
 * registered one with {@link withDraftSend}, and otherwise sends the draft's `Request`.
 */
export type DraftSend = (draft: RequestDraft) => Promise<RawAnswer>;

const draftSends = new WeakMap<Transport, DraftSend>();

/** Registers `draftSend` as the draft form of `send`; returns `send`. */
export function withDraftSend(send: Transport, draftSend: DraftSend): Transport {
  draftSends.set(send, draftSend);
  return send;
}

/** The draft form of `transport`, if it registered one. */
export function draftSendOf(transport: Transport): DraftSend | undefined {
  return draftSends.get(transport);
}

/** A raw answer's headers as the Fetch `Headers` of the `Response` a transport returns for it. */
export function answerHeaders(answer: RawAnswer): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(answer.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(name, v));
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}

/** True when the `Response` for a raw answer has a null body (204, 304, or no bytes). */
export function hasNullBody(answer: RawAnswer): boolean {
  return answer.status === 204 || answer.status === 304 || answer.body.byteLength === 0;
}

/** The fault a transport throws when the target cannot be reached; it lives with the other errors. */
export { TransportFault, type TransportFaultKind } from '../errors/transport-fault.ts';
