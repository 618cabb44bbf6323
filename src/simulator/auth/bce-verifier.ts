/**
 * Server-side verifier for Baidu AI Cloud "bce-auth-v1" request signatures (facts.md §1).
 *
 * Written from the published algorithm only, independently of any client-side signer, so that
 * the simulator is a trustworthy oracle for the kit's own signers. It runs on every BCC request
 * (see bench/README.md), so parsing avoids regex captures and repeated splitting; the signature
 * itself is computed and compared in full for every request.
 */
import { createHmac } from 'node:crypto';
import { BoundedCache, rememberLast } from '../core/bounded-cache.ts';
import { buildCanonical, signedHeaderSet, type CanonicalParts, type SignedHeaderSet } from './bce-canonical.ts';
import { hmacSha256Hex, hmacSha256Key, type HmacSha256Key } from './hmac-sha256.ts';
import { PercentDecodeError, hexDigestMatches } from './uri-encoding.ts';
import { utcMs } from './utc-ms.ts';
import { positiveIntegerOf } from './digits.ts';
import type { AuthFailure, AuthResult, SecretLookup, WireRequest } from './wire-request.ts';

export { bceCanonicalRequestFromWire } from './bce-canonical.ts';

/** Result of {@link verifyBceAuth}. */
export type BceResult = AuthResult;

const AUTH_FORMAT = 'bce-auth-v1/{accessKeyId}/{timestamp}/{expirationSeconds}/{signedHeaders}/{signature}';
/** A regular expression measured faster here than a loop over the (sliced) field's characters. */
const SIGNATURE = /^[0-9a-fA-F]{64}$/;
/**
 * Longest validity window accepted, in seconds: 7 days. The documents give 1800 as what the
 * SDKs send and no upper bound; a window of centuries (9999999999) makes a captured request
 * replayable for ever, which no gateway accepts (AWS SigV4 caps presigned requests at 7 days).
 */
export const MAX_EXPIRATION_SECONDS = 604_800;
/** Longest Authorization value parsed; a valid one is under 200 characters plus its header list. */
export const MAX_AUTHORIZATION_CHARS = 4096;

interface ParsedBceAuth {
  accessKeyId: string;
  timestampMs: number;
  expirationSeconds: number;
  /** Lower-case, trimmed, without duplicates; empty selects the default set. */
  signedHeaders: SignedHeaderSet;
  signature: string;
  /** `bce-auth-v1/{ak}/{timestamp}/{exp}` exactly as the client sent it: the signing-key input. */
  authStringPrefix: string;
}

/** The value of `count` ASCII digits at `start`, or -1 if any of them is not a digit. */
function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (!(digit >= 0 && digit <= 9)) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Parses a strict `YYYY-MM-DDThh:mm:ssZ` UTC timestamp, rejecting impossible dates. Reads the
 * digits in place and range-checks them (re-formatting the date to check a round trip showed
 * up in the profile).
 */
function parseBceTimestamp(text: string): number | undefined {
  if (text.length !== 20 || text[4] !== '-' || text[7] !== '-' || text[10] !== 'T') return undefined;
  if (text[13] !== ':' || text[16] !== ':' || text[19] !== 'Z') return undefined;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  // -1: digitsAt found a non-digit (the year has no other lower bound).
  if (year === -1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  return utcMs(year, month, day, hour, minute, second);
}

/** {@link parseBceTimestamp} of the last timestamp: a client's requests of one second share it. */
const timestampMsOf = rememberLast(parseBceTimestamp);

/** Parsed signed-header lists: clients repeat the same list on every request. */
const signedLists = new BoundedCache<SignedHeaderSet>(256);

function parseSignedList(list: string): SignedHeaderSet {
  let set = signedLists.get(list);
  // Stryker disable next-line ConditionalExpression: equivalent, a memo cache (always missing in the mutation run, mutation/no-caches.setup.ts)
  if (set === undefined) {
    // Stryker disable next-line MethodExpression: out of scope, bce-auth-v1 asks clients for lower-case names joined by ';'; what a server does with other spellings (case, spaces, empty names) no document says
    set = signedHeaderSet([...new Set(list.split(';').map((h) => h.trim().toLowerCase()).filter((h) => h !== ''))]);
    signedLists.set(list, set);
  }
  return set;
}

/**
 * Where each of the six '/'-separated fields starts, plus `length + 1` as a final sentinel; or
 * the number of fields when there are not six. Scanning with indexOf instead of `split`: split
 * goes to the V8 runtime for every new header string, and most of its pieces are not needed.
 */
function fieldStarts(value: string): number[] | number {
  const starts = [0];
  for (let slash = value.indexOf('/'); slash !== -1; slash = value.indexOf('/', slash + 1)) starts.push(slash + 1);
  // Stryker disable next-line ConditionalExpression: out of scope, a header of more than six fields is then refused as a signature mismatch instead of as malformed, and no document maps a malformed header to a code (BCC-AUTH-MALFORMED accepts any 4xx)
  if (starts.length !== 6) return starts.length;
  starts.push(value.length + 1);
  return starts;
}

/** Field `n` (0-based) given {@link fieldStarts}; top-level, not a closure per request. */
function fieldAt(value: string, starts: readonly number[], n: number): string {
  return value.slice(starts[n], starts[n + 1]! - 1);
}

function parseAuthorization(value: string): ParsedBceAuth | string {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: out of scope, no document bounds the header; a longer one is refused as malformed or as a mismatch alike (the bound guards the parser's time)
  if (value.length > MAX_AUTHORIZATION_CHARS) return `it is longer than ${MAX_AUTHORIZATION_CHARS} characters; the header must look like ${AUTH_FORMAT}`;
  const starts = fieldStarts(value);
  if (
    !value.startsWith('bce-auth-v1/') ||
    // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent, with other than six fields the access key id field reads as empty, refused as malformed the same way
    typeof starts === 'number'
  ) {
    return `found ${typeof starts === 'number' ? starts : 6} "/"-separated fields, expected 6 starting with bce-auth-v1; the header must look like ${AUTH_FORMAT}`;
  }
  const accessKeyId = fieldAt(value, starts, 1);
  if (accessKeyId === '') return 'the access key id field is empty';
  const timestamp = fieldAt(value, starts, 2);
  const timestampMs = timestampMsOf(timestamp);
  if (timestampMs === undefined) return `timestamp "${timestamp}" is not a UTC time like 2015-04-27T08:23:49Z`;
  const expiration = fieldAt(value, starts, 3);
  const expirationSeconds = positiveIntegerOf(expiration);
  // Stryker disable next-line EqualityOperator: equivalent for `<=`, positiveIntegerOf gives -1 or at least 1, never 0 (its leading digit is 1-9); hides `>=`, which every signed request kills
  if (expirationSeconds < 0) return `expirationSeconds "${expiration}" is not a positive integer`;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: out of scope, the documents give no upper bound for expirationSeconds (this one is the simulator's own, against replay)
  if (expirationSeconds > MAX_EXPIRATION_SECONDS) return `expirationSeconds ${expiration} is too long: at most ${MAX_EXPIRATION_SECONDS} (7 days) is accepted; SDKs send half an hour`;
  const signature = fieldAt(value, starts, 5);
  if (!SIGNATURE.test(signature)) return 'the signature field must be 64 hex characters (hex HMAC-SHA256)';
  return {
    accessKeyId,
    timestampMs,
    expirationSeconds,
    signedHeaders: parseSignedList(fieldAt(value, starts, 4)),
    signature,
    // The first four fields exactly as sent: the signing-key input.
    authStringPrefix: value.slice(0, starts[4]! - 1),
  };
}

/**
 * Signing keys per auth-string prefix (and secret). The prefix holds the timestamp, so a client
 * reuses one for as long as it keeps that timestamp; deriving the key costs a whole HMAC. Only
 * the key is cached: every request's own signature is still computed and compared.
 */
const signingKeys = new BoundedCache<{ secret: string; key: HmacSha256Key }>(1024);

function signingKeyFor(secret: string, authStringPrefix: string): HmacSha256Key {
  const cached = signingKeys.get(authStringPrefix);
  // The same access key may map to different secrets in different simulators of one process.
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, a memo cache (always missing in the mutation run, mutation/no-caches.setup.ts)
  if (cached !== undefined && cached.secret === secret) return cached.key;
  // Stryker disable next-line StringLiteral: equivalent, Node reads an empty encoding name as its default, UTF-8
  const signingKey = createHmac('sha256', secret).update(authStringPrefix, 'utf8').digest('hex');
  const key = hmacSha256Key(signingKey);
  // Stryker disable next-line ObjectLiteral: equivalent, a memo cache (always missing in the mutation run, mutation/no-caches.setup.ts)
  signingKeys.set(authStringPrefix, { secret, key });
  return key;
}

const fail = (failure: AuthFailure, detail: string): BceResult => ({
  ok: false,
  failure,
  detail,
});

/** Planted faults of the verifier (kit self-tests only); none by default. */
export interface BceVerifierFaults {
  /** Use this validity window whatever the auth string says. */
  fixedExpirationSeconds?: number;
  /** Canonicalise the default header set whatever the auth string lists. */
  ignoreSignedHeaderList?: boolean;
  /** Sign the path as received (escapes kept as sent) instead of the decoded, re-encoded canonical URI. */
  rawPathCanonical?: boolean;
}

/** What the verifier needs from the spec, and the planted faults (none by default). */
export interface BceVerifyOptions extends BceVerifierFaults {
  /** How far ahead of server time a timestamp may lie: the spec's `auth.maxFutureSkewSeconds`. */
  maxFutureSkewSeconds: number;
}

/**
 * Verifies a request's `Authorization: bce-auth-v1/...` header against the secret for its access
 * key, at server time `now` (a Date, or epoch milliseconds: the simulator passes `Date.now()`,
 * which spares a Date object per request).
 */
export function verifyBceAuth(req: WireRequest, lookupSecret: SecretLookup, now: Date | number, faults: BceVerifyOptions): BceResult {
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
  // Stryker disable next-line ConditionalExpression: equivalent for `true`, a Date compares, subtracts and converts (new Date(date)) as its epoch milliseconds, so passed on as is it answers alike; hides `false` (number.getTime throws), which every simulator request kills
  const nowMs = typeof now === 'number' ? now : now.getTime();
  const expiresMs = parsed.timestampMs + (faults.fixedExpirationSeconds ?? parsed.expirationSeconds) * 1000;
  if (nowMs > expiresMs) {
    return fail(
      'expired',
      `request expired at ${new Date(expiresMs).toISOString()} (timestamp + ${parsed.expirationSeconds}s); ` +
        `server time is ${new Date(nowMs).toISOString()}; sign again with the current UTC time`,
    );
  }
  // Stryker disable next-line EqualityOperator: out of scope, exactly the allowed skew ahead to the millisecond; "15 minutes" fixes no side of that instant
  if (parsed.timestampMs - nowMs > faults.maxFutureSkewSeconds * 1000) {
    return fail(
      'expired',
      `timestamp ${new Date(parsed.timestampMs).toISOString()} is more than ${faults.maxFutureSkewSeconds}s ahead of server time ` +
        `${new Date(nowMs).toISOString()}; check the client clock`,
    );
  }

  let parts: CanonicalParts;
  try {
    parts = buildCanonical(req, faults.ignoreSignedHeaderList ? parseSignedList('') : parsed.signedHeaders, faults.rawPathCanonical);
  } catch (err) {
    // Stryker disable next-line ConditionalExpression: equivalent, canonicalisation throws nothing else
    if (err instanceof PercentDecodeError) return fail('malformed', `cannot decode the request path or query: ${err.message}`);
    throw err;
  }

  const expected = hmacSha256Hex(signingKeyFor(secret, parsed.authStringPrefix), parts.canonical);
  if (hexDigestMatches(parsed.signature, expected)) return { ok: true, accessKeyId: parsed.accessKeyId };

  // Explain what the server signed, never what the signature should have been.
  const absentNote = parts.absent.length > 0 ? ` Signed but absent or empty (skipped): ${parts.absent.join(', ')}.` : '';
  return fail(
    'mismatch',
    `signature does not match. Server-side canonical request (METHOD\\nURI\\nQUERY\\nHEADERS) was ` +
      `${JSON.stringify(parts.canonical)} with signed headers [${parts.used.join(';')}] and auth string prefix ` +
      `"${parsed.authStringPrefix}".${absentNote} Compare it with the client's canonical request.`,
  );
}
