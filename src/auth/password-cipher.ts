/**
 * BCC admin-password encryption for transit (facts.md §1, "Password encryption in transit"):
 * AES-128-ECB keyed by the SK's first 16 characters, PKCS#7 padding, lowercase hex output.
 */
import { createCipheriv } from 'node:crypto';

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

/** Encrypts an admin password as BCC expects it in `adminPass`: AES-128-ECB, PKCS#7, lowercase hex. */
export function encryptAdminPass(plaintext: string, secretAccessKey: string): string {
  // ECB takes no IV; Node's default auto-padding is PKCS#7 and adds a full block when aligned.
  // No password-rule check here on purpose: the kit must be able to send passwords a server rejects.
  const cipher = createCipheriv('aes-128-ecb', adminPassKey(secretAccessKey), null);
  return Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]).toString('hex');
}
