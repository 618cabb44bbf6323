import { afterEach, describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from './simulator.ts';
import { startServer, type SimulatorServer } from './server.ts';
import { SESSIONS_PATH, SESSIONS_PROTOCOL, sessionManager, type SessionManager, type SessionOptions } from './sessions.ts';
import { SESSIONS_PROTOCOL as CLIENT_PROTOCOL } from '../targets/sessions-client.ts';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

/** A served simulator with sessions, as `conformance serve` wires it. */
async function served(options: Partial<SessionOptions> = {}): Promise<{ server: SimulatorServer; sessions: SessionManager; parent: Simulator; made: Simulator[] }> {
  const parent = createSimulator({ record: false });
  const made: Simulator[] = [];
  const sessions = sessionManager({
    create() {
      const s = createSimulator({ record: false });
      made.push(s);
      return s;
    },
    ...options,
  });
  const server = await startServer(parent, { beside: { prefix: SESSIONS_PATH, handle: sessions.handle } });
  open.push(server, sessions);
  return { server, sessions, parent, made };
}

async function json(res: Response): Promise<Record<string, unknown>> {
  return (await res.json()) as Record<string, unknown>;
}

const state = (stateUrl: string, s: string, params: Record<string, unknown>) => fetch(stateUrl, { method: 'POST', body: JSON.stringify({ action: 'setup', state: s, params }) }).then(json);
const createSession = (url: string) => fetch(`${url}${SESSIONS_PATH}`, { method: 'POST', body: '{}' });

describe('isolated sessions of conformance serve', () => {
  it('says what it offers on GET, in the protocol the kit looks for', async () => {
    const { server } = await served({ limit: 3, idleSeconds: 60 });
    const res = await fetch(`${server.url}${SESSIONS_PATH}`);
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ protocol: SESSIONS_PROTOCOL, limit: 3, active: 0, idleTimeoutSeconds: 60, port: Number(new URL(server.url).port) });
    // The client side names the same protocol (it may not import the simulator).
    expect(CLIENT_PROTOCOL).toBe(SESSIONS_PROTOCOL);
  });

  it('creates a simulator of its own per session, on its own loopback port, isolated from the others and the parent', async () => {
    const { server, made, parent } = await served();
    const [a, b] = await Promise.all([createSession(server.url).then(json), createSession(server.url).then(json)]);
    expect(made).toHaveLength(2);
    for (const s of [a, b]) {
      expect(s.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(s.baseUrl).not.toBe(server.url);
      expect(s.stateUrl).toBe(`${s.baseUrl}/__conformance/state`);
      expect(s.url).toBe(`${SESSIONS_PATH}/${s.id}`);
    }
    expect(a.baseUrl).not.toBe(b.baseUrl);
    // A clock move in one session is invisible in the other and in the parent.
    const before = (await state(b.stateUrl as string, 'clock', { advanceSeconds: 0 })).now as string;
    const moved = (await state(a.stateUrl as string, 'clock', { advanceSeconds: 3600 })).now as string;
    expect(Date.parse(moved) - Date.parse(before)).toBeGreaterThanOrEqual(3600_000 - 1000);
    const after = (await state(b.stateUrl as string, 'clock', { advanceSeconds: 0 })).now as string;
    expect(Math.abs(Date.parse(after) - Date.parse(before))).toBeLessThan(60_000);
    expect(Math.abs(parent.clock.now().getTime() - Date.parse(before))).toBeLessThan(60_000);
    // So is an instance.
    await state(a.stateUrl as string, 'bcc instance', { instanceId: 'i-a', status: 'Running' });
    expect(made[0]!.store.bcc.has('i-a') || made[1]!.store.bcc.has('i-a')).toBe(true);
    expect(made[0]!.store.bcc.has('i-a') && made[1]!.store.bcc.has('i-a')).toBe(false);
    expect(parent.store.bcc.has('i-a')).toBe(false);
    const inB = await state(b.stateUrl as string, 'inspect', { service: 'bcc', instanceId: 'i-a' });
    expect(inB.error).toMatch(/no bcc instance i-a/);
  });

  it('ends a session on DELETE: its port closes, a second DELETE is a 404', async () => {
    const { server, sessions } = await served();
    const s = await createSession(server.url).then(json);
    expect(sessions.active).toBe(1);
    const end = await fetch(`${server.url}${s.url as string}`, { method: 'DELETE' });
    expect(end.status).toBe(200);
    expect(sessions.active).toBe(0);
    await expect(fetch(`${s.stateUrl as string}`, { method: 'POST', body: '{}' })).rejects.toThrow();
    const again = await fetch(`${server.url}${s.url as string}`, { method: 'DELETE' });
    expect(again.status).toBe(404);
    expect((await json(again)).error).toMatch(/no session/);
  });

  it('refuses a session over the limit with what failed and how to fix it', async () => {
    const { server } = await served({ limit: 2 });
    expect((await createSession(server.url)).status).toBe(201);
    expect((await createSession(server.url)).status).toBe(201);
    const third = await createSession(server.url);
    expect(third.status).toBe(429);
    const body = await json(third);
    expect(body.error).toBe('all 2 sessions are in use');
    expect(body.fix).toMatch(/--max-sessions/);
    expect(await fetch(`${server.url}${SESSIONS_PATH}`).then(json)).toMatchObject({ limit: 2, active: 2 });
  });

  it('answers a failing start as a 500 with the reason, and counts it against nothing', async () => {
    const { server, sessions } = await served({
      create() {
        throw new Error('no memory left');
      },
    });
    const res = await createSession(server.url);
    expect(res.status).toBe(500);
    expect((await json(res)).error).toBe('could not start a session: no memory left');
    expect(sessions.active).toBe(0);
  });

  it('ends idle sessions (no connection for the timeout), never one with a connection open', async () => {
    let now = 1_000_000;
    const { server, sessions } = await served({ idleSeconds: 10, now: () => now });
    const idle = await createSession(server.url).then(json);
    const busy = await createSession(server.url).then(json);
    // Hold a connection open to the busy one.
    const { request } = await import('node:http');
    const held = request(`${busy.baseUrl as string}/__conformance/state`, { method: 'POST', agent: false, headers: { 'content-length': '1000' } });
    held.on('error', () => undefined);
    held.write('{');
    await new Promise((r) => setTimeout(r, 100));
    now += 5_000;
    expect(await sessions.sweep()).toEqual([]);
    now += 6_000;
    expect(await sessions.sweep()).toEqual([idle.id]);
    expect(sessions.active).toBe(1);
    held.destroy();
  });

  it('ends every session when the server stops, and starts none after', async () => {
    const { server, sessions } = await served();
    const s = await createSession(server.url).then(json);
    await sessions.close();
    expect(sessions.active).toBe(0);
    await expect(fetch(`${s.stateUrl as string}`, { method: 'POST', body: '{}' })).rejects.toThrow();
    expect((await createSession(server.url)).status).toBe(503);
  });

  it('answers other methods and paths with the way to use it; the simulator keeps every other path', async () => {
    const { server } = await served();
    expect((await fetch(`${server.url}${SESSIONS_PATH}`, { method: 'PUT' })).status).toBe(405);
    expect((await fetch(`${server.url}${SESSIONS_PATH}/x`, { method: 'GET' })).status).toBe(405);
    expect((await fetch(`${server.url}${SESSIONS_PATH}/x/y`, { method: 'DELETE' })).status).toBe(404);
    const st = await state(`${server.url}/__conformance/state`, 'clock', { advanceSeconds: 0 });
    expect(st.ok).toBe(true);
  });
});
