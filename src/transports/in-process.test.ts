import { describe, expect, it } from 'vitest';
import { buildBccChangePassword } from '../requests/bcc-requests.ts';
import { DEFAULT_CREDENTIALS } from '../auth/default-credentials.ts';
import { createSimulator } from '../simulator/simulator.ts';
import { inProcessTransport } from './in-process.ts';
import { TransportFault } from '../errors/transport-fault.ts';

const BASE = 'http://simulator.in-process';

/** A simulator with a running BCC instance `i-1`, and the in-process transport into it. */
async function setUp() {
  const simulator = createSimulator({ record: false });
  await simulator.handle(new Request(`${BASE}/__conformance/state`, { method: 'POST', body: JSON.stringify({ action: 'setup', state: 'bcc instance', params: { instanceId: 'i-1', status: 'Running', adminPass: 'Old-pass-123' } }) }));
  return { simulator, transport: inProcessTransport(simulator.handle, simulator.answerWire) };
}

async function both(response: Response): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  // Request ids are random per answer; everything else must match.
  const headers = Object.fromEntries([...response.headers].filter(([name]) => !name.includes('request-id') && name !== 'date'));
  return { status: response.status, headers, body: (await response.text()).replace(/"(requestId|request_id)":"[^"]*"/g, '"$1":"…"') };
}

describe('inProcessTransport', () => {
  it('answers a builder request (known body bytes, wire fast path) as the Fetch handler answers the same bytes', async () => {
    const fast = await setUp();
    const slow = await setUp();
    const now = new Date();
    const built = () => buildBccChangePassword({ baseUrl: BASE, instanceId: 'i-1', password: 'Newpass4567!', credentials: DEFAULT_CREDENTIALS.bcc, now });
    const viaWire = await both(await fast.transport(await built()));
    // A copy of the same request without recorded bytes goes through `handle`, which reads the stream.
    const request = await built();
    const viaStream = await both(await slow.transport(new Request(request.url, { method: request.method, headers: request.headers, body: await request.text() })));
    expect(viaWire).toEqual(viaStream);
    expect(viaWire.status, viaWire.body).toBe(200);
    expect(fast.simulator.store.bcc.get('i-1')?.password).toBe('Newpass4567!');
  });

  it('refuses to send the same request body twice, as fetch and `handle` do', async () => {
    const { transport } = await setUp();
    const request = await buildBccChangePassword({ baseUrl: BASE, instanceId: 'i-1', password: 'Newpass4567!', credentials: DEFAULT_CREDENTIALS.bcc });
    await transport(request);
    const second = await transport(request).then(() => undefined, (error: unknown) => error);
    expect(TransportFault.is(second), String(second)).toBe(true);
  });

  it('answers a request without a body (unknown route) in the vendor format, as `handle` does', async () => {
    const { simulator, transport } = await setUp();
    const viaWire = await both(await transport(new Request(`${BASE}/v2/instance/i-1/nowhere`)));
    const viaHandle = await both(await simulator.handle(new Request(`${BASE}/v2/instance/i-1/nowhere`)));
    expect(viaWire).toEqual(viaHandle);
    expect(viaWire.status).toBeGreaterThanOrEqual(400);
  });

  it('takes any Fetch handler: without a wire entry every request, body and all, goes to the handler', async () => {
    const seen: string[] = [];
    const transport = inProcessTransport(async (request) => {
      seen.push(`${request.method} ${new URL(request.url).pathname} ${await request.text()}`);
      return new Response('{"ok":true}', { status: 201, headers: { 'content-type': 'application/json' } });
    });
    const request = await buildBccChangePassword({ baseUrl: BASE, instanceId: 'i-1', password: 'Newpass4567!', credentials: DEFAULT_CREDENTIALS.bcc });
    const response = await transport(request);
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ ok: true });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/^PUT \/v2\/instance\/i-1 \{/);
  });

  it('reports a handler that throws as a transport fault, never as an answer', async () => {
    const transport = inProcessTransport(async () => {
      throw new Error('handler down');
    });
    const error = await transport(new Request(`${BASE}/x`)).then(() => undefined, (e: unknown) => e);
    expect(TransportFault.is(error), String(error)).toBe(true);
    expect((error as Error).message).toContain('handler down');
  });
});
