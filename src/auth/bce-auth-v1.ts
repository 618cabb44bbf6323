/**
 * Client-side signer for Baidu's bce-auth-v1 scheme (facts.md §1, "Authentication").
 * Used by the kit to produce requests whose signatures a conforming server must accept.
 */
import { hmacSha256Hex } from './hmac-hex.ts';
import { requiredFact, shippedFacts } from '../contract/shipped-facts.ts';
import { headerMap, parseRawQuery, percentDecode, uriEncode } from './uri-encode.ts';
import { draftOf, newDraft, requestOf, type RequestDraft } from './request-draft.ts';

/** Inputs to the bce-auth-v1 canonical request; `path` is the decoded path. */
export interface BceCanonicalParts {
  method: string;
  path: string;
  query: Array<[string, string | null]>;
  headers: Record<string, string> | Headers;
  signedHeaders: string[];
}

/** Baidu access key pair. */
export interface BceCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** Options for {@link signBceRequest}. */
export interface BceSignOptions {
  /** A Date, or a string already in `YYYY-MM-DDThh:mm:ssZ` form (sent verbatim). */
  timestamp: Date | string;
  /** Validity window in seconds; default the spec's `auth.defaultExpirationSeconds`, what every official SDK sends. */
  expirationSeconds?: number;
  /** Explicit list, or 'default' for an empty list in the header (server signs its default set). */
  signedHeaders?: string[] | 'default';
}

/** Headers the omitted-option case signs: what the official Node SDK signs for changePass. */
const SDK_SIGNED_HEADERS = ['content-length', 'content-type', 'host', 'x-bce-date'];

/** Headers implied by an empty signed-headers field in the Authorization header. */
const DEFAULT_SIGNED_HEADERS = new Set(['host', 'content-length', 'content-type', 'content-md5']);

/** Builds `METHOD\nURI\nQUERY\nHEADERS` exactly as bce-auth-v1 defines it (no trailing newline, no body hash). */
export function bceCanonicalRequest(parts: BceCanonicalParts): string {
  const uri = uriEncode(parts.path === '' ? '/' : parts.path, true);
  // The `authorization` param carries the signature itself when sent in the query, so it is
  // never part of what is signed; a missing value still produces `k=` (`changePass` → `changePass=`).
  const query = parts.query
    .filter(([key]) => key.toLowerCase() !== 'authorization')
    .map(([key, value]) => `${uriEncode(key)}=${uriEncode(value ?? '')}`)
    .sort()
    .join('&');
  const values = headerMap(parts.headers);
  const names = new Set(parts.signedHeaders.map((name) => name.trim().toLowerCase()));
  const lines: string[] = [];
  for (const name of names) {
    // Headers listed but absent or blank are skipped rather than signed as empty.
    const value = values.get(name)?.trim();
    if (value) lines.push(`${uriEncode(name)}:${uriEncode(value)}`);
  }
  // Encoded lines are pure ASCII, so the default sort is the bytewise sort the spec asks for.
  lines.sort();
  return [parts.method.toUpperCase(), uri, query, lines.join('\n')].join('\n');
}

/** The last signing key derived, and what from: one holds for every request of the same second and key. */
let lastDerived: { secretAccessKey: string; authStringPrefix: string; signingKey: string } | undefined;

/** Derives the per-request signing key: hex(HMAC-SHA256(SK, authStringPrefix)). */
export function bceSigningKey(secretAccessKey: string, authStringPrefix: string): string {
  // The prefix holds the timestamp (whole seconds): consecutive requests mostly share it.
  if (lastDerived !== undefined && lastDerived.authStringPrefix === authStringPrefix && lastDerived.secretAccessKey === secretAccessKey) return lastDerived.signingKey;
  const signingKey = hmacSha256Hex(secretAccessKey, authStringPrefix);
  lastDerived = { secretAccessKey, authStringPrefix, signingKey };
  return signingKey;
}

/** Computes the signature: hex(HMAC-SHA256(signingKey as ASCII text, canonicalRequest)). */
export function bceSignature(signingKey: string, canonicalRequest: string): string {
  return hmacSha256Hex(signingKey, canonicalRequest);
}

/** Lists the headers an empty signed-headers field stands for: host, content-*, x-bce-* present. */
export function bceDefaultSignedHeaders(headers: Record<string, string> | Headers): string[] {
  return [...headerMap(headers)]
    .filter(([name, value]) => value.trim() !== '' && (DEFAULT_SIGNED_HEADERS.has(name) || name.startsWith('x-bce-')))
    .map(([name]) => name)
    .sort();
}

/** Formats a Date as the `YYYY-MM-DDThh:mm:ssZ` timestamp bce-auth-v1 expects (no milliseconds). */
export function bceTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** Returns a new Request carrying x-bce-date, host, content-length and a bce-auth-v1 Authorization header. */
export async function signBceRequest(
  request: Request,
  credentials: BceCredentials,
  options: BceSignOptions,
): Promise<Request> {
  return requestOf(signBceDraft(await draftOf(request), credentials, options), request);
}

/**
 * A new request with any method, headers and body bytes, signed: what
 * `signBceRequest(new Request(url, init), credentials, options)` gives, with one Fetch `Request`
 * made instead of two (issue 17, round 4: the suites' hand-made requests).
 */
export function signedBceRequest(
  url: string,
  init: { method: string; headers: HeadersInit; body?: Uint8Array<ArrayBuffer> },
  credentials: BceCredentials,
  options: BceSignOptions,
): Request {
  return requestOf(signBceDraft(newDraft(init.method, url, init.headers, init.body), credentials, options));
}

/**
 * Signs a draft in place (its headers gain x-bce-date, host, content-length and Authorization)
 * and returns it: {@link signBceRequest} without a Fetch `Request` in or out, for the kit's builders.
 */
export function signBceDraft(draft: RequestDraft, credentials: BceCredentials, options: BceSignOptions): RequestDraft {
  const { url, body, headers } = draft;
  const timestamp = typeof options.timestamp === 'string' ? options.timestamp : bceTimestamp(options.timestamp);
  const expiration = options.expirationSeconds ?? requiredFact(shippedFacts('bcc').auth.defaultExpirationSeconds, 'bcc', '/auth/defaultExpirationSeconds');

  if (!headers.has('host')) headers.set('host', url.host);
  if (!headers.has('x-bce-date')) headers.set('x-bce-date', timestamp);
  // A Fetch Request has no content-length header until it is sent, yet SDKs sign it.
  if (body !== undefined && !headers.has('content-length')) headers.set('content-length', String(body.byteLength));

  let listed: string[];
  let signed: string[];
  if (options.signedHeaders === 'default') {
    listed = [];
    signed = bceDefaultSignedHeaders(headers);
  } else if (options.signedHeaders !== undefined) {
    listed = signed = options.signedHeaders.map((name) => name.trim().toLowerCase());
  } else {
    listed = signed = SDK_SIGNED_HEADERS.filter((name) => (headers.get(name) ?? '').trim() !== '');
  }

  const prefix = `bce-auth-v1/${credentials.accessKeyId}/${timestamp}/${expiration}`;
  const canonical = bceCanonicalRequest({
    method: draft.method,
    path: percentDecode(url.pathname),
    query: parseRawQuery(url.search),
    headers,
    signedHeaders: signed,
  });
  const signature = bceSignature(bceSigningKey(credentials.secretAccessKey, prefix), canonical);
  headers.set('authorization', `${prefix}/${listed.join(';')}/${signature}`);
  return draft;
}
