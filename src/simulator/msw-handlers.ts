/**
 * msw request handlers that route a third-party client's HTTP calls, made inside this
 * process, to the simulator. msw patches `globalThis.fetch` and `node:http`; the npm
 * `undici` package bypasses it.
 */
import { http, type HttpHandler } from 'msw';
import type { Simulator } from './simulator.ts';

/** Handlers for every request to the given origins (e.g. `https://bcc.bj.baidubce.com`). */
export function simulatorHandlers(simulator: Simulator, origins: readonly string[]): HttpHandler[] {
  return origins.map((origin) => http.all(`${origin.replace(/\/$/, '')}/*`, ({ request }) => simulator.handle(request)));
}
