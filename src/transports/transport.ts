/**
 * A transport moves one Fetch `Request` to a target and brings back its `Response`.
 * Implementations: `http` (any base URL), `in-process` (the simulator's handler, no
 * sockets), `msw` (intercepts a third-party client's calls inside this process).
 */
export type Transport = (request: Request) => Promise<Response>;

/** A transport that holds resources (sockets, interceptors) and must be closed. */
export interface ManagedTransport {
  send: Transport;
  /** Releases sockets or interceptors; safe to call twice. */
  close(): Promise<void>;
}

/** The fault a transport throws when the target cannot be reached; it lives with the other errors. */
export { TransportFault, type TransportFaultKind } from '../errors/transport-fault.ts';
