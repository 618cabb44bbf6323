/**
 * HMAC-SHA256 (RFC 2104) for a key used many times, built on the one-shot `crypto.hash`.
 *
 * Why not `createHmac`: the bce-auth-v1 signing key is reused across requests, yet
 * `createHmac` sets it up again on every call (key import, OpenSSL context, a stream object),
 * which made it the largest single cost of verifying a request. Here the key is padded once;
 * each message then costs two plain SHA-256 runs: H((K ^ opad) || H((K ^ ipad) || message)).
 * For a key of at most one block of ASCII (the bce-auth-v1 signing key is 64 hex characters),
 * K ^ ipad is ASCII too, so the inner input is the string `(K ^ ipad) + message` hashed as
 * UTF-8 in one call, without copying the message into a buffer first.
 * The tests check it against `createHmac`, both paths side by side.
 */
import { hash } from 'node:crypto';

const BLOCK = 64;
const DIGEST = 32;

/** A key prepared for {@link hmacSha256}. */
export interface HmacSha256Key {
  /** K ^ ipad, one block. */
  readonly inner: Buffer;
  /** K ^ opad, one block, followed by room for the inner digest. */
  readonly outer: Buffer;
  /** K ^ ipad as a string of the same bytes, when they are all ASCII (their UTF-8 is themselves). */
  readonly innerText: string | undefined;
}

/** Pads a key once (keys longer than a block are hashed first, as RFC 2104 says). */
export function hmacSha256Key(key: string | Uint8Array): HmacSha256Key {
  let bytes = typeof key === 'string' ? Buffer.from(key, 'utf8') : Buffer.from(key);
  if (bytes.length > BLOCK) bytes = hash('sha256', bytes, 'buffer');
  const inner = Buffer.alloc(BLOCK, 0x36);
  const outer = Buffer.alloc(BLOCK + DIGEST, 0x5c);
  for (let i = 0; i < bytes.length; i++) {
    inner[i]! ^= bytes[i]!;
    outer[i]! ^= bytes[i]!;
  }
  // Both pads are below 0x80, so K ^ ipad is ASCII exactly when the key bytes are.
  return { inner, outer, innerText: inner.every((byte) => byte < 0x80) ? inner.toString('latin1') : undefined };
}

/** Room for K ^ ipad followed by most messages, so the inner hash input needs no allocation. */
const scratch = Buffer.alloc(8 * 1024);
/** A view of `scratch` per input length, kept for the next message of the same length. */
let scratchView = scratch.subarray(0, 0);

function innerInput(key: HmacSha256Key, message: string): Buffer {
  // A UTF-8 encoding takes at most 3 bytes per UTF-16 code unit.
  if (BLOCK + 3 * message.length > scratch.length) return Buffer.concat([key.inner, Buffer.from(message, 'utf8')]);
  key.inner.copy(scratch, 0);
  const length = BLOCK + scratch.write(message, BLOCK, 'utf8');
  if (scratchView.length !== length) scratchView = scratch.subarray(0, length);
  return scratchView;
}

/**
 * HMAC-SHA256 of a UTF-8 message under a prepared key, as a 32-character `binary` (latin1)
 * string, one character per byte. Strings rather than Buffers: a Buffer per digest means an
 * ArrayBuffer with its own backing store, which the garbage collector then has to sweep.
 */
export function hmacSha256(key: HmacSha256Key, message: string): string {
  return hash('sha256', outerInput(key, message), 'binary');
}

/** {@link hmacSha256} as 64 lower-case hex digits (what bce-auth-v1 signatures are). */
export function hmacSha256Hex(key: HmacSha256Key, message: string): string {
  return hash('sha256', outerInput(key, message), 'hex');
}

/** `outer` with the inner digest written after the padded key. */
function outerInput(key: HmacSha256Key, message: string): Buffer {
  const innerDigest = key.innerText === undefined ? hash('sha256', innerInput(key, message), 'binary') : hash('sha256', key.innerText + message, 'binary');
  // `outer` holds the padded key in its first block; the inner digest goes after it. Sharing it
  // (and the scratch buffer) across calls is safe: everything here is synchronous.
  key.outer.write(innerDigest, BLOCK, 'latin1');
  return key.outer;
}

/** The general path (the message copied into a buffer after K ^ ipad), for the side-by-side test. */
export function hmacSha256ViaBuffer(key: HmacSha256Key, message: string): string {
  return hmacSha256({ ...key, innerText: undefined }, message);
}
