/**
 * The HTTP server under hostile input (issue 12): framing errors answered in the vendor's
 * error format, internal failures contained, and the DCS lockout exact under a parallel race.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createSimulator, type Simulator } from './simulator.ts';
import { startServer, type SimulatorServer } from './server.ts';
import { DEFAULT_CREDENTIALS } from '../auth/default-credentials.ts';
import { buildDcsChangePassword } from '../requests/dcs-requests.ts';
import { buildBccChangePassword } from '../requests/bcc-requests.ts';
import { rawExchange, requestBytes } from '../../test/hostile/raw-http.ts';

let sim: Simulator;
let srv: SimulatorServer;
const logged: unknown[] = [];

const post = (body: unknown) => fetch(`${srv.url}/__conformance/state`, { method: 'POST', body: JSON.stringify(body) });

beforeAll(async () => {
  sim = createSimulator({ onInternalError: (e) => logged.push(e) });
  srv = await startServer(sim);
  await post({ action: 'setup', state: 'bcc instance', params: { instanceId: 'i-1', status: 'Running' } });
}, 60_000);
afterAll(() => srv.close());

const BCC_ERROR = { requestId: expect.any(String), code: expect.any(String), message: expect.any(String) };
const DCS_ERROR = { error_code: expect.any(String), error_msg: expect.any(String), error_ext_msg: null };

describe('framing errors answer in the vendor error format (defect 9)', () => {
  const cases: Array<[string, (path: string) => Buffer]> = [
    ['both Content-Length and Transfer-Encoding', (p) => requestBytes([`PUT ${p} HTTP/1.1`, 'Host: x', 'Content-Length: 4', 'Transfer-Encoding: chunked'], '0\r\n\r\n')],
    ['a header block over 16 KB', (p) => requestBytes([`PUT ${p} HTTP/1.1`, 'Host: x', `X-Big: ${'a'.repeat(17 * 1024)}`, 'Content-Length: 0'])],
    ['a bad method token', (p) => requestBytes([`P@T ${p} HTTP/1.1`, 'Host: x', 'Content-Length: 0'])],
    ['no Host header', (p) => requestBytes([`PUT ${p} HTTP/1.1`, 'Content-Length: 0'])],
    ['a bad chunk size', (p) => requestBytes([`PUT ${p} HTTP/1.1`, 'Host: x', 'Transfer-Encoding: chunked'], 'zz\r\n')],
  ];
  for (const [name, build] of cases) {
    it(`${name}: BCC-looking request gets a BCC 400 body`, async () => {
      const answer = await rawExchange(srv.port, build('/v2/instance/i-1?changePass'));
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body)).toEqual(BCC_ERROR);
    });
    it(`${name}: DCS-looking request gets a DCS 400 body`, async () => {
      const answer = await rawExchange(srv.port, build('/v2/p/instances/i/password'));
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body)).toEqual(DCS_ERROR);
    });
  }

  it('HTTP/1.0 without Host is still served', async () => {
    const answer = await rawExchange(srv.port, requestBytes(['GET /v2/instance/i-1 HTTP/1.0']));
    expect(answer.status).toBe(403); // unsigned: AccessDenied, in the BCC format
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'AccessDenied' });
  });
});

describe('internal failures over HTTP (defect 2)', () => {
  it('are answered as the vendor 500, logged, and the next request is served', async () => {
    const before = logged.length;
    const change = async () => fetch(await buildBccChangePassword({ baseUrl: srv.url, instanceId: 'i-1', password: 'Abc12345!', credentials: DEFAULT_CREDENTIALS.bcc }));
    sim.store.bcc.get = () => {
      throw new Error('store broke');
    };
    try {
      const bad = await change();
      expect(bad.status).toBe(500);
      expect(await bad.json()).toEqual({ ...BCC_ERROR, code: 'InternalError' });
      expect(logged.length).toBe(before + 1);
      expect((logged.at(-1) as Error).stack).toMatch(/store broke/);
    } finally {
      delete (sim.store.bcc as { get?: unknown }).get; // back to Map.prototype.get
    }
    expect((await change()).status).toBe(200);
  });
});

describe('the lockout under a parallel race (N = 50)', () => {
  it('counts exactly 5 failures every time, over five rounds', async () => {
    for (let round = 0; round < 5; round++) {
      const instanceId = `race-${round}`;
      expect((await post({ action: 'setup', state: 'dcs instance', params: { projectId: 'p1', instanceId, status: 'RUNNING', password: 'OldPass@123' } })).status).toBe(200);
      const requests = await Promise.all(
        Array.from({ length: 50 }, () => buildDcsChangePassword({ baseUrl: srv.url, projectId: 'p1', instanceId, oldPassword: 'Wrong@1234', newPassword: 'NewPass@456', credentials: DEFAULT_CREDENTIALS.dcs })),
      );
      const bodies = await Promise.all(requests.map(async (r) => (await (await fetch(r)).json()) as { result: string; retry_times_left: string }));
      const failed = bodies.filter((b) => b.result === 'passwordFailed');
      expect(failed, `round ${round}`).toHaveLength(5);
      expect(bodies.filter((b) => b.result === 'locked')).toHaveLength(45);
      expect(failed.map((b) => b.retry_times_left).sort()).toEqual(['0', '1', '2', '3', '4']);
      const inspected = (await (await post({ action: 'setup', state: 'inspect', params: { service: 'dcs', projectId: 'p1', instanceId } })).json()) as { failedAttempts: number; lockedUntil: string | null };
      expect(inspected.failedAttempts).toBe(5);
      expect(inspected.lockedUntil).not.toBeNull();
    }
  });
});
