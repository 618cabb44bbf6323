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

/** The fault a transport throws when the target cannot be reached; it lives with the other errors. */
export { TransportFault, type TransportFaultKind } from '../errors/transport-fault.ts';
