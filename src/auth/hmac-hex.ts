/**
 * HMAC-SHA256 and SHA-256 as hex, for the kit's signers, without a `createHmac`/`createHash`
 * object per call. `createHmac` imports the key into a new OpenSSL context on every call; the
 * signers sign with a handful of keys (the SK, and bce-auth-v1's signing key for as long as the
 * timestamp holds), so each key is padded once (RFC 2104) and every message then costs two
 * one-shot SHA-256 runs: H((K ^ opad) || H((K ^ ipad) || message)). Issue 17, round 6: the
 * signers were ~13 % of a suite worker. `hmac-hex.test.ts` checks both against `node:crypto`'s
 * objects side by side (keys of any length, ASCII or not; messages with lone surrogates).
 */
import { hash } from 'node:crypto';

const BLOCK = 64;

/** A key padded once: K ^ ipad (as text when its bytes are ASCII) and K ^ opad with room for the inner digest. */
interface PaddedKey {
  inner: Buffer;
  innerText: string | undefined;
  outer: Buffer;
}

/** Padded keys by key text; a run signs with few keys, so the map is simply emptied when full. */
const padded = new Map<string, PaddedKey>();
const MAX_KEYS = 256;

function paddedKey(key: string): PaddedKey {
  let entry = padded.get(key);
  if (entry === undefined) {
    let bytes = Buffer.from(key, 'utf8');
    // Keys longer than a block are hashed first (RFC 2104), as createHmac does.
    if (bytes.length > BLOCK) bytes = hash('sha256', bytes, 'buffer');
    const inner = Buffer.alloc(BLOCK, 0x36);
    const outer = Buffer.alloc(BLOCK + 32, 0x5c);
    for (let i = 0; i < bytes.length; i++) {
      inner[i]! ^= bytes[i]!;
      outer[i]! ^= bytes[i]!;
    }
    // Both pads are below 0x80: K ^ ipad is ASCII (its UTF-8 is itself) exactly when the key's bytes are.
    entry = { inner, innerText: inner.every((b) => b < 0x80) ? inner.toString('latin1') : undefined, outer };
    if (padded.size >= MAX_KEYS) padded.clear();
    padded.set(key, entry);
  }
  return entry;
}

/** hex(HMAC-SHA256(key, message)), key and message as UTF-8 (what `createHmac('sha256', key).update(message).digest('hex')` gives). */
export function hmacSha256Hex(key: string, message: string): string {
  const k = paddedKey(key);
  const innerDigest =
    k.innerText === undefined ? hash('sha256', Buffer.concat([k.inner, Buffer.from(message, 'utf8')]), 'buffer') : hash('sha256', k.innerText + message, 'buffer');
  // Synchronous from here to the hash: the shared outer buffer is never seen half-written.
  innerDigest.copy(k.outer, BLOCK);
  return hash('sha256', k.outer, 'hex');
}

/** hex(SHA-256(data)), a string as UTF-8 (what `createHash('sha256').update(data).digest('hex')` gives). */
export function sha256Hex(data: string | Uint8Array): string {
  return hash('sha256', data, 'hex');
}
