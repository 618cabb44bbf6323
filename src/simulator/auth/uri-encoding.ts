/**
 * Percent-decoding of wire paths/queries and RFC 3986 re-encoding, shared by both verifiers.
 *
 * Both vendors canonicalise the *unencoded* value with the same rule: keep the RFC 3986
 * unreserved set `A-Z a-z 0-9 - . _ ~`, escape every other UTF-8 byte as uppercase `%XX`
 * (facts.md §1 "UriEncode", §2 "RFC 3986 encoding, uppercase hex"). Decoding to bytes first
 * makes `%2f`, `%2F` and (for unreserved characters) `%2D` vs `-` canonicalise identically.
 *
 * These run several times per request on the simulator's hot path, so they use lookup tables
 * instead of a regex per byte (the regex-per-byte encoder dominated the server's profile).
 */
import { timingSafeEqual } from 'node:crypto';
import { PercentDecodeError } from '../../errors/percent-decode-error.ts';

const UNRESERVED_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';

/** ENCODED[byte]: the byte itself if unreserved, else its uppercase `%XX` escape. */
const ENCODED: readonly string[] = Array.from({ length: 256 }, (_, byte) => {
  const ch = String.fromCharCode(byte);
  return UNRESERVED_CHARS.includes(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
});

/** HEX_VALUE[charCode] for `0-9 A-F a-f`, else -1 (indexed by UTF-16 code unit < 128). */
const HEX_VALUE: Int8Array = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let d = 0; d < 16; d++) {
    table['0123456789abcdef'.charCodeAt(d)] = d;
    table['0123456789ABCDEF'.charCodeAt(d)] = d;
  }
  return table;
})();

const SLASH = 0x2f;
const PERCENT = 0x25;

/** Thrown by {@link percentDecode} when a `%` is not followed by two hex digits (its class lives in `src/errors`). */
export { PercentDecodeError };

function hexValue(wire: string, index: number): number {
  const code = wire.charCodeAt(index); // NaN past the end, which fails the bound check
  return code < 128 ? HEX_VALUE[code]! : -1;
}

/**
 * Decodes `%XX` escapes (either hex case) into raw bytes; other characters become their UTF-8
 * bytes. `+` stays a literal plus: neither signing scheme treats it as a space.
 */
export function percentDecode(wire: string): Buffer {
  // Fast path: most paths and query parts carry no escape at all.
  if (!wire.includes('%')) return Buffer.from(wire, 'utf8');
  const out: number[] = [];
  let literalStart = 0;
  for (let i = 0; i < wire.length; i++) {
    if (wire.charCodeAt(i) !== PERCENT) continue;
    const high = hexValue(wire, i + 1);
    const low = hexValue(wire, i + 2);
    if (high < 0 || low < 0) {
      throw new PercentDecodeError(`invalid percent escape "${wire.slice(i, i + 3)}" at offset ${i}`);
    }
    if (i > literalStart) for (const byte of Buffer.from(wire.slice(literalStart, i), 'utf8')) out.push(byte);
    out.push(high * 16 + low);
    i += 2;
    literalStart = i + 1;
  }
  if (wire.length > literalStart) for (const byte of Buffer.from(wire.slice(literalStart), 'utf8')) out.push(byte);
  return Buffer.from(out);
}

/** RFC 3986-encodes raw bytes with uppercase hex; `keepSlash` leaves `/` as is (BCE paths). */
export function uriEncodeBytes(bytes: Uint8Array, keepSlash = false): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    out += keepSlash && byte === SLASH ? '/' : ENCODED[byte]!;
  }
  return out;
}

/**
 * RFC 3986-encodes a JS string via its UTF-8 bytes. Appends whole runs of unreserved characters
 * at once and returns the input itself when nothing needs escaping: building the result one
 * character at a time made this the largest allocator per request.
 */
export function uriEncode(text: string, keepSlash = false): string {
  let out = '';
  let runStart = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // Non-ASCII: hand the whole string to the byte encoder, which sees its UTF-8 form
    // (lone surrogates become U+FFFD exactly as before).
    if (code >= 0x80) return uriEncodeBytes(Buffer.from(text, 'utf8'), keepSlash);
    const encoded = ENCODED[code]!;
    if (encoded.length === 1 || (keepSlash && code === SLASH)) continue;
    out += text.slice(runStart, i) + encoded;
    runStart = i + 1;
  }
  return runStart === 0 ? text : out + text.slice(runStart);
}

/**
 * Percent-decodes then re-encodes one wire component; equal to
 * `uriEncodeBytes(percentDecode(wire), keepSlash)` but skips the byte buffer when there is no `%`.
 * Throws {@link PercentDecodeError} on a broken escape.
 */
export function reencode(wire: string, keepSlash = false): string {
  return wire.includes('%') ? uriEncodeBytes(percentDecode(wire), keepSlash) : uriEncode(wire, keepSlash);
}

/** One decoded query parameter; `value` is empty for a bare key such as `changePass`. */
export interface QueryParam {
  key: Buffer;
  value: Buffer;
}

/** Splits a raw query on `&` and the first `=` of each piece, decoding both halves to bytes. */
export function parseRawQuery(rawQuery: string): QueryParam[] {
  const params: QueryParam[] = [];
  for (const piece of rawQuery.split('&')) {
    if (piece === '') continue; // "a&&b" or a trailing '&' carries no parameter
    const eq = piece.indexOf('=');
    const rawKey = eq === -1 ? piece : piece.slice(0, eq);
    const rawValue = eq === -1 ? '' : piece.slice(eq + 1);
    params.push({ key: percentDecode(rawKey), value: percentDecode(rawValue) });
  }
  return params;
}

/** Constant-time comparison of a client-supplied hex signature against the expected one. */
export function signaturesEqual(providedHex: string, expectedHex: string): boolean {
  const provided = Buffer.from(providedHex.toLowerCase(), 'utf8');
  const expected = Buffer.from(expectedHex.toLowerCase(), 'utf8');
  // timingSafeEqual throws on length differences; the length is public (always 64), so an
  // early return leaks nothing.
  return provided.length === expected.length && timingSafeEqual(provided, expected);
}

/**
 * Constant-time comparison of a client-supplied hex signature (either case) against the
 * expected digest as lower-case hex (`hash(…, 'hex')`), in JavaScript: no buffer writes and no
 * native call per request (each cost more inside the server than the loop of 64 characters).
 * Only `A`–`F` are folded to lower case, without a branch, so no other character can pass for
 * a hex digit. Same answers as the buffer-decoding comparison it replaced (kept in `uri-encoding.test.ts` as the oracle).
 */
export function hexDigestMatches(providedHex: string, expectedHex: string): boolean {
  const length = expectedHex.length;
  if (providedHex.length !== length) return false;
  let diff = 0;
  for (let i = 0; i < length; i++) {
    const c = providedHex.charCodeAt(i);
    // 1 when c is 'A'..'F' (65..70), else 0: the sign bits of c - 65 and 70 - c.
    const upperHex = ((c - 65) >>> 31 ^ 1) & ((70 - c) >>> 31 ^ 1);
    diff |= (c + (upperHex << 5)) ^ expectedHex.charCodeAt(i);
  }
  return diff === 0;
}
