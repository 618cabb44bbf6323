import { createCipheriv, createDecipheriv } from 'node:crypto';
import { describe, it, expect } from 'vitest';
import { decryptAdminPass } from './admin-pass-cipher.ts';

// Published vectors from facts.md §1: SK = 32 × 'b', so the AES key is 'bbbbbbbbbbbbbbbb'.
const SK = 'b'.repeat(32);
const VECTORS: ReadonlyArray<readonly [string, string]> = [
  ['Baidu@123', 'e666873d294d9ec590980d8265bfd44e'],
  ['Abcdef12!@#$%^*()xyz', '2f256ec7c8eda40b725d4290be0b79e2f4db1440d8f30ef059d80b9434029e38'],
  ['1234567890abcdef', 'adcf53959b2c6afb3d8586499f91f78be0ef1bc923582fa8b7c26ec5655d2e06'],
];

const reasonOf = (ciphertext: unknown, sk = SK): string => {
  const result = decryptAdminPass(ciphertext, sk);
  return result.ok ? `ok:${result.plaintext}` : result.reason;
};

describe('decryptAdminPass', () => {
  it.each(VECTORS)('decrypts the published vector for %s', (plaintext, hex) => {
    expect(decryptAdminPass(hex, SK)).toEqual({ ok: true, plaintext });
  });
  it('accepts uppercase hex too', () => {
    expect(reasonOf('E666873D294D9EC590980D8265BFD44E')).toBe('ok:Baidu@123');
  });
  it('only the first 16 characters of the secret key matter', () => {
    expect(reasonOf('e666873d294d9ec590980d8265bfd44e', 'b'.repeat(16) + 'x'.repeat(16))).toBe('ok:Baidu@123');
  });
  it.each([
    ['a number', 12345],
    ['null', null],
    ['undefined', undefined],
    ['an object', { hex: 'e666873d294d9ec590980d8265bfd44e' }],
  ])('not-a-string: %s', (_label, value) => {
    expect(reasonOf(value)).toBe('not-a-string');
  });
  it('not-hex: a plaintext password or the seed example UUID', () => {
    expect(reasonOf('Baidu@123')).toBe('not-hex');
    expect(reasonOf('c5b31add-ffe0-44b0-86eb-063109a1b6fe')).toBe('not-hex');
    expect(reasonOf(' e666873d294d9ec590980d8265bfd44e')).toBe('not-hex');
  });
  it('bad-length: empty, odd or not whole 16-byte blocks', () => {
    expect(reasonOf('')).toBe('bad-length');
    expect(reasonOf('e666873d294d9ec590980d8265bfd44')).toBe('bad-length');
    expect(reasonOf('e666873d294d9ec590980d8265bfd44e0')).toBe('bad-length');
    expect(reasonOf('e666873d294d9ec590980d8265bfd44e0011')).toBe('bad-length');
  });
  it('wrong key: never yields the right plaintext, and usually fails the padding check', () => {
    const wrongKeys = ['c'.repeat(32), 'B'.repeat(32), 'bbbbbbbbbbbbbbbc' + 'b'.repeat(16), 'a'.repeat(32)];
    const reasons = new Set<string>();
    for (const key of wrongKeys) {
      for (const [plaintext, hex] of VECTORS) {
        const reason = reasonOf(hex, key);
        expect(reason).not.toBe(`ok:${plaintext}`);
        reasons.add(reason);
      }
    }
    expect(reasons.has('bad-padding')).toBe(true);
  });
  it('not-utf8: correctly padded bytes that are not UTF-8', () => {
    // Encrypt invalid UTF-8 with the real key so only the UTF-8 check can fail.
    const cipher = createCipheriv('aes-128-ecb', Buffer.from('b'.repeat(16)), null);
    const hex = Buffer.concat([cipher.update(Buffer.from([0xff, 0xfe, 0x41])), cipher.final()]).toString('hex');
    expect(reasonOf(hex)).toBe('not-utf8');
  });
  it('details never reveal the plaintext or the key', () => {
    const results = [
      decryptAdminPass('Baidu@123', SK),
      decryptAdminPass('e666873d294d9ec590980d8265bfd44e', 'c'.repeat(32)),
      decryptAdminPass('e666873d294d9ec590980d8265bfd4', SK),
    ];
    for (const result of results) {
      expect(result.ok).toBe(false);
      const detail = result.ok ? '' : result.detail;
      expect(detail).not.toContain('Baidu@123');
      expect(detail).not.toContain('bbbbbbbbbbbbbbbb');
      expect(detail).not.toContain('cccccccccccccccc');
    }
  });
  it('throws on a secret key shorter than 16 bytes (a simulator configuration error)', () => {
    // The simulator's own message (not Node's "Invalid key length"): it says what the secret must be.
    const mustBe = /the first 16 characters of the secret key must be 16 UTF-8 bytes/;
    expect(() => decryptAdminPass('e666873d294d9ec590980d8265bfd44e', 'short')).toThrow(mustBe);
    // 16 characters but 32 bytes: also refused, with the same explanation.
    expect(() => decryptAdminPass('e666873d294d9ec590980d8265bfd44e', 'é'.repeat(16))).toThrow(mustBe);
  });
});

describe('decryptAdminPass — the cached decipher carries nothing between calls', () => {
  /** The outcome computed from scratch: a fresh decipher, then the same padding and UTF-8 checks. */
  const expectedOf = (hex: string, sk: string): string => {
    const decipher = createDecipheriv('aes-128-ecb', Buffer.from(sk.slice(0, 16)), null);
    decipher.setAutoPadding(false);
    const bytes = Buffer.concat([decipher.update(Buffer.from(hex, 'hex')), decipher.final()]);
    const pad = bytes.at(-1)!;
    if (pad < 1 || pad > 16 || bytes.subarray(bytes.length - pad).some((b) => b !== pad)) return 'bad-padding';
    try {
      return `ok:${new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, bytes.length - pad))}`;
    } catch {
      return 'not-utf8';
    }
  };

  it('interleaved successes, failures and keys all come out as with a fresh decipher each time', () => {
    const keys = [SK, 'c'.repeat(32), 'bbbbbbbbbbbbbbbc' + 'b'.repeat(16)];
    for (let round = 0; round < 3; round++) {
      for (const sk of keys) {
        for (const [, hex] of VECTORS) expect(reasonOf(hex, sk)).toBe(expectedOf(hex, sk));
        expect(reasonOf('e666873d294d9ec590980d8265bfd4', sk)).toBe('bad-length');
      }
    }
  });
});
