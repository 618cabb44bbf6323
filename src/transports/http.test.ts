import { describe, it, expect, afterEach } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpTransport } from './http.ts';
import { withKnownBody } from '../auth/uri-encode.ts';
import { TransportFault } from '../errors/transport-fault.ts';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => { s.closeAllConnections(); s.close(r); })));
});

function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

describe('http transport', () => {
  it('sends method, headers and body, and returns status, headers and body', async () => {
    const url = await serve((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        res.writeHead(201, { 'x-echo-method': req.method!, 'x-echo-host': req.headers.host!, 'content-type': 'application/json' });
        res.end(JSON.stringify({ body, auth: req.headers.authorization }));
      });
    });
    const t = httpTransport();
    const res = await t.send(new Request(`${url}/p?q`, { method: 'PUT', headers: { authorization: 'x', host: 'custom.example:1' }, body: '{"a":1}' }));
    expect(res.status).toBe(201);
    expect(res.headers.get('x-echo-method')).toBe('PUT');
    expect(res.headers.get('x-echo-host')).toBe('custom.example:1');
    expect(await res.json()).toEqual({ body: '{"a":1}', auth: 'x' });
    await t.close();
  });

  it('never retries an HTTP answer, even a 503', async () => {
    let hits = 0;
    const url = await serve((_req, res) => {
      hits++;
      res.writeHead(503).end();
    });
    const t = httpTransport({ retries: 3 });
    expect((await t.send(new Request(url, { method: 'PUT', body: 'x' }))).status).toBe(503);
    expect(hits).toBe(1);
    await t.close();
  });

  it('retries a dropped connection and then succeeds', async () => {
    let hits = 0;
    const url = await serve((req, res) => {
      hits++;
      if (hits === 1) req.socket.destroy();
      else res.end('ok');
    });
    const t = httpTransport({ retries: 2, retryDelayMs: 1 });
    const res = await t.send(new Request(url));
    expect(await res.text()).toBe('ok');
    expect(hits).toBe(2);
    await t.close();
  });

  it('reports refused connections as a TransportFault after the retries', async () => {
    const url = await serve((_q, s) => s.end());
    await new Promise((r) => { servers[0]!.close(r); });
    servers.length = 0;
    const t = httpTransport({ retries: 2, retryDelayMs: 1 });
    const error = await t.send(new Request(url)).catch((e: unknown) => e);
    expect(TransportFault.is(error)).toBe(true);
    expect((error as TransportFault).kind).toBe('refused');
    expect(t.attempts()).toBe(3);
    await t.close();
  });

  it('times out a server that never answers, without retrying it', async () => {
    let hits = 0;
    const url = await serve(() => {
      hits++; // never answers
    });
    // 1 s, not less: on a loaded machine a shorter timeout has fired before the request reached
    // the server at all (hits 0), which is a timeout too but not the one this test is about.
    const t = httpTransport({ timeoutMs: 1_000, retries: 2 });
    const error = await t.send(new Request(url)).catch((e: unknown) => e);
    expect(TransportFault.is(error) && error.kind).toBe('timeout');
    expect(hits).toBe(1);
    await t.close();
  });

  it('keeps at most `concurrency` requests in flight and reuses connections', async () => {
    let inFlight = 0;
    let peak = 0;
    const sockets = new Set<unknown>();
    const url = await serve((req, res) => {
      sockets.add(req.socket);
      inFlight++;
      peak = Math.max(peak, inFlight);
      setTimeout(() => {
        inFlight--;
        res.end('ok');
      }, 20);
    });
    const t = httpTransport({ concurrency: 3 });
    await Promise.all(Array.from({ length: 12 }, () => t.send(new Request(url)).then((r) => r.text())));
    expect(peak).toBe(3);
    expect(sockets.size).toBeLessThanOrEqual(3);
    await t.close();
  });
  // undici's Agent (7.30) closed an origin's pool when its count of open connections reached zero, a
  // count kept under the origin: after one reset socket with a request waiting (undici resets its socket
  // after every HEAD), each pool's last disconnect closed the pool made after it, so every later request
  // opened a new connection (301 for 300 here). The transport keeps one pool per origin instead.
  for (const engine of ['dispatch', 'request'] as const) {
    it(`keeps reusing connections after undici resets one (a HEAD), one request at a time (${engine})`, async () => {
      let connections = 0;
      const url = await serve((req, res) => {
        req.resume();
        req.on('end', () => res.end('ok'));
      });
      servers.at(-1)!.on('connection', () => connections++);
      const t = httpTransport({ engine });
      await Promise.all([t.exchange('PUT', `${url}/a`, {}, new Uint8Array(3)), t.exchange('PUT', `${url}/b`, {}, new Uint8Array(3))]);
      for (const method of ['HEAD', 'HEAD', 'PUT', 'HEAD']) expect((await t.exchange(method, `${url}/x`, {}, method === 'HEAD' ? undefined : new Uint8Array(5))).status).toBe(200);
      const before = connections;
      for (let i = 0; i < 200; i++) expect((await t.exchange('PUT', `${url}/p`, {}, new Uint8Array(4))).status).toBe(200);
      expect(connections - before).toBeLessThanOrEqual(3);
      await t.close();
    });
  }

  it('sends the body bytes a builder recorded as a stream read would, and refuses to send that request twice as fetch does', async () => {
    const bodies: string[] = [];
    const url = await serve((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        bodies.push(`${req.headers['content-length']} ${body}`);
        res.end('ok');
      });
    });
    const t = httpTransport();
    const text = '{"adminPass":"\u00e9t\u00e9"}';
    const known = withKnownBody(new Request(`${url}/k`, { method: 'PUT', body: text }), new TextEncoder().encode(text));
    const streamed = new Request(`${url}/s`, { method: 'PUT', body: text });
    expect((await t.send(known)).status).toBe(200);
    expect((await t.send(streamed)).status).toBe(200);
    expect(bodies[0]).toBe(bodies[1]);
    expect(bodies[0]).toBe(`${Buffer.byteLength(text)} ${text}`);
    for (const again of [known, streamed]) await expect(t.send(again)).rejects.toThrow(/Body is unusable/);
    expect(bodies).toHaveLength(2);
    await t.close();
  });
});
