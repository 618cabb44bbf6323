import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { connect } from 'node:net';
import { request as httpRequest } from 'node:http';
import { createSimulator, type Simulator } from './simulator.ts';
import { startServer, type SimulatorServer } from './server.ts';
import { DEFAULT_CREDENTIALS } from '../auth/default-credentials.ts';
import { buildDcsChangePassword } from '../requests/dcs-requests.ts';
import { buildBccChangePassword } from '../requests/bcc-requests.ts';

let sim: Simulator;
let srv: SimulatorServer;

const post = (body: unknown) => fetch(`${srv.url}/__conformance/state`, { method: 'POST', body: JSON.stringify(body) });

beforeAll(async () => {
  sim = createSimulator();
  srv = await startServer(sim);
});
afterAll(() => srv.close());

describe('simulator over HTTP', () => {
  it('listens on 127.0.0.1 on an OS-picked port', () => {
    expect(srv.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(srv.port).toBeGreaterThan(0);
  });

  it('serves a signed BCC change end to end', async () => {
    expect((await post({ action: 'setup', state: 'bcc instance', params: { instanceId: 'i-1', status: 'Stopped' } })).status).toBe(200);
    const res = await fetch(await buildBccChangePassword({ baseUrl: srv.url, instanceId: 'i-1', password: 'Abc12345!', credentials: DEFAULT_CREDENTIALS.bcc }));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-bce-request-id')).toBeTruthy();
  });

  it('keeps at most five failures under concurrent wrong attempts over real sockets', async () => {
    await post({ action: 'setup', state: 'dcs instance', params: { projectId: 'p1', instanceId: 'race', status: 'RUNNING', password: 'OldPass@123' } });
    const requests = await Promise.all(
      Array.from({ length: 20 }, () => buildDcsChangePassword({ baseUrl: srv.url, projectId: 'p1', instanceId: 'race', oldPassword: 'Wrong@1234', newPassword: 'NewPass@456', credentials: DEFAULT_CREDENTIALS.dcs })),
    );
    const bodies = await Promise.all(requests.map(async (r) => (await (await fetch(r)).json()) as { result: string; retry_times_left: string }));
    expect(bodies.filter((b) => b.result === 'passwordFailed')).toHaveLength(5);
    expect(bodies.filter((b) => b.result === 'locked')).toHaveLength(15);
    expect(new Set(bodies.filter((b) => b.result === 'passwordFailed').map((b) => b.retry_times_left))).toEqual(new Set(['4', '3', '2', '1', '0']));
  });

  it('answers 400 to a malformed HTTP request instead of crashing', async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(srv.port, '127.0.0.1', () => socket.write('GARBAGE /\x00 HTTP/9.9\r\n\r\n'));
      let data = '';
      socket.on('data', (d) => (data += d.toString()));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    expect((await post({ action: 'setup', state: 'reset' })).status).toBe(200);
  });

  it('caps the body size without buffering it all', async () => {
    const big = 'x'.repeat(sim.maxBodyBytes + 10);
    const res = await fetch(`${srv.url}/v2/instance/i-1?changePass`, { method: 'PUT', body: big, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(413);
  });
});

/** Sends a signed BCC change with its headers as given (plus extras) and its body in separate writes. */
async function sendRaw(extraHeaders: Array<[string, string]>, bodyParts: (body: string) => string[]): Promise<{ status: number; body: string }> {
  await post({ action: 'setup', state: 'bcc instance', params: { instanceId: 'i-raw', status: 'Running' } });
  const signed = await buildBccChangePassword({ baseUrl: srv.url, instanceId: 'i-raw', password: 'Abc12345!', credentials: DEFAULT_CREDENTIALS.bcc });
  const body = await signed.text();
  const headers: Array<[string, string]> = [...signed.headers.entries(), ...extraHeaders];
  return new Promise((resolve, reject) => {
    const url = new URL(signed.url);
    const req = httpRequest({ host: url.hostname, port: url.port, method: 'PUT', path: `${url.pathname}${url.search}`, headers: headers.flat(), agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    const parts = bodyParts(body);
    const writeNext = (i: number): void => {
      if (i === parts.length) return void req.end();
      req.write(parts[i]!);
      setTimeout(() => writeNext(i + 1), 20); // separate TCP segments, so the server sees several chunks
    };
    writeNext(0);
  });
}

describe('HTTP adapter details', () => {
  it('reads a body that arrives in several chunks', async () => {
    const answer = await sendRaw([], (body) => [body.slice(0, 5), body.slice(5, 20), body.slice(20)]);
    expect(answer.status, answer.body).toBe(200);
  });

  it('reads a repeated header as Fetch does (joined), not first-wins as node\'s req.headers would', async () => {
    const valid = await sendRaw([], (body) => [body]);
    expect(valid.status).toBe(200);
    const signed = await buildBccChangePassword({ baseUrl: srv.url, instanceId: 'i-raw', password: 'Abc12345!', credentials: DEFAULT_CREDENTIALS.bcc });
    const repeated = await sendRaw([['authorization', signed.headers.get('authorization')!]], (body) => [body]);
    expect(repeated.status).toBeGreaterThanOrEqual(400);
    expect(repeated.body).toContain('malformed');
  });
});

describe('state endpoint', () => {
  it('answers 400 with an error for unknown states and bad params', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ action: 'setup', state: 'nope' }, /unknown state "nope"; known states: bcc instance/],
      [{ action: 'setup', state: 'bcc instance', params: { instanceId: 'i', status: 'Sleeping' } }, /use one of: Running/],
      [{ action: 'setup', state: 'dcs instance', params: { projectId: 'p', instanceId: 'i', status: 'RUNNING' } }, /params.password/],
      [{ action: 'setup', state: 'clock', params: { advanceSeconds: 'ten' } }, /advanceSeconds must be a number/],
      [{ action: 'setup', state: 'clock', params: { advanceSeconds: -5 } }, /non-negative/],
      [{ action: 'setup', state: 'inspect', params: { service: 'bcc', instanceId: 'missing' } }, /no bcc instance missing/],
      [{ action: 'destroy', state: 'reset' }, /action must be "setup" or "teardown"/],
      ['not json', /must be JSON/],
    ];
    for (const [body, message] of cases) {
      const res = await fetch(`${srv.url}/__conformance/state`, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body) });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(message);
    }
  });

  it('teardown with any state resets everything', async () => {
    await post({ action: 'setup', state: 'bcc instance', params: { instanceId: 'i-t', status: 'Running' } });
    expect((await post({ action: 'teardown', state: 'whatever' })).status).toBe(200);
    expect(sim.store.bcc.size).toBe(0);
    expect(sim.recorder.exchanges()).toHaveLength(0);
  });

  it('answers only loopback clients', async () => {
    const res = await sim.handleWire({ method: 'POST', rawPath: '/__conformance/state', rawQuery: '', headers: new Headers(), body: new TextEncoder().encode('{"action":"setup","state":"reset"}'), remoteAddress: '192.0.2.7' });
    expect(res.status).toBe(403);
    const ok = await sim.handleWire({ method: 'POST', rawPath: '/__conformance/state', rawQuery: '', headers: new Headers(), body: new TextEncoder().encode('{"action":"setup","state":"reset"}'), remoteAddress: '::ffff:127.0.0.1' });
    expect(ok.status).toBe(200);
  });

  it('does not exist when disabled', async () => {
    const off = createSimulator({ stateEndpoint: false });
    const res = await off.handle(new Request('http://x/__conformance/state', { method: 'POST', body: '{}' }));
    expect(res.status).toBe(404);
  });
});
