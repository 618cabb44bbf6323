/**
 * PKCS#7 (facts.md §1, the Password Encryption Transmission Specification): the last byte says
 * how many bytes of padding there are, 1 to 16, and each of them holds that value. Ciphertext
 * under the right key whose padding breaks this is malformed (BCC-ENC-KEY), whatever the bytes
 * before it. Through the API such a password would usually be refused by the password rules
 * anyway, so the suites cannot single out the padding check; here it is checked on its own.
 */
import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptAdminPass } from './admin-pass-cipher.ts';

const SK = 'b'.repeat(32);

/** Raw AES-128-ECB of whole blocks under the right key, with no padding added. */
function rawCiphertext(bytes: number[]): string {
  const cipher = createCipheriv('aes-128-ecb', Buffer.from(SK.slice(0, 16)), null);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.from(bytes)), cipher.final()]).toString('hex');
}

const text = (s: string): number[] => [...Buffer.from(s)];

describe('adminPass PKCS#7 padding', () => {
  it.each([
    ['a last byte of 0', [...text('Abcdef12!@#$%^*'), 0]],
    ['a last byte of 17 (more than a block)', [...text('Abcdef12!@#$%^*'), 17]],
    ['17 bytes of 17 (well-formed but longer than a block)', [...text('Abcdef12!@#$%^*'), ...Array(17).fill(17)]],
    ['a last byte of 255', [...text('Abcdef12!@#$%^*'), 255]],
    ['padding bytes that differ (…, 1, 2)', [...text('Abcdef12!@#$%'), 3, 1, 2]],
    ['padding claiming 3 bytes but only 2 match', [...text('Abcdef12!@#$%'), 9, 3, 3]],
  ])('refuses %s as bad padding', (_what, bytes) => {
    const result = decryptAdminPass(rawCiphertext(bytes), SK);
    expect(result.ok ? 'ok' : result.reason).toBe('bad-padding');
  });

  it.each([
    ['one byte of padding', [...text('Abcdef12!@#$%^*'), 1], 'Abcdef12!@#$%^*'],
    ['a whole block of padding', [...text('Abcdef12!@#$%^*('), ...Array(16).fill(16)], 'Abcdef12!@#$%^*('],
  ])('accepts %s and strips exactly it', (_what, bytes, plaintext) => {
    expect(decryptAdminPass(rawCiphertext(bytes), SK)).toEqual({ ok: true, plaintext });
  });
});
