/**
 * The msw transport: intercepts HTTP calls that a third-party client makes inside this
 * process (via `fetch` or `node:http`) and routes them to the simulator. Not for the npm
 * `undici` package, which msw cannot see.
 */
import { setupServer } from 'msw/node';
import type { Simulator } from '../simulator/simulator.ts';
import { simulatorHandlers } from '../simulator/msw-handlers.ts';
import type { ManagedTransport } from './transport.ts';

/** Starts interception of the given origins; `send` is plain `fetch`, which msw answers. */
export function mswTransport(simulator: Simulator, origins: readonly string[]): ManagedTransport {
  const server = setupServer(...simulatorHandlers(simulator, origins));
  server.listen({ onUnhandledRequest: 'bypass' });
  let closed = false;
  return {
    send: (request) => fetch(request),
    close: async () => {
      if (!closed) server.close();
      closed = true;
    },
  };
}
