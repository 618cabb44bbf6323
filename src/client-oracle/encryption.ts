/**
 * The in-transit encryption of one body field (`x-conformance.encryption`), checked with the
 * KIT's cipher: the key is the kit's derivation from the signer's secret, and a value holds
 * when it deciphers (AES-128-ECB, PKCS#7) and the kit's own encryption of that plaintext gives
 * back the same ciphertext.
 */
import { createDecipheriv } from 'node:crypto';
import type { EncryptionFacts } from '../contract/contract.ts';
import { adminPassKey, encryptAdminPass } from '../auth/password-cipher.ts';

const BLOCK_HEX = 32;

/** Why the value is not the field's ciphertext under `secretAccessKey`, or undefined when it is (never shows the plaintext or key). */
export function encryptionProblem(facts: EncryptionFacts, value: string, secretAccessKey: string): string | undefined {
  const hint = `${facts.field} must be ${facts.encoding}(${facts.algorithm}(password, key = ${facts.keyDerivation}, ${facts.padding}))`;
  if (!/^[0-9a-fA-F]*$/.test(value)) return `not-hex: ${facts.field} contains non-hex characters (was it sent unencrypted?). ${hint}`;
  if (value.length === 0 || value.length % BLOCK_HEX !== 0) return `bad-length: ${facts.field} has ${value.length} hex characters; it must be a non-zero multiple of ${BLOCK_HEX} (whole AES blocks)`;
  let plaintext: string;
  try {
    const decipher = createDecipheriv('aes-128-ecb', adminPassKey(secretAccessKey), null);
    const bytes = Buffer.concat([decipher.update(Buffer.from(value, 'hex')), decipher.final()]);
    plaintext = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return `bad-padding: ${facts.field} did not decipher to UTF-8 text with valid ${facts.padding} padding under the key of the signing access key; it was most likely encrypted with another key or padded differently. ${hint}`;
  }
  // The kit's cipher is the reference: its encryption of what came out must be what was sent.
  if (encryptAdminPass(plaintext, secretAccessKey) !== value.toLowerCase()) return `not-canonical: ${facts.field} deciphers, but the kit's cipher encrypts that plaintext differently (extra padding blocks?). ${hint}`;
  return undefined;
}
