import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TransportFault } from '../errors/transport-fault.ts';
import { httpTransport } from './http.ts';

const open: Array<{ close(): unknown }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

interface Seen {
  rawHeaders: string[];
  method?: string;
  url?: string;
  body: string;
}

/** A server that records each request as received (raw header lines and body) and answers its own name. */
async function recorder(name: string): Promise<{ origin: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ rawHeaders: req.rawHeaders, method: req.method, url: req.url, body: Buffer.concat(chunks).toString() });
      res.writeHead(200, { 'content-type': 'text/plain', 'x-server': name });
      res.end(name);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  open.push({ close: () => new Promise((r) => server.close(r)) }, { close: () => server.closeAllConnections() });
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

describe('http transport: connectTo (connections to one origin open to another)', () => {
  it('sends the very request it sends without connectTo (URL, Host, headers, body), only to the other server', async () => {
    const named = await recorder('named');
    const session = await recorder('session');
    const plain = httpTransport({ retries: 0 });
    const redirected = httpTransport({ retries: 0, connectTo: { [named.origin]: session.origin } });
    open.push(plain, redirected);
    const request = () => new Request(`${named.origin}/v2/instance/i-1?changePass`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: 'bce-auth-v1/x' }, body: '{"adminPass":"x"}' });

    const viaPlain = await plain.send(request());
    const viaRedirect = await redirected.send(request());
    expect(await viaPlain.text()).toBe('named');
    expect(await viaRedirect.text()).toBe('session');
    expect(named.seen).toHaveLength(1);
    expect(session.seen).toHaveLength(1);
    // Byte for byte the same request: the Host still names the origin the request was built for.
    expect(session.seen[0]).toEqual(named.seen[0]);
    expect(session.seen[0]!.rawHeaders).toContain(named.origin.slice('http://'.length));

    // The raw exchange goes the same way.
    const raw = await redirected.exchange('POST', `${named.origin}/__conformance/state`, { 'content-type': 'application/json' }, new TextEncoder().encode('{}'));
    expect(new TextDecoder().decode(raw.body)).toBe('session');
    expect(session.seen[1]!.url).toBe('/__conformance/state');
  });

  it('leaves other origins alone', async () => {
    const named = await recorder('named');
    const other = await recorder('other');
    const session = await recorder('session');
    const t = httpTransport({ retries: 0, connectTo: { [named.origin]: session.origin } });
    open.push(t);
    expect(await (await t.send(new Request(`${other.origin}/x`))).text()).toBe('other');
    expect(session.seen).toHaveLength(0);
  });

  it('reports a session that is gone as the refused connection it is', async () => {
    const named = await recorder('named');
    const gone = await recorder('gone');
    open.splice(-2).forEach((o) => void o.close());
    await new Promise((r) => setTimeout(r, 50));
    const t = httpTransport({ retries: 0, connectTo: { [named.origin]: gone.origin } });
    open.push(t);
    const error = await t.send(new Request(`${named.origin}/x`)).catch((e: unknown) => e);
    expect(TransportFault.is(error), String(error)).toBe(true);
    expect((error as TransportFault).kind).toBe('refused');
    expect(named.seen).toHaveLength(0);
  });
});
