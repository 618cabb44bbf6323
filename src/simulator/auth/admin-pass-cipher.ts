/**
 * Server-side decryption of BCC `adminPass` (facts.md §1, "Password encryption in transit"):
 * AES-128-ECB, key = first 16 characters of the SecretAccessKey, PKCS#7, hex ciphertext.
 */
import { createDecipheriv, type Decipher } from 'node:crypto';
import { BoundedCache } from '../core/bounded-cache.ts';

/** Why a ciphertext could not be turned into a password. */
export type AdminPassFailure = 'not-a-string' | 'not-hex' | 'bad-length' | 'bad-padding' | 'not-utf8';

/** Outcome of {@link decryptAdminPass}; `detail` never contains the plaintext or the key. */
export type AdminPassResult =
  | { ok: true; plaintext: string }
  | { ok: false; reason: AdminPassFailure; detail: string };

const BLOCK = 16;
const FORMAT_HINT =
  'adminPass must be hex(AES-128-ECB(password, key = first 16 chars of the SecretAccessKey, PKCS#7))';

/** Derives the AES-128 key; throws when the configured secret is too short (a simulator setup error). */
function deriveKey(secretAccessKey: string): Buffer {
  // Stryker disable next-line StringLiteral: equivalent, Node reads an empty encoding name as its default, UTF-8
  const key = Buffer.from(secretAccessKey.slice(0, BLOCK), 'utf8');
  if (key.length !== BLOCK) {
    throw new RangeError(`the first 16 characters of the secret key must be 16 UTF-8 bytes, got ${key.length}`);
  }
  return key;
}

/**
 * One AES-128-ECB decipher per key, reused across requests: building one (key schedule and
 * OpenSSL context) per request showed up in the profile. Reuse is exact because ECB has no
 * chaining and auto-padding is off, so `update` on whole blocks decrypts exactly those blocks
 * and carries no state into the next call (`final` is never needed; padding is checked by hand).
 */
const deciphers = new BoundedCache<Decipher>(64);

function decipherFor(secretAccessKey: string): Decipher {
  // Keyed by the whole secret (the same string on every request, so its hash is computed once);
  // only its first 16 characters go into the key.
  let decipher = deciphers.get(secretAccessKey);
  // Stryker disable next-line ConditionalExpression: equivalent, a memo cache (always missing in the mutation run, mutation/no-caches.setup.ts)
  if (decipher === undefined) {
    decipher = createDecipheriv('aes-128-ecb', deriveKey(secretAccessKey), null);
    decipher.setAutoPadding(false);
    deciphers.set(secretAccessKey, decipher);
  }
  return decipher;
}

/** Decrypts whole hex-encoded blocks with the cached decipher for this key. */
function decryptBlocks(ciphertextHex: string, secretAccessKey: string): Buffer {
  const plain = decipherFor(secretAccessKey).update(ciphertextHex, 'hex');
  // Stryker disable next-line ConditionalExpression: equivalent, ECB with auto-padding off returns whole blocks for whole blocks (an assertion)
  if (2 * plain.length !== ciphertextHex.length) throw new Error('simulator bug: AES-ECB update did not return whole blocks');
  return plain;
}

/** Module-level: constructing a TextDecoder per request is needless work. */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Returns the padding length if `data` ends in valid PKCS#7 padding, else undefined. Checked by
 * hand (auto-padding off) so a wrong key is reported as a distinct, explainable failure.
 */
function pkcs7PadLength(data: Buffer): number | undefined {
  // Never empty: the caller decrypts one or more whole blocks.
  const pad = data[data.length - 1]!;
  if (pad < 1 || pad > BLOCK) return undefined;
  for (let i = data.length - pad; i < data.length; i++) if (data[i] !== pad) return undefined;
  return pad;
}

/** Planted fault (laxPadding): as many bytes as the last one says, 1 to 16, the padding itself unchecked. */
function laxPadLength(data: Buffer): number | undefined {
  const last = data[data.length - 1]!;
  return last >= 1 && last <= BLOCK ? last : undefined;
}

const fail = (reason: AdminPassFailure, detail: string): AdminPassResult => ({ ok: false, reason, detail });

/** Planted faults of the decryption (kit self-tests only); none by default. */
export interface AdminPassFaults {
  /** Keep only the first block's plaintext. */
  firstBlockOnly?: boolean;
  /** Strip as many bytes as the last one says, without checking the padding. */
  laxPadding?: boolean;
  /** Derive the key from the SK's last 16 characters. */
  keyFromEnd?: boolean;
}

/** Decrypts a BCC `adminPass` ciphertext with the caller's secret access key. */
export function decryptAdminPass(ciphertext: unknown, secretAccessKey: string, faults: AdminPassFaults = {}): AdminPassResult {
  if (typeof ciphertext !== 'string') {
    const kind = ciphertext === null ? 'null' : typeof ciphertext;
    return fail('not-a-string', `adminPass is ${kind}, expected a hex string. ${FORMAT_HINT}`);
  }
  // A plaintext password or a UUID (as in the seed's request example) is not hex: reject it
  // rather than guessing, since the vendor never accepts an unencrypted password.
  if (!/^[0-9a-fA-F]*$/.test(ciphertext)) {
    return fail('not-hex', `adminPass contains non-hex characters (was it sent unencrypted?). ${FORMAT_HINT}`);
  }
  if (ciphertext.length === 0 || ciphertext.length % (BLOCK * 2) !== 0) {
    return fail(
      'bad-length',
      `adminPass has ${ciphertext.length} hex characters; it must be a non-zero multiple of 32 (whole AES blocks)`,
    );
  }

  const padded = decryptBlocks(ciphertext, faults.keyFromEnd ? secretAccessKey.slice(-BLOCK) : secretAccessKey);

  const pad = faults.laxPadding ? laxPadLength(padded) : pkcs7PadLength(padded);
  if (pad === undefined) {
    return fail(
      'bad-padding',
      'adminPass did not decrypt to valid PKCS#7 padding; it was most likely encrypted with a key other than ' +
        "the first 16 characters of this access key's SecretAccessKey, or padded differently",
    );
  }
  try {
    const end = faults.firstBlockOnly ? Math.min(BLOCK, padded.length - pad) : padded.length - pad;
    return { ok: true, plaintext: utf8.decode(padded.subarray(0, end)) };
  } catch {
    return fail('not-utf8', 'adminPass decrypted to bytes that are not valid UTF-8 (wrong key or wrong encoding)');
  }
}
