import { createHmac } from 'node:crypto';
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { hmacSha256, hmacSha256Hex, hmacSha256Key, hmacSha256ViaBuffer } from './hmac-sha256.ts';

const reference = (key: string | Uint8Array, message: string): string => createHmac('sha256', key).update(message, 'utf8').digest('binary');

describe('hmacSha256 (two one-shot SHA-256 runs) equals createHmac', () => {
  it('for string and byte keys of every length class and any message', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 100 }), fc.uint8Array({ maxLength: 100 })), fc.string({ unit: 'binary', maxLength: 300 }), (key, message) => {
        expect(hmacSha256(hmacSha256Key(key), message)).toBe(reference(key, message));
      }),
    );
  });

  it('for messages longer than its scratch buffer, and when a key is reused', () => {
    const key = hmacSha256Key('k'.repeat(64));
    for (const message of ['x'.repeat(10_000), 'é'.repeat(3_000), 'short', '']) {
      expect(hmacSha256(key, message)).toBe(reference('k'.repeat(64), message));
    }
  });

  it('matches the bce-auth-v1 signing-key vector from facts.md §1', () => {
    const signingKey = createHmac('sha256', 'b'.repeat(32)).update(`bce-auth-v1/${'a'.repeat(32)}/2015-04-27T08:23:49Z/1800`).digest('hex');
    expect(signingKey).toBe('1d5ce5f464064cbee060330d973218821825ac6952368a482a592e6615aef479');
    expect(hmacSha256(hmacSha256Key(signingKey), 'PUT\n/\n\nhost:h')).toBe(reference(signingKey, 'PUT\n/\n\nhost:h'));
  });
});

// The string path (K ^ ipad as ASCII text, for ASCII keys of at most a block) against the buffer path.
describe('hmacSha256: the ASCII-key string path equals the buffer path and createHmac', () => {
  it('takes the string path exactly for ASCII keys of at most 64 bytes', () => {
    expect(hmacSha256Key('f'.repeat(64)).innerText).toBeDefined();
    expect(hmacSha256Key('é').innerText).toBeUndefined();
    expect(hmacSha256Key(new Uint8Array([0x80])).innerText).toBeUndefined();
  });
  it('for ASCII keys (hex signing keys among them) and any message, lone surrogates included', () => {
    const asciiKey = fc.oneof(fc.string({ unit: fc.constantFrom(...'0123456789abcdef'.split('')), minLength: 64, maxLength: 64 }), fc.string({ unit: fc.integer({ min: 0, max: 127 }).map((c) => String.fromCharCode(c)), maxLength: 64 }));
    fc.assert(
      fc.property(asciiKey, fc.string({ unit: 'binary', maxLength: 300 }), (key, message) => {
        const prepared = hmacSha256Key(key);
        const viaBuffer = hmacSha256ViaBuffer(prepared, message);
        expect(hmacSha256(prepared, message)).toBe(viaBuffer);
        expect(viaBuffer).toBe(reference(key, message));
        expect(hmacSha256Hex(prepared, message)).toBe(createHmac('sha256', key).update(message, 'utf8').digest('hex'));
      }),
    );
  });
});
