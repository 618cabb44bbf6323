import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { withKnownBody } from '../auth/uri-encode.ts';
import { httpTransport } from '../transports/http.ts';
import { rawSendOf } from '../transports/transport.ts';
import { exchange } from './wire-change.ts';

const open: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((close) => close()));
});

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Answers by path: each shape the raw path decodes itself (headers, status, body bytes). */
async function server(): Promise<string> {
  const s: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      switch (req.url) {
        case '/json':
          res.setHeader('set-cookie', ['a=1', 'b=2']);
          res.setHeader('x-twice', ['one', 'two']);
          res.writeHead(400, { 'content-type': 'application/json', 'x-bce-request-id': 'r-1' });
          res.end('{"code":"InvalidParameter","message":"caf\u00e9"}');
          return;
        case '/bom':
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(Buffer.concat([BOM, BOM, Buffer.from('{"ok":true}')]));
          return;
        case '/bad-utf8':
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(Buffer.from([0x61, 0xff, 0xfe, 0x62]));
          return;
        case '/none':
          res.writeHead(204, { 'x-empty': 'yes' });
          res.end();
          return;
        default:
          res.writeHead(200);
          res.end();
      }
    });
  });
  open.push(() => new Promise<void>((r) => { s.closeAllConnections(); s.close(() => r()); }));
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

function request(url: string): Request {
  const text = '{"adminPass":"x"}';
  return withKnownBody(new Request(url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: text }), new TextEncoder().encode(text));
}

describe("exchange over the HTTP transport's raw form", () => {
  it('records the same status, headers, body and JSON as through the Fetch Response', async () => {
    const base = await server();
    const http = httpTransport({ retries: 0 });
    open.push(() => http.close());
    expect(rawSendOf(http.send)).toBeTypeOf('function');
    const viaFetch = (r: Request) => http.send(r); // no raw form registered: the Response path
    expect(rawSendOf(viaFetch)).toBeUndefined();
    for (const path of ['/json', '/bom', '/bad-utf8', '/none', '/empty']) {
      const raw = await exchange(http.send, request(`${base}${path}`));
      const fetched = await exchange(viaFetch, request(`${base}${path}`));
      const { date: _d1, ...rawHeaders } = raw.exchange.response.headers;
      const { date: _d2, ...fetchedHeaders } = fetched.exchange.response.headers;
      expect({ ...raw.exchange, response: { ...raw.exchange.response, headers: rawHeaders } }, path).toEqual({ ...fetched.exchange, response: { ...fetched.exchange.response, headers: fetchedHeaders } });
      expect([raw.status, raw.json], path).toEqual([fetched.status, fetched.json]);
      expect(raw.response.status, path).toBe(fetched.response.status);
      expect(raw.response.headers.get('content-type'), path).toBe(fetched.response.headers.get('content-type'));
    }
    const json = await exchange(http.send, request(`${base}/json`));
    expect(json.exchange.response).toMatchObject({ status: 400, body: '{"code":"InvalidParameter","message":"café"}', headers: { 'x-twice': 'one, two', 'x-bce-request-id': 'r-1' } });
    expect((await exchange(http.send, request(`${base}/bom`))).json).toEqual({ ok: true });
  });
});
