/**
 * The bce-auth-v1 canonical request (facts.md §1): `METHOD\nURI\nQUERY\nHEADERS`, built from
 * what was on the wire. It runs on every BCC request, so it avoids needless allocation (the
 * profile showed it as the largest allocator): the header lines' order and name prefixes are
 * worked out once per signed list, strings that need no escaping are used as they are, and the
 * query's few pairs are sorted in place.
 */
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

/** Signed header names, with the order and prefixes of their canonical lines worked out. */
export interface SignedHeaderSet {
  /** As listed (lower-case, no duplicates); empty selects the default set. */
  readonly names: readonly string[];
  /** One entry per name, in canonical line order; `prefix` is `encodedName:`. */
  readonly lines: ReadonlyArray<{ readonly name: string; readonly prefix: string }>;
  /**
   * The header part last built with this set, and the trimmed values it was built from: a
   * client sends the same values request after request (the date changes once a second), and
   * comparing them is cheaper than encoding and joining them again.
   */
  last?: { values: string[]; headerLines: string; absent: string[] };
}

/**
 * Canonical header lines are sorted by their whole text, `encodedName:encodedValue`, and the
 * names are distinct. An encoded name never contains ':' (that is escaped as %3A), so two lines
 * always differ within their `encodedName:` prefixes: the order is that of the prefixes, and it
 * can be fixed once per set of names instead of sorting the lines of every request.
 */
export function signedHeaderSet(names: readonly string[]): SignedHeaderSet {
  const lines = names.map((name) => ({ name, prefix: `${uriEncode(name)}:` }));
  return { names, lines: lines.sort((a, b) => (a.prefix < b.prefix ? -1 : a.prefix > b.prefix ? 1 : 0)) };
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

/**
 * One query parameter as its canonical `k=v` (a bare key gives `k=`), or `undefined` for one
 * that is left out: an empty piece ("a&&b", a trailing '&') and the `authorization` key.
 */
function canonicalPair(piece: string): string | undefined {
  if (piece === '') return undefined;
  const eq = piece.indexOf('=');
  const key = reencode(eq === -1 ? piece : piece.slice(0, eq));
  // "authorization" is all unreserved characters, so comparing the encoded key is the same
  // as comparing the decoded one.
  if (key.length === 13 && key.toLowerCase() === 'authorization') return undefined;
  return `${key}=${eq === -1 ? '' : reencode(piece.slice(eq + 1))}`;
}

/**
 * Bare keys and empty values both give `k=`; sorting is over the whole encoded `k=v` string.
 * A query of one piece (BCC's `changePass` or `changePass=`, nearly every request) skips the
 * split and the sort: `canonical-query.test.ts` holds it equal to the general path.
 */
export function canonicalQuery(rawQuery: string): string {
  if (rawQuery === '') return '';
  if (!rawQuery.includes('&')) return canonicalPair(rawQuery) ?? '';
  return canonicalQuerySplit(rawQuery);
}

/** The general path (every query split on '&' and sorted); also the side-by-side test's reference. */
export function canonicalQuerySplit(rawQuery: string): string {
  const pairs: string[] = [];
  for (const piece of rawQuery.split('&')) {
    const pair = canonicalPair(piece);
    if (pair !== undefined) pairs.push(pair);
  }
  return sortStrings(pairs).join('&');
}

/** The default set (for an empty signed list): those of its headers the request carries. */
function defaultSet(req: WireRequest): SignedHeaderSet {
  const present: string[] = [];
  req.headers.forEach((_value, name) => {
    if (DEFAULT_SIGNED.has(name) || name.startsWith('x-bce-')) present.push(name);
  });
  return signedHeaderSet(sortStrings(present));
}

/**
 * Builds the canonical request for a signed header set (an empty one selects the default set).
 * Throws {@link PercentDecodeError} on a broken `%` escape in the path or query.
 */
export function buildCanonical(req: WireRequest, signed: SignedHeaderSet, rawPathCanonical = false): CanonicalParts {
  // The path is decoded then re-encoded keeping '/', so escape case and needless escapes
  // (e.g. %2D for '-') do not change the result. `rawPathCanonical` is a planted fault.
  const uri = req.rawPath === '' ? '/' : rawPathCanonical ? req.rawPath : reencode(req.rawPath, true);
  const query = canonicalQuery(req.rawQuery);
  const set = signed.names.length > 0 ? signed : defaultSet(req);
  const lines = set.lines;
  const values: string[] = [];
  for (let i = 0; i < lines.length; i++) values.push(req.headers.get(lines[i]!.name)?.trim() ?? '');
  const last = set.last;
  let same = last !== undefined;
  for (let i = 0; same && i < values.length; i++) same = values[i] === last!.values[i];
  const header = same ? last! : (set.last = headerPart(set, values));
  return { canonical: `${upperCase(req.method)}\n${uri}\n${query}\n${header.headerLines}`, absent: header.absent.slice(), used: set.names };
}

/** The canonical header lines for the set's trimmed values (in line order); blank ones are left out and named. */
function headerPart(set: SignedHeaderSet, values: string[]): { values: string[]; headerLines: string; absent: string[] } {
  let headerLines = '';
  const absent: string[] = [];
  set.lines.forEach(({ name, prefix }, i) => {
    const value = values[i]!;
    if (value === '') absent.push(name);
    else headerLines += `${headerLines === '' ? '' : '\n'}${prefix}${uriEncode(value)}`;
  });
  return { values, headerLines, absent };
}

let lastMethod = '';
let lastUpper = '';

/** `method.toUpperCase()`, remembered for the last method (a runtime call per request otherwise). */
function upperCase(method: string): string {
  if (method !== lastMethod) {
    lastUpper = method.toUpperCase();
    lastMethod = method;
  }
  return lastUpper;
}

/**
 * Builds the bce-auth-v1 canonical request from a wire request; an empty `signedHeaders` list
 * selects the default set. Throws {@link PercentDecodeError} on a broken `%` escape.
 */
export function bceCanonicalRequestFromWire(req: WireRequest, signedHeaders: readonly string[]): string {
  return buildCanonical(req, signedHeaderSet([...new Set(signedHeaders)])).canonical;
}
