/**
 * Side by side: `decryptAdminPass` (AES in JavaScript, hex decoded by hand, an ASCII text
 * shortcut) against the path it replaced, node's `aes-128-ecb` decipher on the hex and a strict
 * UTF-8 decoder, for real ciphertexts of any password, random hex, every planted fault.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { decryptAdminPass, type AdminPassFaults, type AdminPassResult } from './admin-pass-cipher.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The previous implementation's decisions, with node's decipher; only `ok`, `plaintext` and `reason` are compared. */
function viaNode(ciphertext: string, secret: string, faults: AdminPassFaults): { ok: boolean; plaintext?: string; reason?: string } {
  if (!/^[0-9a-fA-F]*$/.test(ciphertext)) return { ok: false, reason: 'not-hex' };
  if (ciphertext.length === 0 || ciphertext.length % 32 !== 0) return { ok: false, reason: 'bad-length' };
  const decipher = createDecipheriv('aes-128-ecb', Buffer.from((faults.keyFromEnd ? secret.slice(-16) : secret).slice(0, 16), 'utf8'), null);
  decipher.setAutoPadding(false);
  const padded = decipher.update(ciphertext, 'hex');
  const last = padded[padded.length - 1]!;
  let pad: number | undefined = last >= 1 && last <= 16 ? last : undefined;
  if (pad !== undefined && !faults.laxPadding) for (let i = padded.length - pad; i < padded.length; i++) if (padded[i] !== pad) pad = undefined;
  if (pad === undefined) return { ok: false, reason: 'bad-padding' };
  const end = faults.firstBlockOnly ? Math.min(16, padded.length - pad) : padded.length - pad;
  try {
    return { ok: true, plaintext: utf8.decode(padded.subarray(0, end)) };
  } catch {
    return { ok: false, reason: 'not-utf8' };
  }
}

const summary = (r: AdminPassResult): { ok: boolean; plaintext?: string; reason?: string } => (r.ok ? { ok: true, plaintext: r.plaintext } : { ok: false, reason: r.reason });

const encrypt = (plaintext: Uint8Array, secret: string): string => {
  const cipher = createCipheriv('aes-128-ecb', Buffer.from(secret.slice(0, 16), 'utf8'), null);
  return Buffer.concat([cipher.update(plaintext), cipher.final()]).toString('hex');
};

const secret = fc.string({ unit: fc.constantFrom(...'abcdefABCDEF0123456789xyz'.split('')), minLength: 16, maxLength: 40 });
const faults = fc.record({ firstBlockOnly: fc.boolean(), laxPadding: fc.boolean(), keyFromEnd: fc.boolean() }, { requiredKeys: [] });
const plaintext = fc.oneof(
  fc.string({ maxLength: 40 }).map((s) => Buffer.from(s, 'utf8')),
  fc.string({ unit: 'binary', maxLength: 20 }).map((s) => Buffer.from(s, 'utf8')),
  fc.uint8Array({ maxLength: 300 }),
);

describe('decryptAdminPass (JavaScript AES) agrees with node\'s decipher', () => {
  it('on real ciphertexts of any bytes (ASCII, UTF-8, invalid UTF-8, longer than the scratch), either hex case, every fault', () => {
    fc.assert(
      fc.property(plaintext, secret, faults, fc.boolean(), (bytes, sk, f, upper) => {
        const hex = upper ? encrypt(bytes, sk).toUpperCase() : encrypt(bytes, sk);
        expect(summary(decryptAdminPass(hex, sk, f))).toEqual(viaNode(hex, sk, f));
      }),
      { numRuns: 300 },
    );
  });
  it('on random hex and near-hex strings (wrong keys, bad padding, bad lengths)', () => {
    const hexish = fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEFg '.split('')), maxLength: 96 });
    fc.assert(
      fc.property(hexish, secret, faults, (text, sk, f) => {
        expect(summary(decryptAdminPass(text, sk, f))).toEqual(viaNode(text, sk, f));
      }),
      { numRuns: 300 },
    );
  });
});
