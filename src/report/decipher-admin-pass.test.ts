import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { decipherAdminPass } from './sent-secrets.ts';
import { adminPassKey, encryptAdminPass } from '../auth/password-cipher.ts';

// decipherAdminPass checks PKCS#7 itself instead of letting final() throw (issue 17): it must
// agree with OpenSSL's own padding check on every input, wrong keys and garbage included.
function withFinal(hex: string, secret: string): string | undefined {
  if (!/^(?:[0-9a-f]{32})+$/i.test(hex)) return undefined;
  try {
    const d = createDecipheriv('aes-128-ecb', adminPassKey(secret), null);
    return Buffer.concat([d.update(Buffer.from(hex, 'hex')), d.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

const KEY = 'a'.repeat(16) + 'b'.repeat(16);
const OTHER = 'c'.repeat(32);

describe('decipherAdminPass', () => {
  it('gives the plaintext under the right key', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), (plain) => { expect(decipherAdminPass(encryptAdminPass(plain, KEY), KEY)).toBe(withFinal(encryptAdminPass(plain, KEY), KEY)); }), { numRuns: 300 });
    expect(decipherAdminPass(encryptAdminPass('Abc12345!', KEY), KEY)).toBe('Abc12345!');
  });

  it('agrees with final() under a wrong key, on random blocks and on crafted paddings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), (plain) => { expect(decipherAdminPass(encryptAdminPass(plain, KEY), OTHER)).toBe(withFinal(encryptAdminPass(plain, KEY), OTHER)); }), { numRuns: 300 });
    fc.assert(fc.property(fc.uint8Array({ minLength: 16, maxLength: 48 }).map((b) => Buffer.from(b.subarray(0, b.length - (b.length % 16))).toString('hex')), (hex) => { expect(decipherAdminPass(hex, KEY)).toBe(withFinal(hex, KEY)); }), { numRuns: 500 });
    // Plaintexts whose last block ends in each possible byte, valid padding or not.
    for (let last = 0; last < 256; last++) {
      const block = Buffer.alloc(16, last);
      block[0] = 0x41;
      const e = rawBlock(block);
      expect(decipherAdminPass(e, KEY), `last byte ${last}`).toBe(withFinal(e, KEY));
    }
    expect(decipherAdminPass('zz', KEY)).toBeUndefined();
    expect(decipherAdminPass(encryptAdminPass('x', KEY), 'short')).toBeUndefined();
  });
});

/** Encrypts one raw block without padding, so the test controls the padding bytes. */
function rawBlock(block: Buffer): string {
  const c = createCipheriv('aes-128-ecb', adminPassKey(KEY), null).setAutoPadding(false);
  return Buffer.concat([c.update(block), c.final()]).toString('hex');
}

describe('decipherAdminPass with one decipher per key (issue 17, round 4)', () => {
  it('agrees with a fresh decipher and final() on every call of an interleaved sequence of keys and inputs', () => {
    const keys = fc.constantFrom(KEY, OTHER, 'short', 'é'.repeat(16) + 'x'.repeat(16), 'd'.repeat(16) + 'e'.repeat(16));
    const input = fc.oneof(
      fc.tuple(fc.string({ maxLength: 40 }), keys).map(([plain, key]) => (key === 'short' || key.startsWith('é') ? plain : encryptAdminPass(plain, key))),
      fc.uint8Array({ minLength: 0, maxLength: 64 }).map((b) => Buffer.from(b).toString('hex')),
      fc.constantFrom('zz', '', '0'.repeat(31), 'A'.repeat(32)),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(input, keys), { minLength: 1, maxLength: 30 }), (calls) => {
        for (const [hex, key] of calls) expect(decipherAdminPass(hex, key), `${hex} under ${key}`).toBe(withFinal(hex, key));
      }),
      { numRuns: 200 },
    );
  });
});
