import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { StateEndpointFault } from '../errors/state-endpoint-fault.ts';
import { createSimulator } from '../simulator/simulator.ts';
import { startServer, type SimulatorServer } from '../simulator/server.ts';
import { httpTransport } from '../transports/http.ts';
import { rawStateClient, stateClient } from './state-client.ts';
import type { StateControl } from './target.ts';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

/** Two `conformance serve`-like servers, one per client: the raw exchange and Fetch through `send`. */
async function bothClients(): Promise<Array<[string, StateControl]>> {
  const clients: Array<[string, StateControl]> = [];
  for (const name of ['raw', 'Fetch'] as const) {
    const server: SimulatorServer = await startServer(createSimulator({ record: false }));
    const http = httpTransport({ retries: 0 });
    open.push(server, http);
    const url = `${server.url}/__conformance/state`;
    clients.push([name, name === 'raw' ? rawStateClient(url, http.exchange) : stateClient(url, http.send)]);
  }
  return clients;
}

async function refusal(run: () => Promise<unknown>): Promise<{ status?: number; message: string }> {
  try {
    await run();
  } catch (error) {
    expect(StateEndpointFault.is(error), String(error)).toBe(true);
    return { status: (error as StateEndpointFault).status, message: (error as Error).message.replace(/127\.0\.0\.1:\d+/, 'HOST') };
  }
  throw new Error('expected a StateEndpointFault, got none');
}

/** A plain server that records what it received and answers with `answer`. */
async function recordingServer(answer: (req: IncomingMessage, body: Buffer) => { status: number; body: Buffer | string }): Promise<{ url: string; seen: Array<{ method?: string; url?: string; headers: IncomingMessage['headers']; body: string }> }> {
  const seen: Array<{ method?: string; url?: string; headers: IncomingMessage['headers']; body: string }> = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const { connection: _c, ...headers } = req.headers;
      seen.push({ method: req.method, url: req.url, headers, body: body.toString('utf8') });
      const a = answer(req, body);
      res.writeHead(a.status, { 'content-type': 'application/json' });
      res.end(a.body);
    });
  });
  open.push({ close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/__conformance/state`, seen };
}

describe('rawStateClient (the state protocol over the HTTP transport without Fetch objects)', () => {
  it('sets up, inspects and moves the clock over sockets as the Fetch client does', async () => {
    const seen = [];
    for (const [, client] of await bothClients()) {
      await client.setupDcsInstance({ projectId: 'p1', instanceId: 'd-1', status: 'RUNNING', password: 'Old-pass-123' });
      await client.setupBccInstance({ instanceId: 'i-1', status: 'Running', adminPass: 'Old-pass-123' });
      await client.advanceClock(60);
      seen.push([await client.inspect({ service: 'dcs', projectId: 'p1', instanceId: 'd-1' }), await client.inspect({ service: 'bcc', instanceId: 'i-1' })]);
      await client.reset();
    }
    expect(seen[0]).toEqual(seen[1]);
    expect(seen[0]![0]).toMatchObject({ status: 'RUNNING', password: 'Old-pass-123', failedAttempts: 0 });
  });

  it('puts the same bytes on the wire as the Fetch client (method, path, headers, body)', async () => {
    const server = await recordingServer(() => ({ status: 200, body: '{}' }));
    const http = httpTransport({ retries: 0 });
    open.push(http);
    await rawStateClient(server.url, http.exchange).advanceClock(5);
    await stateClient(server.url, http.send).advanceClock(5);
    expect(server.seen).toHaveLength(2);
    expect(server.seen[0]).toEqual(server.seen[1]);
    expect(server.seen[0]).toMatchObject({ method: 'POST', url: '/__conformance/state', body: '{"action":"setup","state":"clock","params":{"advanceSeconds":5}}' });
    expect(server.seen[0]!.headers['content-type']).toBe('application/json');
  });

  it('turns a refusal into the same StateEndpointFault (status, message) as the Fetch client', async () => {
    const faults = [];
    for (const [, client] of await bothClients()) {
      faults.push(await refusal(() => client.inspect({ service: 'bcc', instanceId: 'nowhere' })));
      faults.push(await refusal(() => client.setupBccInstance({ instanceId: 'i-1', status: 'NOT-A-STATUS' })));
    }
    expect(faults.slice(0, 2)).toEqual(faults.slice(2));
    expect(faults[0]).toMatchObject({ status: 400 });
    expect(faults[0]!.message).toContain('no bcc instance nowhere');
  });

  it('decodes a body that starts with byte-order marks as Fetch does', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const server = await recordingServer(() => ({ status: 200, body: Buffer.concat([bom, bom, Buffer.from('{"status":"Running"}')]) }));
    const http = httpTransport({ retries: 0 });
    open.push(http);
    const raw = await rawStateClient(server.url, http.exchange).inspect({ service: 'bcc', instanceId: 'i-1' });
    const viaFetch = await stateClient(server.url, http.send).inspect({ service: 'bcc', instanceId: 'i-1' });
    expect(raw).toEqual(viaFetch);
  });

  it('reports an endpoint that is down as a StateEndpointFault naming the URL, as the Fetch client does', async () => {
    const server = await recordingServer(() => ({ status: 200, body: '{}' }));
    await open.pop()!.close();
    const http = httpTransport({ retries: 0 });
    open.push(http);
    const raw = await refusal(() => rawStateClient(server.url, http.exchange).reset());
    const viaFetch = await refusal(() => stateClient(server.url, http.send).reset());
    expect(raw).toEqual(viaFetch);
    expect(raw.message).toContain('could not be reached');
    expect(raw.status).toBeUndefined();
  });
});
