/**
 * The request shape both server-side signature verifiers consume, and the result they return.
 *
 * Verifiers work on what was actually on the wire (still percent-encoded) because SDKs
 * disagree on escaping — e.g. the Baidu Node SDK sends some query escapes in lowercase hex —
 * so the server must decode before it canonicalises (facts.md §1, "Official Node SDK").
 */

/**
 * Read access to request headers: what the verifiers and services need, and no more. A Fetch
 * `Headers` satisfies it, and so does the HTTP adapter's light view over node's already
 * lower-cased `req.headers` (building a `Headers` per request cost more than the bare server's
 * whole request). `get` matches names case-insensitively and returns `null` when absent;
 * `forEach` yields lower-case names.
 */
export interface HeaderView {
  get(name: string): string | null;
  forEach(callback: (value: string, name: string) => void): void;
}

/** A mutable Fetch copy of a header view (for tests and for recording). */
export function headersFrom(view: HeaderView): Headers {
  const copy = new Headers();
  view.forEach((value, name) => copy.append(name, value));
  return copy;
}

/** One HTTP request exactly as the simulator received it. */
export interface WireRequest {
  method: string;
  /** raw path as received on the wire, still percent-encoded, e.g. "/v2/instance/i-1" */
  rawPath: string;
  /** raw query string without '?', as received, e.g. "changePass" or "changePass=" or "a=%2f" (may use lowercase hex escapes) */
  rawQuery: string;
  headers: HeaderView;
  body: Uint8Array;
}

/** Why authentication failed; the simulator maps each kind to a vendor status and error code. */
export type AuthFailure =
  | 'missing'
  | 'malformed'
  | 'unknown-key'
  | 'expired'
  | 'mismatch'
  | 'project-mismatch';

/** Outcome of verifying one request; `detail` never contains a secret or the expected signature. */
export type AuthResult =
  | { ok: true; accessKeyId: string }
  | { ok: false; failure: AuthFailure; detail: string };

/** Looks up the secret access key for an access key id; `undefined` when the id is unknown. */
export type SecretLookup = (accessKeyId: string) => string | undefined;
