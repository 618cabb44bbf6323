import { createDecipheriv } from 'node:crypto';
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { aes128DecryptBlocks, aes128DecryptionKey } from './aes128-decrypt.ts';

/** Node's (OpenSSL's) AES-128-ECB without padding: the reference. */
const reference = (key: Uint8Array, data: Uint8Array): Buffer => {
  const decipher = createDecipheriv('aes-128-ecb', key, null);
  decipher.setAutoPadding(false);
  return Buffer.concat([decipher.update(data), decipher.final()]);
};

describe('aes128DecryptBlocks equals node\'s aes-128-ecb decipher', () => {
  it('matches the FIPS 197 Appendix C.1 vector', () => {
    const key = Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex');
    const out = new Uint8Array(16);
    aes128DecryptBlocks(aes128DecryptionKey(key), Buffer.from('69c4e0d86a7b0430d8cdb78070b4c55a', 'hex'), out);
    expect(Buffer.from(out).toString('hex')).toBe('00112233445566778899aabbccddeeff');
  });

  it('for any key and any whole blocks, in place or not', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.integer({ min: 0, max: 4 }).chain((n) => fc.uint8Array({ minLength: 16 * n, maxLength: 16 * n })), fc.boolean(), (key, data, inPlace) => {
        const expected = reference(key, data);
        const out = inPlace ? Uint8Array.from(data) : new Uint8Array(data.length);
        aes128DecryptBlocks(aes128DecryptionKey(key), inPlace ? out : data, out);
        expect(Buffer.from(out).equals(expected)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('decrypts only the first `length` bytes when given, leaving the rest as it was', () => {
    const key = new Uint8Array(16).fill(7);
    const data = Uint8Array.from({ length: 48 }, (_, i) => i);
    const out = new Uint8Array(48).fill(0xee);
    aes128DecryptBlocks(aes128DecryptionKey(key), data, out, 32);
    expect(Buffer.from(out.subarray(0, 32)).equals(reference(key, data.subarray(0, 32)))).toBe(true);
    expect([...out.subarray(32)].every((b) => b === 0xee)).toBe(true);
    expect(() => aes128DecryptBlocks(aes128DecryptionKey(key), data, out, 64)).toThrow(/whole 16-byte blocks/);
  });

  it('refuses keys that are not 16 bytes and data that is not whole blocks', () => {
    expect(() => aes128DecryptionKey(new Uint8Array(15))).toThrow(/16 bytes/);
    expect(() => aes128DecryptBlocks(aes128DecryptionKey(new Uint8Array(16)), new Uint8Array(17), new Uint8Array(32))).toThrow(/whole 16-byte blocks/);
  });
});
