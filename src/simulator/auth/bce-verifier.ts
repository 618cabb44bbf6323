/**
 * Server-side verifier for Baidu AI Cloud "bce-auth-v1" request signatures (facts.md §1).
 *
 * Written from the published algorithm only, independently of any client-side signer, so that
 * the simulator is a trustworthy oracle for the kit's own signers.
 */
import { createHmac } from 'node:crypto';
import { BoundedCache } from '../core/bounded-cache.ts';
import { PercentDecodeError, reencode, signaturesEqual, uriEncode } from './uri-encoding.ts';
import type { AuthFailure, AuthResult, SecretLookup, WireRequest } from './wire-request.ts';

/** Result of {@link verifyBceAuth}. */
export type BceResult = AuthResult;

const AUTH_FORMAT = 'bce-auth-v1/{accessKeyId}/{timestamp}/{expirationSeconds}/{signedHeaders}/{signature}';
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;
const SIGNATURE = /^[0-9a-fA-F]{64}$/;
/** How far in the future a timestamp may lie: clock skew tolerance, matching the 15-minute gateway norm. */
const MAX_FUTURE_SKEW_MS = 15 * 60 * 1000;
/** Headers signed when the Authorization header's signed list is empty (facts.md §1). */
const DEFAULT_SIGNED = new Set(['host', 'content-length', 'content-type', 'content-md5']);

interface ParsedBceAuth {
  accessKeyId: string;
  timestampMs: number;
  expirationSeconds: number;
  signedHeaders: string[];
  signature: string;
  /** `bce-auth-v1/{ak}/{timestamp}/{exp}` exactly as the client sent it: the signing-key input. */
  authStringPrefix: string;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Parses a strict `YYYY-MM-DDThh:mm:ssZ` UTC timestamp, rejecting impossible dates. Built from
 * the regex groups with range checks and Date.UTC: re-formatting the date to check a round trip
 * showed up in the profile.
 */
function parseBceTimestamp(text: string): number | undefined {
  const m = TIMESTAMP.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC reads years 0–99 as 1900–1999; set the date explicitly for those.
  return year < 100 ? new Date(ms).setUTCFullYear(year, month - 1, day) : ms;
}

function parseAuthorization(value: string): ParsedBceAuth | string {
  const parts = value.split('/');
  if (parts.length !== 6 || parts[0] !== 'bce-auth-v1') {
    return `found ${parts.length} "/"-separated fields, expected 6; the header must look like ${AUTH_FORMAT}`;
  }
  const [, accessKeyId = '', timestamp = '', expiration = '', signedList = '', signature = ''] = parts;
  if (accessKeyId === '') return 'the access key id field is empty';
  const timestampMs = parseBceTimestamp(timestamp);
  if (timestampMs === undefined) return `timestamp "${timestamp}" is not a UTC time like 2015-04-27T08:23:49Z`;
  if (!/^[1-9]\d{0,9}$/.test(expiration)) return `expirationSeconds "${expiration}" is not a positive integer`;
  if (!SIGNATURE.test(signature)) return 'the signature field must be 64 hex characters (hex HMAC-SHA256)';
  const signedHeaders = signedList.split(';').map((h) => h.trim().toLowerCase()).filter((h) => h !== '');
  return {
    accessKeyId,
    timestampMs,
    expirationSeconds: Number(expiration),
    signedHeaders,
    signature,
    // The first four fields exactly as sent (the rest is `/{signedList}/{signature}`).
    authStringPrefix: value.slice(0, value.length - signedList.length - signature.length - 2),
  };
}

interface CanonicalParts {
  canonical: string;
  /** Names that are signed (listed) but absent or blank, so they contribute no header line. */
  absent: string[];
  /** Names actually used as the signed set (the default set when the list was empty). */
  used: string[];
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
    const value = reencode(eq === -1 ? '' : piece.slice(eq + 1));
    // "authorization" is all unreserved characters, so comparing the encoded key is the same
    // as comparing the decoded one.
    if (key.toLowerCase() !== 'authorization') pairs.push(`${key}=${value}`);
  }
  return pairs.sort().join('&');
}

/** The signed header names: the list as given, or (empty list) the default set present on the request. */
function signedNames(req: WireRequest, signedHeaders: readonly string[]): string[] {
  if (signedHeaders.length > 0) return [...new Set(signedHeaders)];
  const present: string[] = [];
  req.headers.forEach((_value, name) => {
    if (DEFAULT_SIGNED.has(name) || name.startsWith('x-bce-')) present.push(name);
  });
  return present.sort();
}

function buildCanonical(req: WireRequest, signedHeaders: readonly string[]): CanonicalParts {
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
  lines.sort();
  return { canonical: `${req.method.toUpperCase()}\n${uri}\n${query}\n${lines.join('\n')}`, absent, used };
}

/**
 * Builds the bce-auth-v1 canonical request from a wire request; an empty `signedHeaders` list
 * selects the default set. Throws {@link PercentDecodeError} on a broken `%` escape.
 */
export function bceCanonicalRequestFromWire(req: WireRequest, signedHeaders: readonly string[]): string {
  return buildCanonical(req, signedHeaders).canonical;
}

/**
 * Signing keys per (secret, auth-string prefix). The prefix holds the timestamp, so a client
 * reuses one for as long as it keeps that timestamp; deriving it costs a whole HMAC. Only the
 * key is cached: every request's own signature is still computed and compared.
 */
const signingKeys = new BoundedCache<string>(1024);

function signingKeyFor(secret: string, authStringPrefix: string): string {
  // The prefix comes from a header value, which cannot contain NUL: the pair maps to one key.
  const cacheKey = `${authStringPrefix}\u0000${secret}`;
  let signingKey = signingKeys.get(cacheKey);
  if (signingKey === undefined) {
    signingKey = createHmac('sha256', secret).update(authStringPrefix, 'utf8').digest('hex');
    signingKeys.set(cacheKey, signingKey);
  }
  return signingKey;
}

const fail = (failure: AuthFailure, detail: string): BceResult => ({
  ok: false,
  failure,
  detail,
});

/** Verifies a request's `Authorization: bce-auth-v1/...` header against the secret for its access key. */
export function verifyBceAuth(req: WireRequest, lookupSecret: SecretLookup, now: Date): BceResult {
  const header = req.headers.get('authorization')?.trim();
  if (header === undefined || header === '') {
    return fail('missing', `no Authorization header; send one shaped ${AUTH_FORMAT}`);
  }
  const parsed = parseAuthorization(header);
  if (typeof parsed === 'string') return fail('malformed', `malformed bce-auth-v1 Authorization header: ${parsed}`);

  const secret = lookupSecret(parsed.accessKeyId);
  if (secret === undefined) {
    return fail('unknown-key', `access key id "${parsed.accessKeyId}" is not registered with this simulator`);
  }

  // The signature is valid from its timestamp for expirationSeconds (facts.md §1); a timestamp
  // far in the future would let a captured request be replayed later, so cap the forward skew.
  const nowMs = now.getTime();
  const expiresMs = parsed.timestampMs + parsed.expirationSeconds * 1000;
  if (nowMs > expiresMs) {
    return fail(
      'expired',
      `request expired at ${new Date(expiresMs).toISOString()} (timestamp + ${parsed.expirationSeconds}s); ` +
        `server time is ${now.toISOString()}; sign again with the current UTC time`,
    );
  }
  if (parsed.timestampMs - nowMs > MAX_FUTURE_SKEW_MS) {
    return fail(
      'expired',
      `timestamp ${new Date(parsed.timestampMs).toISOString()} is more than 15 minutes ahead of server time ` +
        `${now.toISOString()}; check the client clock`,
    );
  }

  let parts: CanonicalParts;
  try {
    parts = buildCanonical(req, parsed.signedHeaders);
  } catch (err) {
    if (err instanceof PercentDecodeError) return fail('malformed', `cannot decode the request path or query: ${err.message}`);
    throw err;
  }

  const expected = createHmac('sha256', signingKeyFor(secret, parsed.authStringPrefix)).update(parts.canonical, 'utf8').digest('hex');
  if (signaturesEqual(parsed.signature, expected)) return { ok: true, accessKeyId: parsed.accessKeyId };

  // Explain what the server signed, never what the signature should have been.
  const absentNote = parts.absent.length > 0 ? ` Signed but absent or empty (skipped): ${parts.absent.join(', ')}.` : '';
  return fail(
    'mismatch',
    `signature does not match. Server-side canonical request (METHOD\\nURI\\nQUERY\\nHEADERS) was ` +
      `${JSON.stringify(parts.canonical)} with signed headers [${parts.used.join(';')}] and auth string prefix ` +
      `"${parsed.authStringPrefix}".${absentNote} Compare it with the client's canonical request.`,
  );
}
