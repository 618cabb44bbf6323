/**
 * Percent-decoding of wire paths/queries and RFC 3986 re-encoding, shared by both verifiers.
 *
 * Both vendors canonicalise the *unencoded* value with the same rule: keep the RFC 3986
 * unreserved set `A-Z a-z 0-9 - . _ ~`, escape every other UTF-8 byte as uppercase `%XX`
 * (facts.md §1 "UriEncode", §2 "RFC 3986 encoding, uppercase hex"). Decoding to bytes first
 * makes `%2f`, `%2F` and (for unreserved characters) `%2D` vs `-` canonicalise identically.
 */
import { timingSafeEqual } from 'node:crypto';

const UNRESERVED = /^[A-Za-z0-9\-._~]$/;
const HEX_PAIR = /^[0-9A-Fa-f]{2}$/;

/** Thrown by {@link percentDecode} when a `%` is not followed by two hex digits. */
export class PercentDecodeError extends Error {
  override readonly name = 'PercentDecodeError';
}

/**
 * Decodes `%XX` escapes (either hex case) into raw bytes; other characters become their UTF-8
 * bytes. `+` stays a literal plus: neither signing scheme treats it as a space.
 */
export function percentDecode(wire: string): Buffer {
  const out: number[] = [];
  let literalStart = 0;
  const flushLiteral = (end: number): void => {
    if (end > literalStart) out.push(...Buffer.from(wire.slice(literalStart, end), 'utf8'));
  };
  for (let i = 0; i < wire.length; i++) {
    if (wire[i] !== '%') continue;
    const pair = wire.slice(i + 1, i + 3);
    if (!HEX_PAIR.test(pair)) {
      throw new PercentDecodeError(`invalid percent escape "${wire.slice(i, i + 3)}" at offset ${i}`);
    }
    flushLiteral(i);
    out.push(parseInt(pair, 16));
    i += 2;
    literalStart = i + 1;
  }
  flushLiteral(wire.length);
  return Buffer.from(out);
}

/** RFC 3986-encodes raw bytes with uppercase hex; `keepSlash` leaves `/` as is (BCE paths). */
export function uriEncodeBytes(bytes: Uint8Array, keepSlash = false): string {
  let out = '';
  for (const byte of bytes) {
    const ch = String.fromCharCode(byte);
    if (byte < 0x80 && (UNRESERVED.test(ch) || (keepSlash && ch === '/'))) out += ch;
    else out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** RFC 3986-encodes a JS string via its UTF-8 bytes. */
export function uriEncode(text: string, keepSlash = false): string {
  return uriEncodeBytes(Buffer.from(text, 'utf8'), keepSlash);
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
