import { describe, it, expect } from 'vitest';
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
