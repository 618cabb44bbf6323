/**
 * The bce-auth-v1 canonical request (facts.md §1): `METHOD\nURI\nQUERY\nHEADERS`, built from
 * what was on the wire. It runs on every BCC request, so it avoids needless allocation (the
 * profile showed it as the largest allocator): names are encoded once, strings that need no
 * escaping are used as they are, and the short lists are sorted in place.
 */
import { BoundedCache } from '../core/bounded-cache.ts';
import { reencode, uriEncode } from './uri-encoding.ts';
import type { WireRequest } from './wire-request.ts';

/** Headers signed when the Authorization header's signed list is empty (facts.md §1). */
const DEFAULT_SIGNED = new Set(['host', 'content-length', 'content-type', 'content-md5']);

/** The canonical request and what went into its header part. */
export interface CanonicalParts {
  canonical: string;
  /** Names that are signed (listed) but absent or blank, so they contribute no header line. */
  absent: string[];
  /** Names actually used as the signed set (the default set when the list was empty). */
  used: readonly string[];
}

/**
 * Sorts a short string array in place by UTF-16 code units, like `Array#sort()` without a
 * comparator. Insertion sort: these lists hold a handful of entries, and `Array#sort`
 * allocates working storage on every call.
 */
function sortStrings(items: string[]): string[] {
  for (let i = 1; i < items.length; i++) {
    const item = items[i]!;
    let j = i - 1;
    for (; j >= 0 && items[j]! > item; j--) items[j + 1] = items[j]!;
    items[j + 1] = item;
  }
  return items;
}

/** RFC 3986 forms of signed header names: few distinct names, encoded once each. */
const encodedNames = new BoundedCache<string>(256);

function encodedName(name: string): string {
  let encoded = encodedNames.get(name);
  if (encoded === undefined) {
    encoded = uriEncode(name);
    encodedNames.set(name, encoded);
  }
  return encoded;
}

/** Bare keys and empty values both give `k=`; sorting is over the whole encoded `k=v` string. */
function canonicalQuery(rawQuery: string): string {
  if (rawQuery === '') return '';
  const pairs: string[] = [];
  for (const piece of rawQuery.split('&')) {
    if (piece === '') continue; // "a&&b" or a trailing '&' carries no parameter
    const eq = piece.indexOf('=');
    const key = reencode(eq === -1 ? piece : piece.slice(0, eq));
    const value = eq === -1 ? '' : reencode(piece.slice(eq + 1));
    // "authorization" is all unreserved characters, so comparing the encoded key is the same
    // as comparing the decoded one.
    if (key.toLowerCase() !== 'authorization') pairs.push(`${key}=${value}`);
  }
  return pairs.length === 1 ? pairs[0]! : sortStrings(pairs).join('&');
}

/** The signed header names: the list as given, or (empty list) the default set present on the request. */
function signedNames(req: WireRequest, signedHeaders: readonly string[]): readonly string[] {
  if (signedHeaders.length > 0) return signedHeaders;
  const present: string[] = [];
  req.headers.forEach((_value, name) => {
    if (DEFAULT_SIGNED.has(name) || name.startsWith('x-bce-')) present.push(name);
  });
  return sortStrings(present);
}

/**
 * Builds the canonical request. `signedHeaders` must be lower-case and free of duplicates
 * (as parsed from the Authorization header); empty selects the default set.
 * Throws {@link PercentDecodeError} on a broken `%` escape in the path or query.
 */
export function buildCanonical(req: WireRequest, signedHeaders: readonly string[]): CanonicalParts {
  // The path is decoded then re-encoded keeping '/', so escape case and needless escapes
  // (e.g. %2D for '-') do not change the result.
  const uri = req.rawPath === '' ? '/' : reencode(req.rawPath, true);
  const query = canonicalQuery(req.rawQuery);
  const used = signedNames(req, signedHeaders);
  const lines: string[] = [];
  const absent: string[] = [];
  for (const name of used) {
    const value = req.headers.get(name)?.trim() ?? '';
    if (value === '') absent.push(name);
    else lines.push(`${encodedName(name)}:${uriEncode(value)}`);
  }
  return { canonical: `${req.method.toUpperCase()}\n${uri}\n${query}\n${sortStrings(lines).join('\n')}`, absent, used };
}

/**
 * Builds the bce-auth-v1 canonical request from a wire request; an empty `signedHeaders` list
 * selects the default set. Throws {@link PercentDecodeError} on a broken `%` escape.
 */
export function bceCanonicalRequestFromWire(req: WireRequest, signedHeaders: readonly string[]): string {
  return buildCanonical(req, [...new Set(signedHeaders)]).canonical;
}
