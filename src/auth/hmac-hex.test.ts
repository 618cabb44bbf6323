import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHash, createHmac } from 'node:crypto';
import { hmacSha256Hex, sha256Hex } from './hmac-hex.ts';

// Issue 17, round 6: the signers' HMAC and SHA-256 without a node:crypto object per call, side by
// side with the objects they replace: the same hex for any key and message.

const text = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ maxLength: 200, unit: 'binary' }), fc.string({ maxLength: 40, unit: 'grapheme' }));
/** Keys: short, a block long, longer than a block (hashed first), non-ASCII, lone surrogates. */
const key = fc.oneof(fc.string({ maxLength: 20 }), fc.string({ minLength: 60, maxLength: 130 }), fc.string({ maxLength: 70, unit: 'binary' }), fc.constantFrom('', 'a'.repeat(64), 'a'.repeat(65), 'é'.repeat(32), 'é'.repeat(33), '\ud800key', 'bce-auth-v1/ak/2026-01-01T00:00:00Z/1800'));

describe('hmacSha256Hex', () => {
  it('gives what createHmac gives, for any key and message (keys reused across calls, in any order)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(key, text), { minLength: 1, maxLength: 8 }), (pairs) => {
        // Twice over: the second round reads every key's padding from the cache.
        for (const [k, m] of [...pairs, ...pairs.reverse()]) expect(hmacSha256Hex(k, m)).toBe(createHmac('sha256', k).update(m).digest('hex'));
      }),
      { numRuns: 400 },
    );
  });

  it('RFC 4231 test case 2, and a key hashed because it is longer than a block (test case 6)', () => {
    expect(hmacSha256Hex('Jefe', 'what do ya want for nothing?')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    expect(hmacSha256Hex('\xaa'.repeat(131), 'Test Using Larger Than Block-Size Key - Hash Key First')).toBe(createHmac('sha256', '\xaa'.repeat(131)).update('Test Using Larger Than Block-Size Key - Hash Key First').digest('hex'));
  });

  it('survives more keys than it keeps', () => {
    for (let i = 0; i < 600; i++) expect(hmacSha256Hex(`key-${i % 300}`, `m${i}`)).toBe(createHmac('sha256', `key-${i % 300}`).update(`m${i}`).digest('hex'));
  });
});

describe('sha256Hex', () => {
  it('gives what createHash gives, for strings and bytes', () => {
    fc.assert(
      fc.property(text, fc.uint8Array({ maxLength: 300 }), (s, bytes) => {
        expect(sha256Hex(s)).toBe(createHash('sha256').update(s).digest('hex'));
        expect(sha256Hex(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
      }),
      { numRuns: 300 },
    );
  });
});
