/**
 * Byte-level helpers shared by both signers. Baidu's UriEncode and Huawei's RFC 3986 encoding
 * keep the same unreserved set (A-Z a-z 0-9 - . _ ~) and both uppercase the hex, so one
 * encoder serves both algorithms (facts.md §1 and §2).
 */

const UNRESERVED = /^[A-Za-z0-9\-._~]$/;
const ALL_UNRESERVED = /^[A-Za-z0-9\-._~]*$/;
const ALL_UNRESERVED_OR_SLASH = /^[A-Za-z0-9\-._~/]*$/;
/** What the slow path of {@link percentDecode} would change: an escape, a lone surrogate (→ U+FFFD), a leading BOM (dropped by the decoder). */
const DECODE_CHANGES = /[%\uD800-\uDFFF]|^\uFEFF/;
const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();

/** Percent-encodes every UTF-8 byte outside the unreserved set as uppercase `%XX`; optionally keeps '/'. */
export function uriEncode(value: string, keepSlash = false): string {
  // Most values (ids, header names, dates) need no escape at all.
  if ((keepSlash ? ALL_UNRESERVED_OR_SLASH : ALL_UNRESERVED).test(value)) return value;
  let out = '';
  for (const byte of utf8.encode(value)) {
    const ch = String.fromCharCode(byte);
    if (UNRESERVED.test(ch) || (keepSlash && ch === '/')) out += ch;
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Decodes `%XX` escapes (either hex case) to UTF-8 text, leaving malformed escapes and '+' as they are. */
export function percentDecode(value: string): string {
  // Tolerant on purpose: SDKs put lowercase hex on the wire (the Baidu Node SDK does), and a
  // stray '%' must not make the signer throw; '+' is not a space in these APIs' queries.
  // Without an escape, a lone surrogate or a leading BOM, the UTF-8 round trip below is the identity.
  if (!DECODE_CHANGES.test(value)) return value;
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const hex = value.slice(i + 1, i + 3);
    if (value[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      const cp = value.codePointAt(i) ?? 0;
      const ch = String.fromCodePoint(cp);
      bytes.push(...utf8.encode(ch));
      i += ch.length - 1;
    }
  }
  return utf8Decoder.decode(new Uint8Array(bytes));
}

/** Splits a raw URL search string into decoded `[key, value]` pairs; a bare key gets a null value. */
export function parseRawQuery(search: string): Array<[string, string | null]> {
  const raw = search.startsWith('?') ? search.slice(1) : search;
  const pairs: Array<[string, string | null]> = [];
  for (const piece of raw.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    if (eq < 0) pairs.push([percentDecode(piece), null]);
    else pairs.push([percentDecode(piece.slice(0, eq)), percentDecode(piece.slice(eq + 1))]);
  }
  return pairs;
}

/** Returns the headers as a map keyed by lowercase name, so look-ups ignore case as HTTP does. */
export function headerMap(headers: Record<string, string> | Headers): Map<string, string> {
  const map = new Map<string, string>();
  const entries = headers instanceof Headers ? headers.entries() : Object.entries(headers);
  for (const [name, value] of entries) map.set(name.toLowerCase(), value);
  return map;
}

const knownBodies = new WeakMap<Request, Uint8Array>();

/**
 * Remembers the bytes `request` was built with (the UTF-8 encoding of a string body, as Fetch
 * makes it), so {@link readBody} and the kit's exchange log need not tee its stream: cloning a
 * Request per case was a top entry of the kit's profile (issue 17).
 */
export function withKnownBody(request: Request, bytes: Uint8Array): Request {
  knownBodies.set(request, bytes);
  return request;
}

/** The bytes recorded by {@link withKnownBody}, while the body is still unread; else undefined. */
export function knownBody(request: Request): Uint8Array | undefined {
  return request.bodyUsed ? undefined : knownBodies.get(request);
}

/** Reads a request's body bytes without consuming it; undefined when the request has no body. */
export async function readBody(request: Request): Promise<Uint8Array<ArrayBuffer> | undefined> {
  if (request.body === null) return undefined;
  const known = knownBody(request);
  return new Uint8Array(known ?? (await request.clone().arrayBuffer()));
}
