import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createCipheriv } from 'node:crypto';
import { adminPassKey, encryptAdminPass } from './password-cipher.ts';

// Vectors from facts.md §1 ("Password encryption in transit"), SK = 32 × 'b'.
const SK = 'b'.repeat(32);

describe('encryptAdminPass', () => {
  it.each([
    ['Baidu@123', 'e666873d294d9ec590980d8265bfd44e'],
    ['Abcdef12!@#$%^*()xyz', '2f256ec7c8eda40b725d4290be0b79e2f4db1440d8f30ef059d80b9434029e38'],
    ['1234567890abcdef', 'adcf53959b2c6afb3d8586499f91f78be0ef1bc923582fa8b7c26ec5655d2e06'],
  ])('encrypts %s to the published ciphertext', (plaintext, hex) => {
    expect(encryptAdminPass(plaintext, SK)).toBe(hex);
  });

  it('uses only the first 16 characters of the SK as the key', () => {
    expect(adminPassKey(SK).toString('utf8')).toBe('b'.repeat(16));
    expect(encryptAdminPass('Baidu@123', `${'b'.repeat(16)}${'z'.repeat(16)}`)).toBe('e666873d294d9ec590980d8265bfd44e');
  });

  it('gives 32 hex chars for 8–15, 64 for 16–31 and 96 for 32 characters', () => {
    for (let length = 8; length <= 32; length++) {
      const expected = length <= 15 ? 32 : length <= 31 ? 64 : 96;
      const hex = encryptAdminPass('x'.repeat(length), SK);
      expect(hex, `length ${length}`).toHaveLength(expected);
      expect(hex).toMatch(/^[0-9a-f]+$/);
    }
  });

  it('rejects an SK shorter than 16 characters with a fix hint', () => {
    expect(() => encryptAdminPass('Baidu@123', 'short')).toThrow(/first 16.*pass the full SK/);
  });
});

describe('encryptAdminPass with one cipher per key (issue 17, round 6)', () => {
  /** The path it shortcuts: a fresh cipher per call, Node's PKCS#7 auto-padding and final(). */
  const fresh = (plaintext: string, sk: string) => {
    const cipher = createCipheriv('aes-128-ecb', adminPassKey(sk), null);
    return Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]).toString('hex');
  };

  it('gives what a fresh cipher with final() gives: any text (lone surrogates too), any length, keys interleaved', () => {
    const keys = ['b'.repeat(32), 'a'.repeat(16) + 'z'.repeat(16), '0123456789abcdefXYZ', 'é'.repeat(8) + 'x'.repeat(16)];
    const plaintext = fc.oneof(fc.string({ maxLength: 70 }), fc.string({ maxLength: 40, unit: 'binary' }), fc.integer({ min: 0, max: 48 }).map((n) => 'x'.repeat(n)));
    fc.assert(
      fc.property(fc.array(fc.tuple(plaintext, fc.constantFrom(...keys)), { minLength: 1, maxLength: 10 }), (calls) => {
        for (const [p, k] of calls) {
          if (Buffer.byteLength(k.slice(0, 16)) !== 16 || Array.from(k).length !== k.length) {
            // A key that is not 16 ASCII characters fails the same way on both paths.
            expect(() => encryptAdminPass(p, k)).toThrow();
            expect(() => fresh(p, k)).toThrow();
          } else {
            expect(encryptAdminPass(p, k)).toBe(fresh(p, k));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('every length 0–48 (a full pad block when aligned), and an unusable key throws every time', () => {
    for (let n = 0; n <= 48; n++) expect(encryptAdminPass('y'.repeat(n), SK)).toBe(fresh('y'.repeat(n), SK));
    expect(() => encryptAdminPass('Baidu@123', 'short')).toThrow(/first 16/);
    expect(() => encryptAdminPass('Baidu@123', 'short')).toThrow(/first 16/);
  });
});
