/**
 * The msw transport: intercepts HTTP calls that a third-party client makes inside this
 * process (via `fetch` or `node:http`) and hands them to a Fetch handler (e.g. the embedded
 * simulator's `handle`). Not for the npm `undici` package, which msw cannot see.
 */
import { http } from 'msw';
import { setupServer } from 'msw/node';
import type { FetchHandler, ManagedTransport } from './transport.ts';

/** Starts interception of the given origins (e.g. `https://bcc.bj.baidubce.com`); `send` is plain `fetch`, which msw answers. */
export function mswTransport(handler: FetchHandler, origins: readonly string[]): ManagedTransport {
  const server = setupServer(...origins.map((origin) => http.all(`${origin.replace(/\/$/, '')}/*`, ({ request }) => handler(request))));
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
