/**
 * The transport registry: each way of moving a Fetch `Request` to a target, by name, with a
 * one-line description and a factory. Code that chooses a transport by name goes through
 * {@link createTransport}; adding a transport is one file plus one line in {@link TRANSPORTS}.
 * Factories load their module on first use (msw is heavy; a quick CLI command loads none).
 */
import { KitError } from '../errors/kit-error.ts';
import type { HttpTransportOptions } from './http.ts';
import type { WireEntry } from './in-process.ts';
import type { FetchHandler, ManagedTransport } from './transport.ts';

/** What each transport's factory takes. */
export interface TransportOptions {
  http: HttpTransportOptions;
  'in-process': { handler: FetchHandler; wire?: WireEntry };
  msw: { handler: FetchHandler; origins: readonly string[] };
}

/** Names of the registered transports. */
export type TransportName = keyof TransportOptions;

/** One registry entry. */
export interface TransportEntry<N extends TransportName> {
  /** One line for docs and errors. */
  description: string;
  create(options: TransportOptions[N]): Promise<ManagedTransport>;
}

/** Every transport, by name. */
export const TRANSPORTS: { readonly [N in TransportName]: TransportEntry<N> } = {
  http: {
    description: 'any http(s) base URL, through undici: keep-alive, timeout, bounded concurrency, retries before an answer only',
    create: async (o) => (await import('./http.ts')).httpTransport(o),
  },
  'in-process': {
    description: 'a Fetch handler in this process (and its optional wire entry), no sockets',
    create: async (o) => ({ send: (await import('./in-process.ts')).inProcessTransport(o.handler, o.wire), close: async () => {} }),
  },
  msw: {
    description: "intercepts a third-party client's fetch/node:http calls to given origins inside this process and hands them to a Fetch handler",
    create: async (o) => (await import('./msw.ts')).mswTransport(o.handler, o.origins),
  },
};

/** Creates the transport `name`; an unknown name is a usage error that lists the known ones. */
export async function createTransport<N extends TransportName>(name: N, options: TransportOptions[N]): Promise<ManagedTransport> {
  const entry = (TRANSPORTS as Record<string, TransportEntry<N> | undefined>)[name];
  if (!entry) throw new KitError('USAGE', `Unknown transport "${String(name)}"`, `use one of ${Object.keys(TRANSPORTS).join(', ')}`);
  return entry.create(options);
}
