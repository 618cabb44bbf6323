import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CREDENTIALS } from '../auth/default-credentials.ts';
import { StateEndpointFault } from '../errors/state-endpoint-fault.ts';
import { createSimulator, type Simulator } from '../simulator/simulator.ts';
import { startServer } from '../simulator/server.ts';
import { SESSIONS_PATH, sessionManager } from '../simulator/sessions.ts';
import { httpTransport } from '../transports/http.ts';
import { encodeRider, INSPECT_RIDER, RIDER_HEADERS, SETUP_RIDER } from '../transports/state-riders.ts';
import { httpKind } from './http-kind.ts';
import { httpTarget } from './http-target.ts';
import { discoverSessions } from './sessions-client.ts';
import { rawStateClient } from './state-client.ts';
import { carriable, inspectKey } from './state-riders.ts';
import type { InspectResult, StateControl, Target } from './target.ts';

// State riders (docs/state-protocol.md, "Riders"): the same messages reach the session in the
// same order as without them, fewer round trips; nothing the kit records or judges changes.

const open: Array<{ close(): Promise<unknown> }> = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(open.splice(0).map((o) => o.close()));
});

const CREDENTIALS = { bcc: DEFAULT_CREDENTIALS.bcc, dcs: { ...DEFAULT_CREDENTIALS.dcs, projectId: 'p-riders' } };

interface Served {
  url: string;
  simulator: Simulator;
  /** Every request the server took: method, path and raw header lines, in arrival order. */
  seen: Array<{ method: string; path: string; raw: string[] }>;
}

async function served(riders: boolean, record = false): Promise<Served> {
  const simulator = createSimulator({ record });
  const server = await startServer(simulator, { riders });
  open.push(server);
  const seen: Served['seen'] = [];
  server.server.prependListener('request', (req) => seen.push({ method: req.method ?? '', path: req.url ?? '', raw: [...req.rawHeaders] }));
  return { url: server.url, simulator, seen };
}

function targetOf(s: Served, riders: boolean): Target & { state: StateControl } {
  const t = httpTarget({ baseUrl: s.url, stateUrl: `${s.url}/__conformance/state`, credentials: CREDENTIALS, riders, transport: { retries: 0, timeoutMs: 5_000 } });
  open.push(t);
  return t as Target & { state: StateControl };
}

/** A plain state client of the same server: what a separate message sees. */
function observer(s: Served): StateControl {
  const http = httpTransport({ retries: 0 });
  open.push(http);
  return rawStateClient(`${s.url}/__conformance/state`, http.exchange);
}

const riderLines = (raw: string[]) => raw.filter((_, i) => i % 2 === 0 && RIDER_HEADERS.has(raw[i]!.toLowerCase()));
const stateMessages = (s: Served) => s.seen.filter((r) => r.path === '/__conformance/state').length;

/** Set-up, change, inspect: a case of the password rules. */
async function aCase(t: Target & { state: StateControl }, instanceId: string, password = 'Next5678!'): Promise<{ status: number | undefined; body: unknown; seen: InspectResult; sent: Record<string, string>; answered: Record<string, string> }> {
  await t.state.setupBccInstance({ instanceId, status: 'Running', adminPass: 'Orig1234!' });
  const result = await t.changePassword({ service: 'bcc', instanceId, password });
  const outcome = result.outcome as { status?: number; body?: unknown };
  const seen = await t.state.inspect({ service: 'bcc', instanceId });
  return { status: outcome.status, body: outcome.body, seen, sent: result.exchange!.request.headers, answered: result.exchange!.response.headers };
}

describe('state riders: what reaches the session', () => {
  it('carries the set-up and the inspect on the API call: one round trip, the same answers as three', async () => {
    const [withRiders, without] = await Promise.all([served(true), served(false)]);
    const a = await aCase(targetOf(withRiders, true), 'i-1');
    const b = await aCase(targetOf(without, false), 'i-1');
    expect(a.status).toBe(200);
    expect({ ...a, sent: undefined, answered: undefined }).toEqual({ ...b, sent: undefined, answered: undefined });
    expect(a.seen.password).toBe('Next5678!');
    // One request on the wire with riders, three without.
    expect(withRiders.seen.map((r) => r.method)).toEqual(['PUT']);
    expect(riderLines(withRiders.seen[0]!.raw).sort()).toEqual([INSPECT_RIDER, SETUP_RIDER]);
    expect(without.seen.map((r) => r.method)).toEqual(['POST', 'PUT', 'POST']);
    // The inspect the call brought back equals a separate one.
    expect(await observer(withRiders).inspect({ service: 'bcc', instanceId: 'i-1' })).toEqual(a.seen);
    // What the kit records of the exchange holds no rider header, either way.
    for (const headers of [a.sent, a.answered]) expect(Object.keys(headers).filter((n) => n.startsWith('x-conformance-'))).toEqual([]);
    expect(Object.keys(a.sent).sort()).toEqual(Object.keys(b.sent).sort());
    expect(Object.keys(a.answered).sort()).toEqual(Object.keys(b.answered).sort());
  });

  it("gives the core the same bytes as a request without riders (the simulators' recorded exchanges are equal)", async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-29T12:00:00Z'));
    const [withRiders, without] = await Promise.all([served(true, true), served(false, true)]);
    // Both servers listen on different ports: the Host line differs, so each target names the other's
    // origin while connecting to its own server (the session's `connectTo`).
    const name = 'http://127.0.0.1:9';
    const make = (s: Served, riders: boolean) => {
      const t = httpTarget({ baseUrl: name, stateUrl: `${name}/__conformance/state`, credentials: CREDENTIALS, riders, transport: { retries: 0, connectTo: { [name]: s.url } } });
      open.push(t);
      return t as Target & { state: StateControl };
    };
    const a = await aCase(make(withRiders, true), 'i-same');
    const b = await aCase(make(without, false), 'i-same');
    expect(a.status).toBe(200);
    expect(riderLines(withRiders.seen[0]!.raw).length).toBe(2);
    // Everything but the answer's random request id.
    const recorded = (s: Served) => s.simulator.recorder.exchanges().map((e) => ({ ...e, seq: undefined, response: { ...e.response, headers: { ...e.response.headers, 'x-bce-request-id': undefined } } }));
    expect(recorded(withRiders)).toHaveLength(1);
    expect(recorded(withRiders)).toEqual(recorded(without));
    expect(JSON.stringify(recorded(withRiders))).not.toMatch(/x-conformance|Orig1234/);
  });

  it('a carried set-up that fails: the API call is not run, and the kit raises the fault the set-up raises without riders', async () => {
    const [withRiders, without] = await Promise.all([served(true, true), served(false, true)]);
    const t = targetOf(withRiders, true);
    await t.state.setupBccInstance({ instanceId: 'i-bad', status: 'Sleeping', adminPass: 'Orig1234!' });
    const carried = await t.changePassword({ service: 'bcc', instanceId: 'i-bad', password: 'Next5678!' }).then(() => undefined, (e: unknown) => e);
    const plain = await targetOf(without, false).state.setupBccInstance({ instanceId: 'i-bad', status: 'Sleeping', adminPass: 'Orig1234!' }).then(() => undefined, (e: unknown) => e);
    expect(StateEndpointFault.is(carried)).toBe(true);
    expect(StateEndpointFault.is(plain)).toBe(true);
    const fault = (e: unknown, url: string) => ({ message: (e as Error).message.split(url).join('URL'), status: (e as StateEndpointFault).status, fix: (e as StateEndpointFault).fix });
    expect(fault(carried, withRiders.url)).toEqual(fault(plain, without.url));
    expect((carried as Error).message).toContain('"bcc instance" (400)');
    // Not run: the core recorded no exchange.
    expect(withRiders.simulator.recorder.total).toBe(0);
    expect(withRiders.seen).toHaveLength(1);
    // The failed set-up is spent: the next message carries nothing and runs.
    const next = await t.changePassword({ service: 'bcc', instanceId: 'i-bad', password: 'Next5678!' });
    expect(next.outcome).toMatchObject({ kind: 'error', status: 404 });
    expect(riderLines(withRiders.seen[1]!.raw)).not.toContain(SETUP_RIDER);
  });

  it('applies a carried message once, however often a retried request carries it', async () => {
    const s = await served(true);
    const state = `${s.url}/__conformance/state`;
    const rider = encodeRider({ client: 'c-1', from: 1, bodies: [JSON.stringify({ action: 'setup', state: 'bcc instance', params: { instanceId: 'i-r', status: 'Running', adminPass: 'First111!' } })] });
    const first = await fetch(state, { method: 'POST', headers: { 'content-type': 'application/json', [SETUP_RIDER]: rider }, body: JSON.stringify({ action: 'setup', state: 'inspect', params: { service: 'bcc', instanceId: 'i-r' } }) });
    expect(((await first.json()) as InspectResult).password).toBe('First111!');
    expect(first.headers.get('x-conformance-applied')).toBe('1');
    await observer(s).setupBccInstance({ instanceId: 'i-r', status: 'Running', adminPass: 'Second22!' });
    const again = await fetch(state, { method: 'POST', headers: { 'content-type': 'application/json', [SETUP_RIDER]: rider }, body: JSON.stringify({ action: 'setup', state: 'inspect', params: { service: 'bcc', instanceId: 'i-r' } }) });
    expect(((await again.json()) as InspectResult).password).toBe('Second22!');
  });

  it("numbers each target's messages on its own: a second target of the same session (a worker's new target) is applied too", async () => {
    const s = await served(true);
    for (const round of [1, 2, 3]) {
      const t = targetOf(s, true);
      const a = await aCase(t, `i-${round}`);
      expect(a.status, `target ${round}`).toBe(200);
      expect(a.seen.password).toBe('Next5678!');
      await t.close();
    }
    // A malformed rider (no client) is refused as a rider fault, the request not run.
    const bad = await fetch(`${s.url}/__conformance/state`, { method: 'POST', headers: { [SETUP_RIDER]: encodeRider({ from: 1, bodies: [] }) }, body: '{}' });
    expect(bad.status).toBe(424);
    expect(bad.headers.get('x-conformance-setup-failed')).toBe('0 400');
    expect(await bad.text()).toMatch(/malformed x-conformance-setup header/);
    // A rider that is not JSON at all: the refusal never quotes it (set-ups carry passwords).
    const garbled = await fetch(`${s.url}/__conformance/state`, { method: 'POST', headers: { [SETUP_RIDER]: Buffer.from('Secret@Pass99 x').toString('base64url') }, body: '{}' });
    expect(garbled.status).toBe(424);
    const text = await garbled.text();
    expect(text).toMatch(/malformed x-conformance-setup header/);
    expect(text).not.toContain('Secret@Pa');
  });

  it('lets concurrent requests all see a set-up deferred before them, as without riders', async () => {
    const [withRiders, without] = await Promise.all([served(true), served(false)]);
    const run = async (t: Target & { state: StateControl }) => {
      await t.state.setupDcsInstance({ projectId: 'p-riders', instanceId: 'd-c', status: 'RUNNING', password: 'OldPass@123' });
      const answers = await Promise.all(Array.from({ length: 6 }, () => t.changePassword({ service: 'dcs', projectId: 'p-riders', instanceId: 'd-c', oldPassword: 'Wrong@1234', newPassword: 'NewPass@456' })));
      const statuses = answers.map((a) => (a.outcome as { status?: number }).status).sort();
      const after = await t.state.inspect({ service: 'dcs', projectId: 'p-riders', instanceId: 'd-c' });
      // Each server's virtual clock starts at its own creation: whether it is locked is what compares.
      return { statuses, after: { ...after, lockedUntil: after.lockedUntil !== null } };
    };
    const [a, b] = [await run(targetOf(withRiders, true)), await run(targetOf(without, false))];
    expect(a).toEqual(b);
    expect(a.after.failedAttempts).toBeGreaterThan(0);
    // No plain set-up message: every carrier took it, the session applied it once.
    expect(stateMessages(withRiders)).toBeLessThanOrEqual(1);
  });
});

describe('state riders: what flushes first', () => {
  it('a deferred set-up followed by an inspect, a clock move, a raw request the draft path cannot carry, a reset, or the end of a case', async () => {
    const [withRiders, without] = await Promise.all([served(true), served(false)]);
    const steps = async (t: Target & { state: StateControl }, url: string): Promise<unknown[]> => {
      const out: unknown[] = [];
      await t.state.setupDcsInstance({ projectId: 'p-riders', instanceId: 'd-1', status: 'RUNNING', password: 'OldPass@123' });
      out.push(await t.state.inspect({ service: 'dcs', projectId: 'p-riders', instanceId: 'd-1' }));
      await t.state.setupDcsInstance({ projectId: 'p-riders', instanceId: 'd-2', status: 'RUNNING', password: 'OldPass@123' });
      await t.state.advanceClock(30);
      out.push(await t.state.inspect({ service: 'dcs', projectId: 'p-riders', instanceId: 'd-2' }));
      await t.state.setupBccInstance({ instanceId: 'i-3', status: 'Running', adminPass: 'Orig1234!' });
      // A method node's server does not take as it is: not carried, the set-up is flushed first.
      const odd = await t.transport!(new Request(`${url}/v2/instance/i-3?changePass`, { method: 'PROPFIND' }));
      out.push(odd.status);
      out.push(await t.state.inspect({ service: 'bcc', instanceId: 'i-3' }));
      await t.state.setupBccInstance({ instanceId: 'i-4', status: 'Running', adminPass: 'Orig1234!' });
      await t.state.reset();
      out.push(await t.state.inspect({ service: 'bcc', instanceId: 'i-4' }).then(() => 'found', (e: unknown) => (e as Error).message.split(url).join('URL')));
      await t.state.setupBccInstance({ instanceId: 'i-5', status: 'Stopped', adminPass: 'Orig1234!' });
      await t.state.flush?.();
      return out;
    };
    const a = await steps(targetOf(withRiders, true), withRiders.url);
    const b = await steps(targetOf(without, false), without.url);
    expect(a).toEqual(b);
    expect(a[4]).toMatch(/refused "inspect" \(400\): no bcc instance i-4/);
    // The end of the case sent the last set-up.
    expect(await observer(withRiders).inspect({ service: 'bcc', instanceId: 'i-5' })).toMatchObject({ status: 'Stopped' });
    const propfind = withRiders.seen.findIndex((r) => r.method === 'PROPFIND');
    expect(riderLines(withRiders.seen[propfind]!.raw)).toEqual([]);
    expect(withRiders.seen[propfind - 1]).toMatchObject({ method: 'POST', path: '/__conformance/state' });
    expect(riderLines(withRiders.seen[propfind - 1]!.raw)).toEqual([]);
    // Fewer round trips, the same messages: every one with riders was sent or carried.
    expect(withRiders.seen.length).toBeLessThan(without.seen.length);
  });

  it('answers an inspect from the last message only while nothing else reached the session', async () => {
    const s = await served(true);
    const t = targetOf(s, true);
    await aCase(t, 'i-c');
    const before = s.seen.length;
    // Another client changes the instance: the kit's next message drops what it knew.
    await observer(s).setupBccInstance({ instanceId: 'i-c', status: 'Stopped', adminPass: 'Other999!' });
    await t.changePassword({ service: 'bcc', instanceId: 'i-c', password: 'Third333!' });
    expect(await t.state.inspect({ service: 'bcc', instanceId: 'i-c' })).toMatchObject({ status: 'Stopped', password: 'Third333!' });
    expect(s.seen.length).toBe(before + 2);
    // An inspect of an instance not watched is a message of its own.
    await expect(t.state.inspect({ service: 'bcc', instanceId: 'i-none' })).rejects.toThrow(/no bcc instance i-none/);
    expect(s.seen.length).toBe(before + 3);
  });

  it('carries only what node passes through unchanged', () => {
    const body = new TextEncoder().encode('{"a":1}');
    expect(carriable('PUT', { host: 'h', 'content-length': '7', authorization: 'x' }, body)).toBe(true);
    expect(carriable('PUT', { 'content-length': '8' }, body)).toBe(false);
    expect(carriable('put', {}, body)).toBe(false);
    expect(carriable('PROPFIND', {}, undefined)).toBe(false);
    for (const name of ['Transfer-Encoding', 'expect', 'connection', 'x-conformance-setup']) expect(carriable('PUT', { [name]: 'v' }, body), name).toBe(false);
    expect(carriable('GET', Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`h${i}`, 'v'])), undefined)).toBe(false);
    expect(carriable('GET', { big: 'v'.repeat(9_000) }, undefined)).toBe(false);
    expect(inspectKey({ service: 'bcc', instanceId: 'i' })).toBe(inspectKey({ service: 'bcc', instanceId: 'i', projectId: undefined }));
    expect(inspectKey({ service: 'bcc', instanceId: 'i', other: 1 } as never)).toBeUndefined();
  });
});

describe('state riders: only where advertised', () => {
  it('a server that does not advertise them never receives a rider header', async () => {
    const s = await served(false);
    const t = targetOf(s, false);
    await aCase(t, 'i-p');
    await t.state.setupDcsInstance({ projectId: 'p-riders', instanceId: 'd-p', status: 'RUNNING', password: 'OldPass@123' });
    await t.state.advanceClock(5);
    expect(s.seen.length).toBe(5);
    for (const r of s.seen) expect(riderLines(r.raw)).toEqual([]);
  });

  it('the sessions offer says so, and the kit takes riders only from a session that offers them', async () => {
    const exchange = (() => {
      const http = httpTransport({ retries: 0 });
      open.push(http);
      return http.exchange;
    })();
    for (const riders of [true, false]) {
      const sessions = sessionManager({ create: () => createSimulator({ record: false }), riders });
      const server = await startServer(createSimulator({ record: false }), { beside: { prefix: SESSIONS_PATH, handle: sessions.handle } });
      open.push(server, sessions);
      const offer = await discoverSessions(server.url, `${server.url}/__conformance/state`, exchange);
      expect(offer?.riders, String(riders)).toBe(riders ? true : undefined);
      const prepared = (await httpKind.prepare!({ kind: 'http', baseUrl: server.url, stateUrl: `${server.url}/__conformance/state` }))!;
      open.push({ close: () => prepared.release() });
      expect(prepared.settings.riders === true).toBe(riders);
    }
  });
});
