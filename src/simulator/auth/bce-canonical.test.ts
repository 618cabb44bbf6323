import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { bceCanonicalRequestFromWire } from './bce-canonical.ts';
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
