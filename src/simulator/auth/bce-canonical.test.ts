import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { bceCanonicalRequestFromWire, buildCanonical, signedHeaderSet } from './bce-canonical.ts';
import { uriEncode } from './uri-encoding.ts';
import type { WireRequest } from './wire-request.ts';

describe('bce-auth-v1 canonical header lines', () => {
  it('come out in the order of sorting the whole lines, though ordered once per signed list', () => {
    // Names that are prefixes of each other are where "sort by name" and "sort by line" could differ.
    const name = fc.constantFrom('host', 'x-bce-a', 'x-bce-ab', 'x-bce-a-b', 'x-bce-a0', 'content-type', 'content-length');
    const value = fc.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', ':', '/', '-', 'é') }).map((v) => v.trim());
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(name, value), { selector: ([n]) => n, maxLength: 7 }), (pairs) => {
        const headers = new Headers(pairs);
        const req: WireRequest = { method: 'PUT', rawPath: '/p', rawQuery: '', headers, body: new Uint8Array() };
        const names = pairs.map(([n]) => n);
        const reference = pairs
          .filter(([, v]) => v !== '')
          .map(([n, v]) => `${uriEncode(n)}:${uriEncode(v)}`)
          .sort()
          .join('\n');
        expect(bceCanonicalRequestFromWire(req, names)).toBe(`PUT\n/p\n\n${reference}`);
      }),
    );
  });
});

// The header part and method remembered from the previous request, against a fresh set each time.
describe('buildCanonical with a reused signed set (its last-values shortcut) equals a fresh set', () => {
  it('over any sequence of requests, repeated and changed values, blank values and methods alike', () => {
    const names = ['host', 'content-type', 'x-bce-date', 'content-length'];
    const value = fc.constantFrom('', ' ', 'a', 'a ', '127.0.0.1:80', 'application/json', '2026-11-29T08:00:00Z', 'é');
    const request = fc.record({ method: fc.constantFrom('PUT', 'put', 'GET', 'Put'), values: fc.array(value, { minLength: 4, maxLength: 4 }) });
    fc.assert(
      fc.property(fc.array(request, { maxLength: 8 }), (requests) => {
        const reused = signedHeaderSet(names);
        for (const { method, values } of requests) {
          // New strings each time, as node's parser makes them.
          const headers = new Headers(names.flatMap((n, i) => (values[i] === '' ? [] : [[n, [...values[i]!].join('')] as [string, string]])));
          const req: WireRequest = { method: [...method].join(''), rawPath: '/p', rawQuery: 'a', headers, body: new Uint8Array() };
          expect(buildCanonical(req, reused)).toEqual(buildCanonical(req, signedHeaderSet(names)));
        }
      }),
    );
  });
});
