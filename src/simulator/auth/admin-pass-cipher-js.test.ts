/**
 * Side by side: `decryptAdminPass` (AES in JavaScript, hex decoded by hand, an ASCII text
 * shortcut) against the path it replaced, node's `aes-128-ecb` decipher on the hex and a strict
 * UTF-8 decoder, for real ciphertexts of any password, random hex, every planted fault.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { describe, it, expect, vi } from 'vitest';
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

describe('decryptAdminPass: the hex decoding, the scratch buffer and the ASCII text shortcut, at their edges', () => {
  const sk = 'b'.repeat(32);
  const ascii = (length: number): Buffer => Buffer.from('Abc12!@#'.repeat(Math.ceil(length / 8)).slice(0, length));
  it.each([
    ['a lone 0x80 byte after ASCII (not UTF-8)', Buffer.from([0x41, 0x80])],
    ['0x7f, the last ASCII byte', Buffer.from([0x41, 0x7f])],
    ['a non-ASCII first character', Buffer.from('é1Abc!@#', 'utf8')],
    ['63 ASCII bytes', ascii(63)],
    ['64 ASCII bytes', ascii(64)],
    ['65 ASCII bytes', ascii(65)],
    ['239 bytes (ciphertext of 240, within the 256-byte scratch)', ascii(239)],
    ['255 bytes (ciphertext of exactly 256)', ascii(255)],
    ['256 bytes (ciphertext of 272, past the scratch)', ascii(256)],
    ['1 MiB of ASCII (more characters than a call may take as arguments)', ascii(1 << 20)],
  ])('%s: as node\'s decipher and the strict decoder', (_what, bytes) => {
    for (const upper of [false, true]) {
      const hex = upper ? encrypt(bytes, sk).toUpperCase() : encrypt(bytes, sk);
      expect(summary(decryptAdminPass(hex, sk))).toEqual(viaNode(hex, sk, {}));
    }
    // A short ciphertext right after a long one: nothing of the long one is left in the result.
    const short = encrypt(Buffer.from('Baidu@123'), sk);
    expect(decryptAdminPass(short, sk)).toEqual({ ok: true, plaintext: 'Baidu@123' });
  });

  it('an ASCII password of up to 64 bytes is decoded without the native UTF-8 decoder; longer or non-ASCII ones with it', () => {
    const decode = vi.spyOn(TextDecoder.prototype, 'decode');
    try {
      for (const bytes of [ascii(1), ascii(8), ascii(16), ascii(63), ascii(64), Buffer.from([0, 0x7f])]) {
        const result = decryptAdminPass(encrypt(bytes, sk), sk);
        expect(result).toEqual({ ok: true, plaintext: bytes.toString('latin1') });
      }
      expect(decode).not.toHaveBeenCalled();
      for (const bytes of [ascii(65), Buffer.from('Abc1é!', 'utf8')]) {
        expect(decryptAdminPass(encrypt(bytes, sk), sk)).toEqual({ ok: true, plaintext: bytes.toString('utf8') });
      }
      expect(decode).toHaveBeenCalledTimes(2);
    } finally {
      decode.mockRestore();
    }
  });
});
