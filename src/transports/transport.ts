/**
 * A transport moves one Fetch `Request` to a target and brings back its `Response`.
 * Implementations (named in `registry.ts`): `http` (any base URL), `in-process` (a Fetch
 * handler in this process, no sockets), `msw` (intercepts a third-party client's calls inside
 * this process and hands them to a Fetch handler).
 */
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

const TRANSPORT_FAULT = Symbol.for('pwchange-conformance.TransportFault');

/**
 * The target could not be reached at all (refused, reset, timed out, DNS): a transport
 * fault, never a verdict. The CLI exits 3 when every request fails this way.
 */
export class TransportFault extends Error {
  override readonly name = 'TransportFault';
  readonly [TRANSPORT_FAULT] = true;

  constructor(
    readonly kind: 'refused' | 'reset' | 'timeout' | 'dns' | 'dropped' | 'other',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** True for any TransportFault, even from a second copy of this package. */
  static is(value: unknown): value is TransportFault {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[TRANSPORT_FAULT] === true;
  }
}
