import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { knownBody, readBody, withKnownBody } from './uri-encode.ts';
import { exchange } from '../targets/wire-change.ts';

// A Request built with known bytes (issue 17) must read exactly as one read through its stream.
const UTF8 = new TextEncoder();
const body = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom('a', '\uFEFF', '\uD800', '\uDC00', '😀', 'é', '{') }));
const build = (text: string): Request => new Request('http://x.test/p', { method: 'PUT', body: text });

describe('known request bodies', () => {
  it('readBody gives the stream\'s bytes, and the exchange log the stream\'s text (lone surrogates, a leading BOM)', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const known = withKnownBody(build(text), UTF8.encode(text));
        expect(knownBody(known)).toBeDefined();
        expect(await readBody(known)).toEqual(await readBody(build(text)));
        const transport = async (): Promise<Response> => new Response('{}');
        const viaKnown = await exchange(transport, withKnownBody(build(text), UTF8.encode(text)));
        const viaStream = await exchange(transport, build(text));
        expect(viaKnown.exchange.request.body).toBe(viaStream.exchange.request.body);
        expect(viaKnown.exchange.request.body).toBe(await build(text).text());
      }),
      { numRuns: 300 },
    );
  });

  it('a consumed body is not served from memory: reading it fails as before', async () => {
    const request = withKnownBody(build('{"a":1}'), UTF8.encode('{"a":1}'));
    await request.text();
    expect(knownBody(request)).toBeUndefined();
    await expect(readBody(request)).rejects.toThrow();
  });

  it('a Request without recorded bytes is read through its stream', async () => {
    const request = build('{"b":2}');
    expect(knownBody(request)).toBeUndefined();
    expect(new TextDecoder().decode(await readBody(request))).toBe('{"b":2}');
    expect(await request.text()).toBe('{"b":2}');
  });
});
