/**
 * The HTTP transport's dispatcher path (`engine: 'dispatch'`, the default: the agent's `dispatch`
 * with one timer per request) side by side with the path it shortcuts (`engine: 'request'`:
 * undici's `request()` with an `AbortSignal.timeout`), and the draft form (`withDraftSend`)
 * side by side with sending the draft's `Request`: the same bytes on the wire, the same answers,
 * the same faults (a timeout is still a TransportFault of kind `timeout`).
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { newDraft, requestOf, type RequestDraft } from '../auth/request-draft.ts';
import { TransportFault } from '../errors/transport-fault.ts';
import { exchange, exchangeDraft } from '../targets/wire-change.ts';
import { httpTransport, type HttpTransport } from './http.ts';
import { draftSendOf, rawSendOf, type RawAnswer } from './transport.ts';

const open: Array<{ close(): unknown }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

/** What a scripted server does with one request it has read in full. */
type Script = (socket: Socket, request: Buffer) => void;

/**
 * A TCP server that reads each HTTP/1.1 request as bytes (head, then `content-length` bytes of
 * body), keeps them, and lets `script` answer with any bytes at all.
 */
async function rawServer(script: Script): Promise<{ origin: string; seen: Buffer[] }> {
  const seen: Buffer[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      for (;;) {
        const end = buffered.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buffered.subarray(0, end).toString('latin1');
        const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
        if (buffered.length < end + 4 + length) return;
        const request = buffered.subarray(0, end + 4 + length);
        buffered = buffered.subarray(end + 4 + length);
        seen.push(Buffer.from(request));
        script(socket, request);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  open.push({
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  });
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const answer = (text: string): Script => (socket) => void socket.write(Buffer.from(text, 'latin1'));

/** The two engines, otherwise configured alike. */
function bothEngines(options: Parameters<typeof httpTransport>[0] = {}): Array<[string, HttpTransport]> {
  const out: Array<[string, HttpTransport]> = [];
  for (const engine of ['request', 'dispatch'] as const) {
    const t = httpTransport({ retries: 0, ...options, engine });
    open.push(t);
    out.push([engine, t]);
  }
  return out;
}

/** An answer or a fault, as a comparable value (a fault: its class, kind and message). */
async function outcome(run: () => Promise<RawAnswer>): Promise<unknown> {
  try {
    const a = await run();
    return { status: a.status, headers: a.headers, body: Buffer.from(a.body).toString('latin1'), exact: a.body.byteOffset === 0 && a.body.byteLength === a.body.buffer.byteLength };
  } catch (error) {
    return { fault: TransportFault.is(error), kind: (error as TransportFault).kind, message: (error as Error).message, name: (error as Error).name };
  }
}

const token = fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/).filter((n) => !['host', 'content-length', 'connection', 'transfer-encoding', 'keep-alive', 'upgrade', 'expect', 'te', 'trailer'].includes(n));
const headerValue = fc.stringMatching(/^[\x21-\x7e]([\x20-\x7e]{0,30}[\x21-\x7e])?$/);
const pathPart = fc.stringMatching(/^[A-Za-z0-9._~%!$&'()*+,;=:@-]{0,16}$/);

describe('http transport: the dispatcher path against undici request() (engine "request")', () => {
  it('puts the same bytes on the wire for any method, path, query, headers and body', async () => {
    const server = await rawServer(answer('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok'));
    const engines = bothEngines();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS', 'put', 'PROPFIND'),
        fc.array(pathPart, { maxLength: 4 }),
        fc.option(pathPart, { nil: undefined }),
        fc.dictionary(token, headerValue, { maxKeys: 5 }),
        fc.option(fc.uint8Array({ maxLength: 300 }), { nil: undefined }),
        async (method, segments, query, headers, body) => {
          const url = `${server.origin}/${segments.join('/')}${query === undefined ? '' : `?${query}`}`;
          const results = [];
          const wire = [];
          for (const [, t] of engines) {
            const before = server.seen.length;
            results.push(await outcome(() => t.exchange(method, url, headers, body)));
            wire.push(server.seen.slice(before).map((b) => b.toString('latin1')));
          }
          expect(results[1]).toEqual(results[0]);
          expect(wire[1]).toEqual(wire[0]);
          expect(wire[0]).toHaveLength(1);
        },
      ),
      { numRuns: 60 },
    );
  });

  const answers: Array<[string, string]> = [
    ['JSON', 'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 11\r\n\r\n{"ok":true}'],
    ['duplicate headers and set-cookie', 'HTTP/1.1 201 Created\r\nx-a: 1\r\nX-A: 2\r\nset-cookie: a=1\r\nset-cookie: b=2\r\ncontent-length: 0\r\n\r\n'],
    ['chunked in several chunks', 'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n3\r\nabc\r\n4\r\ndefg\r\n0\r\n\r\n'],
    ['an informational answer first', 'HTTP/1.1 103 Early Hints\r\nlink: </a>\r\n\r\nHTTP/1.1 200 OK\r\ncontent-length: 4\r\n\r\nlate'],
    ['204', 'HTTP/1.1 204 No Content\r\nx-b: y\r\n\r\n'],
    ['a 5xx with a body', 'HTTP/1.1 503 Service Unavailable\r\ncontent-length: 4\r\nretry-after: 1\r\n\r\nbusy'],
    ['latin-1 header bytes and a binary body', 'HTTP/1.1 400 Bad\r\nx-latin: caf\xe9\r\ncontent-length: 4\r\n\r\n\xef\xbb\xbf\x00'],
    ['a body cut short', 'HTTP/1.1 200 OK\r\ncontent-length: 10\r\nconnection: close\r\n\r\nabc'],
    ['a malformed status line', 'HTTP/1.1 abc\r\n\r\n'],
  ];
  for (const [name, raw] of answers) {
    it(`reads ${name} as request() does`, async () => {
      const script: Script = name === 'a body cut short' ? (socket) => void socket.end(Buffer.from(raw, 'latin1')) : answer(raw);
      const server = await rawServer(script);
      const results = [];
      for (const [, t] of bothEngines()) results.push(await outcome(() => t.exchange('PUT', `${server.origin}/x`, { 'content-type': 'application/json' }, new TextEncoder().encode('{}'))));
      expect(results[1]).toEqual(results[0]);
    });
  }

  it('reads a large body in many chunks as request() does', async () => {
    const body = Buffer.alloc(300_000, 'x');
    const server = await rawServer((socket) => {
      socket.write(`HTTP/1.1 200 OK\r\ncontent-length: ${body.length}\r\n\r\n`);
      socket.write(body);
    });
    const results = [];
    for (const [, t] of bothEngines()) results.push(await outcome(() => t.exchange('GET', `${server.origin}/big`, {})));
    expect(results[1]).toEqual(results[0]);
    expect((results[0] as { body: string }).body).toHaveLength(300_000);
  });

  it('raises the same faults: refused, reset, dropped mid-answer', async () => {
    const refused = await rawServer(answer(''));
    await open.pop()!.close();
    const reset = await rawServer((socket) => socket.destroy());
    const midway = await rawServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\npartial');
      setTimeout(() => socket.destroy(), 20);
    });
    for (const origin of [refused.origin, reset.origin, midway.origin]) {
      const results = [];
      for (const [, t] of bothEngines()) results.push(await outcome(() => t.exchange('POST', `${origin}/s`, {}, new Uint8Array([1, 2]))));
      expect(results[1]).toEqual(results[0]);
      expect(results[0]).toMatchObject({ fault: true });
    }
  });

  it('times out a server that never answers, and one that answers too slowly, as a TransportFault of kind timeout', async () => {
    const silent = await rawServer(() => undefined);
    // Headers at once, then a byte every 60 ms: never idle for the undici body timeout (400 ms),
    // but past the whole-request timeout: only a whole-request timer ends it.
    const trickle = await rawServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\ncontent-length: 40\r\n\r\n');
      const timer = setInterval(() => (socket.writable ? socket.write('x') : clearInterval(timer)), 60);
      socket.on('close', () => clearInterval(timer));
    });
    for (const origin of [silent.origin, trickle.origin]) {
      const results = [];
      for (const [, t] of bothEngines({ timeoutMs: 400 })) {
        const started = performance.now();
        results.push(await outcome(() => t.exchange('GET', `${origin}/slow`, {})));
        const took = performance.now() - started;
        expect(took).toBeGreaterThanOrEqual(390);
        expect(took).toBeLessThan(2_000);
      }
      expect(results[1]).toEqual(results[0]);
      expect(results[0]).toMatchObject({ fault: true, kind: 'timeout', message: 'TIMEOUT: The operation was aborted due to timeout' });
    }
  });

  it('fails an invalid header as request() does, as a TransportFault', async () => {
    const server = await rawServer(answer('HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n'));
    const results = [];
    for (const [, t] of bothEngines()) results.push(await outcome(() => t.exchange('GET', `${server.origin}/`, { 'bad header': 'x' })));
    expect(results[1]).toEqual(results[0]);
    expect(results[0]).toMatchObject({ fault: true });
    expect(server.seen).toHaveLength(0);
  });

  it('keeps its timers from outliving the requests (one per request, cleared on the answer)', async () => {
    const server = await rawServer(answer('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok'));
    const t = httpTransport({ retries: 0, timeoutMs: 60_000 });
    open.push(t);
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    await t.exchange('GET', `${server.origin}/`, {});
    const before = timers();
    for (let i = 0; i < 50; i++) await t.exchange('GET', `${server.origin}/`, {});
    expect(timers()).toBeLessThanOrEqual(before);
  });
});

describe('http transport: a signed draft sent without its Request (withDraftSend)', () => {
  const draftOf = (origin: string, method: string, path: string, headers: Record<string, string>, body: Uint8Array<ArrayBuffer> | undefined): RequestDraft => newDraft(method, `${origin}${path}`, headers, body);

  it('sends the bytes the draft’s Request sends, and records the same exchange', async () => {
    const server = await rawServer(answer('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 11\r\n\r\n{"ok":true}'));
    const t = httpTransport({ retries: 0 });
    open.push(t);
    const viaDraft = draftSendOf(t.send)!;
    const viaRequest = rawSendOf(t.send)!;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS', 'GET', 'put', 'get', 'patch'),
        fc.array(pathPart, { maxLength: 3 }),
        fc.dictionary(fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,11}$/).filter((n) => !/^(host|content-length|connection|transfer-encoding|keep-alive|upgrade|expect|te|trailer)$/i.test(n)), headerValue, { maxKeys: 5 }),
        fc.option(fc.uint8Array({ maxLength: 200 }).map((b) => new Uint8Array(b)), { nil: undefined }),
        async (method, segments, headers, body) => {
          const path = `/${segments.join('/')}?changePass`;
          const sent = [];
          for (const send of [() => viaRequest(requestOf(draftOf(server.origin, method, path, headers, body))), () => viaDraft(draftOf(server.origin, method, path, headers, body))]) {
            const before = server.seen.length;
            sent.push({ answer: await outcome(send), wire: server.seen.slice(before).map((b) => b.toString('latin1')) });
          }
          expect(sent[1]).toEqual(sent[0]);
          // exchangeDraft records the draft's method as given (the builders give 'PUT'); Fetch
          // upper-cases a lower-case one, so the records are compared for the kept spellings.
          if (method !== method.toUpperCase()) return;
          const viaExchange = await (async () => exchange(t.send, requestOf(draftOf(server.origin, method, path, headers, body))))().then((r) => r.exchange, (e: unknown) => String(e));
          const viaExchangeDraft = await (async () => exchangeDraft(t.send, draftOf(server.origin, method, path, headers, body)))().then((r) => r.exchange, (e: unknown) => String(e));
          expect(viaExchangeDraft).toEqual(viaExchange);
        },
      ),
      { numRuns: 60 },
    );
  });
});
