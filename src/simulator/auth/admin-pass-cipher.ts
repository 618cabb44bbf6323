/**
 * Server-side decryption of BCC `adminPass` (facts.md §1, "Password encryption in transit"):
 * AES-128-ECB, key = first 16 characters of the SecretAccessKey, PKCS#7, hex ciphertext.
 * The block decryption is `aes128-decrypt.ts` (JavaScript; tested against node's decipher).
 */
import { aes128DecryptBlocks, aes128DecryptionKey, type Aes128DecryptionKey } from './aes128-decrypt.ts';
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
 * One expanded AES-128 key per secret, reused across requests (expanding it per request showed
 * up in the profile). ECB has no chaining, so each request's blocks are decrypted on their own.
 */
const keys = new BoundedCache<Aes128DecryptionKey>(64);

function decryptionKeyFor(secretAccessKey: string): Aes128DecryptionKey {
  // Keyed by the whole secret (the same string on every request, so its hash is computed once);
  // only its first 16 characters go into the key.
  let key = keys.get(secretAccessKey);
  // Stryker disable next-line ConditionalExpression: equivalent, a memo cache (always missing in the mutation run, mutation/no-caches.setup.ts)
  if (key === undefined) {
    key = aes128DecryptionKey(deriveKey(secretAccessKey));
    keys.set(secretAccessKey, key);
  }
  return key;
}

/** Room for the usual ciphertext (a password is one to a few blocks); longer ones get their own array. */
const scratch = new Uint8Array(256);

/**
 * Decodes already checked hex (an even count of `0-9a-fA-F`) and decrypts its whole blocks, in
 * place, into the first `ciphertextHex.length / 2` bytes of the result: `scratch` (valid until
 * the next call; no subarray view per request) unless the ciphertext is longer.
 */
function decryptBlocks(ciphertextHex: string, secretAccessKey: string): Uint8Array {
  const length = ciphertextHex.length >> 1;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent where it picks a new array (false, `<`): only an allocation more; hides the always-scratch siblings (true, `>`), which admin-pass-cipher-js.test.ts kills with ciphertexts past 256 bytes
  const data = length <= scratch.length ? scratch : new Uint8Array(length);
  // Stryker disable next-line EqualityOperator: equivalent for `<=`, one more byte (0) written past the ciphertext, into scratch or off the array's end, never read; hides `>=`, which every decryption kills
  for (let i = 0; i < length; i++) {
    const high = ciphertextHex.charCodeAt(2 * i);
    const low = ciphertextHex.charCodeAt(2 * i + 1);
    // '0'-'9' → 0-9; 'a'-'f' and 'A'-'F' → 10-15 (bit 6 set for letters only).
    data[i] = (((high & 0xf) + (high >> 6) * 9) << 4) | ((low & 0xf) + (low >> 6) * 9);
  }
  aes128DecryptBlocks(decryptionKeyFor(secretAccessKey), data, data, length);
  return data;
}

/** Module-level: constructing a TextDecoder per request is needless work. */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Returns the padding length if `data` ends in valid PKCS#7 padding, else undefined. Checked by
 * hand (auto-padding off) so a wrong key is reported as a distinct, explainable failure.
 */
function pkcs7PadLength(data: Uint8Array, length: number): number | undefined {
  // Never empty: the caller decrypts one or more whole blocks.
  const pad = data[length - 1]!;
  if (pad < 1 || pad > BLOCK) return undefined;
  for (let i = length - pad; i < length; i++) if (data[i] !== pad) return undefined;
  return pad;
}

/** Planted fault (laxPadding): as many bytes as the last one says, 1 to 16, the padding itself unchecked. */
function laxPadLength(data: Uint8Array, length: number): number | undefined {
  const last = data[length - 1]!;
  return last >= 1 && last <= BLOCK ? last : undefined;
}

/** Character codes of the plaintext, reused (building the string a character at a time measured slower). */
const codes: number[] = [];

/**
 * The first `end` bytes as text when they are all ASCII and a password's length (at most 64):
 * the same string the strict UTF-8 decoder gives, without a native call. Otherwise undefined.
 */
function asciiText(bytes: Uint8Array, end: number): string | undefined {
  if (end > 64) return undefined;
  codes.length = end;
  for (let i = 0; i < end; i++) {
    const byte = bytes[i]!;
    if (byte >= 0x80) return undefined;
    codes[i] = byte;
  }
  return String.fromCharCode(...codes);
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

  const length = ciphertext.length >> 1;
  const pad = faults.laxPadding ? laxPadLength(padded, length) : pkcs7PadLength(padded, length);
  if (pad === undefined) {
    return fail(
      'bad-padding',
      'adminPass did not decrypt to valid PKCS#7 padding; it was most likely encrypted with a key other than ' +
        "the first 16 characters of this access key's SecretAccessKey, or padded differently",
    );
  }
  try {
    const end = faults.firstBlockOnly ? Math.min(BLOCK, length - pad) : length - pad;
    return { ok: true, plaintext: asciiText(padded, end) ?? utf8.decode(padded.subarray(0, end)) };
  } catch {
    return fail('not-utf8', 'adminPass decrypted to bytes that are not valid UTF-8 (wrong key or wrong encoding)');
  }
}
