import { createServer } from 'node:http';
import { connect, createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { availableParallelism } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { KitError } from '../errors/kit-error.ts';
import { createSimulator } from '../simulator/simulator.ts';
import { startServer } from '../simulator/server.ts';
import { SESSIONS_PATH, sessionManager, type SessionManager } from '../simulator/sessions.ts';
import { httpTransport } from '../transports/http.ts';
import { CHECKS_IN_FLIGHT, httpKind, type HttpTargetSettings } from './http-kind.ts';
import { discoverSessions, endSessions, openSessions, sessionOfWorker, sessionsUrlOf } from './sessions-client.ts';

const open: Array<{ close(): Promise<unknown> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

async function serveWithSessions(limit = 16): Promise<{ url: string; sessions: SessionManager }> {
  const sessions = sessionManager({ create: () => createSimulator({ record: false }), limit });
  const server = await startServer(createSimulator({ record: false }), { beside: { prefix: SESSIONS_PATH, handle: sessions.handle } });
  open.push(server, sessions);
  return { url: server.url, sessions };
}

async function serveWithout(): Promise<string> {
  const server = await startServer(createSimulator({ record: false }));
  open.push(server);
  return server.url;
}

/** A server answering every request with 200 and `body`. */
async function answering(body: string): Promise<string> {
  const server = createServer((_req, res) => res.end(body));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  open.push({ close: () => new Promise((r) => server.close(r)) });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A TCP forwarder on its own port to `url` (a proxy or a port forward between the kit and the server). */
async function forwarder(url: string): Promise<string> {
  const { port } = new URL(url);
  const sockets = new Set<Socket>();
  const server = createTcpServer((client) => {
    const upstream = connect(Number(port), '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined); // a side that closes first ends the other below
      s.on('close', () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  open.push({ close: () => new Promise((r) => { for (const s of sockets) s.destroy(); server.close(r); }) });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function transport() {
  const http = httpTransport({ retries: 0, timeoutMs: 2_000 });
  open.push(http);
  return http.exchange;
}

const settings = (url: string): HttpTargetSettings => ({ kind: 'http', baseUrl: url, stateUrl: `${url}/__conformance/state` });

describe('the sessions client', () => {
  it('finds the sessions endpoint beside the state endpoint', () => {
    expect(sessionsUrlOf('http://127.0.0.1:8080/__conformance/state')).toBe('http://127.0.0.1:8080/__conformance/sessions');
    expect(sessionsUrlOf('http://127.0.0.1:8080/emu/state')).toBe('http://127.0.0.1:8080/emu/sessions');
  });

  it('discovers what `conformance serve` offers', async () => {
    const { url } = await serveWithSessions(5);
    expect(await discoverSessions(url, `${url}/__conformance/state`, transport())).toEqual({ url: `${url}${SESSIONS_PATH}`, limit: 5, active: 0 });
  });

  it('finds no sessions through a proxy or a port forward: a session would bypass what is in between', async () => {
    const { url } = await serveWithSessions(5);
    const proxied = await forwarder(url);
    expect(await discoverSessions(url, `${url}/__conformance/state`, transport())).toBeDefined();
    expect(await discoverSessions(proxied, `${proxied}/__conformance/state`, transport())).toBeUndefined();
    expect(await httpKind.prepare!(settings(proxied))).toBeUndefined();
  });

  it('finds no sessions where there are none: no endpoint, another answer, no answer, or a state endpoint of another origin', async () => {
    const plain = await serveWithout();
    expect(await discoverSessions(plain, `${plain}/__conformance/state`, transport())).toBeUndefined();
    const html = await answering('<html>hello</html>');
    expect(await discoverSessions(html, `${html}/__conformance/state`, transport())).toBeUndefined();
    const otherJson = await answering('{"protocol":"something-else/1","limit":4,"active":0}');
    expect(await discoverSessions(otherJson, `${otherJson}/__conformance/state`, transport())).toBeUndefined();
    expect(await discoverSessions('http://127.0.0.1:1', 'http://127.0.0.1:1/__conformance/state', transport())).toBeUndefined();
    const { url } = await serveWithSessions();
    expect(await discoverSessions('http://127.0.0.1:9', `${url}/__conformance/state`, transport())).toBeUndefined();
  });

  it('opens as many sessions as wanted and free, and ends them', async () => {
    const { url, sessions } = await serveWithSessions(3);
    const exchange = transport();
    const offer = (await discoverSessions(url, `${url}/__conformance/state`, exchange))!;
    const opened = await openSessions(offer, 8, exchange);
    expect(opened).toHaveLength(3);
    expect(new Set(opened.map((s) => s.origin)).size).toBe(3);
    expect(sessions.active).toBe(3);
    await endSessions(opened, exchange);
    expect(sessions.active).toBe(0);
    // Ending them again (timed out, server stopped) is no error.
    await endSessions(opened, exchange);
  });

  it('says what failed and how to fix it when no session opens', async () => {
    const { url } = await serveWithSessions(1);
    const exchange = transport();
    const offer = (await discoverSessions(url, `${url}/__conformance/state`, exchange))!;
    await openSessions(offer, 1, exchange);
    const error = await openSessions({ ...offer, active: 0 }, 2, exchange).catch((e: unknown) => e);
    expect(KitError.is(error), String(error)).toBe(true);
    expect((error as KitError).code).toBe('USAGE');
    expect((error as Error).message).toContain(`Could not open an isolated session at ${url}${SESSIONS_PATH} for the suite workers (429: all 1 sessions are in use`);
    expect((error as KitError).fix).toMatch(/--max-sessions/);
    const gone = await openSessions({ url: 'http://127.0.0.1:1/__conformance/sessions', limit: 4, active: 0 }, 2, exchange).catch((e: unknown) => e);
    expect((gone as KitError).code).toBe('TARGET_UNREACHABLE');
  });

  it('gives each live suite worker (VITEST_POOL_ID 1…n) its own session, and refuses a worker without one', () => {
    const opened = [1, 2].map((i) => ({ id: `s${i}`, origin: `http://127.0.0.1:${4000 + i}`, endUrl: `u${i}` }));
    expect(sessionOfWorker(opened, '1').id).toBe('s1');
    expect(sessionOfWorker(opened, '2').id).toBe('s2');
    expect(() => sessionOfWorker(opened, '3')).toThrow(/Suite worker 3 has no isolated session of its own \(2 opened\)/);
    expect(() => sessionOfWorker(opened, undefined)).toThrow(/no VITEST_POOL_ID/);
  });
});

describe('the http kind with sessions', () => {
  it('opens one session per core when the state endpoint offers them, runs that many workers with their checks overlapping, and ends them on release', async () => {
    const { url, sessions } = await serveWithSessions();
    const prepared = (await httpKind.prepare!(settings(url)))!;
    expect(prepared.settings.sessions).toHaveLength(Math.min(availableParallelism(), 16));
    expect(prepared.settings.baseUrl).toBe(url);
    expect(httpKind.workers!(prepared.settings)).toBe(prepared.settings.sessions!.length);
    expect(httpKind.checksInFlight!(prepared.settings)).toBe(CHECKS_IN_FLIGHT);
    expect(sessions.active).toBe(prepared.settings.sessions!.length);
    await prepared.release();
    expect(sessions.active).toBe(0);
  });

  it("keeps today's single shared target for a server without the capability, a live run, or no state URL", async () => {
    const plain = await serveWithout();
    expect(await httpKind.prepare!(settings(plain))).toBeUndefined();
    expect(httpKind.workers!(settings(plain))).toBe('default');
    // Checks overlap only against a session of the worker's own.
    expect(httpKind.checksInFlight!(settings(plain))).toBe(1);
    const { url, sessions } = await serveWithSessions();
    expect(await httpKind.prepare!({ kind: 'http', baseUrl: url })).toBeUndefined();
    expect(sessions.active).toBe(0);
  });

  it('builds a worker target that names the given URL but talks to its own session', async () => {
    const { url } = await serveWithSessions();
    const prepared = (await httpKind.prepare!(settings(url)))!;
    open.push({ close: () => prepared.release() });
    const previous = process.env.VITEST_POOL_ID;
    process.env.VITEST_POOL_ID = '1';
    try {
      const target = await httpKind.create(prepared.settings, { timed: (f) => f, timedSync: (f) => f });
      open.push({ close: async () => target.close?.() });
      expect(target.name).toBe(url);
      expect(target.baseUrl).toBe(url);
      await target.state!.advanceClock(7200);
      // The parent's clock did not move: the move went to the session.
      const answer = await transport()('POST', `${url}/__conformance/state`, {}, new TextEncoder().encode(JSON.stringify({ action: 'setup', state: 'clock', params: { advanceSeconds: 0 } })));
      const parent = JSON.parse(new TextDecoder().decode(answer.body)) as { now: string };
      expect(Math.abs(Date.parse(parent.now) - Date.now())).toBeLessThan(60_000);
    } finally {
      if (previous === undefined) delete process.env.VITEST_POOL_ID;
      else process.env.VITEST_POOL_ID = previous;
    }
  });
});
