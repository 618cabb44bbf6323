/**
 * BCC admin-password encryption for transit (facts.md §1, "Password encryption in transit"):
 * AES-128-ECB keyed by the SK's first 16 characters, PKCS#7 padding, lowercase hex output.
 */
import { createCipheriv, type Cipher } from 'node:crypto';

/** Returns the AES-128 key: the UTF-8 bytes of the first 16 characters of the SecretAccessKey. */
export function adminPassKey(secretAccessKey: string): Buffer {
  const chars = Array.from(secretAccessKey);
  if (chars.length < 16) {
    throw new Error(
      `encryptAdminPass: the SecretAccessKey has ${chars.length} characters but the AES-128 key is its first 16; ` +
        'pass the full SK (Baidu SKs are 32 characters).',
    );
  }
  const key = Buffer.from(chars.slice(0, 16).join(''), 'utf8');
  // AES-128 needs exactly 16 bytes; real SKs are ASCII, so anything else is a wrong input.
  if (key.length !== 16) {
    throw new Error(
      `encryptAdminPass: the first 16 characters of the SecretAccessKey encode to ${key.length} bytes, not 16; ` +
        'use an ASCII SK as issued by Baidu.',
    );
  }
  return key;
}

/** One no-padding AES-128-ECB cipher per secret key; a run encrypts under a handful of keys. */
const ciphers = new Map<string, Cipher>();
const MAX_CIPHERS = 64;

function cipherFor(secretAccessKey: string): Cipher {
  let cipher = ciphers.get(secretAccessKey);
  if (cipher === undefined) {
    // adminPassKey throws for an unusable key: nothing is kept for it, so it throws every time.
    cipher = createCipheriv('aes-128-ecb', adminPassKey(secretAccessKey), null).setAutoPadding(false);
    if (ciphers.size >= MAX_CIPHERS) ciphers.clear();
    ciphers.set(secretAccessKey, cipher);
  }
  return cipher;
}

/** Encrypts an admin password as BCC expects it in `adminPass`: AES-128-ECB, PKCS#7, lowercase hex. */
export function encryptAdminPass(plaintext: string, secretAccessKey: string): string {
  // No password-rule check here on purpose: the kit must be able to send passwords a server rejects.
  const bytes = Buffer.from(plaintext, 'utf8');
  // PKCS#7, as OpenSSL's final() pads: 1–16 bytes of the pad length, a full block when aligned.
  const pad = 16 - (bytes.length % 16);
  const padded = Buffer.alloc(bytes.length + pad, pad);
  bytes.copy(padded);
  // ECB without padding: update() of whole blocks returns them all and keeps no state, so one
  // cipher per key serves every call (final() is never called; issue 17, round 6). The test
  // beside it compares with a fresh cipher and final() for every length.
  return cipherFor(secretAccessKey).update(padded).toString('hex');
}
