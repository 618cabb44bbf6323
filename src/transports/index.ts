/** Transport registry: name → factory. */
export type { Transport, ManagedTransport } from './transport.ts';
export { TransportFault } from './transport.ts';
export { httpTransport, type HttpTransportOptions } from './http.ts';
export { inProcessTransport } from './in-process.ts';
export { mswTransport } from './msw.ts';

/** The transports the kit ships, by name. */
export const TRANSPORTS = ['http', 'in-process', 'msw'] as const;
