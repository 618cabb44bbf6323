/**
 * Deliberately broken requests for negative rules. Each fault names what it breaks, so a
 * suite can say which rule a rejection proves.
 */

/** Ways the builder can break a request on purpose. */
export type RequestFault =
  | 'no-signature'
  | 'garbled-signature'
  | 'malformed-auth-header'
  | 'stale-date'
  | 'future-date'
  | 'wrong-key'
  | 'unknown-key'
  | 'body-after-signing'
  | 'path-after-signing'
  | 'plaintext-password'
  | 'wrong-encryption-key'
  | 'project-header-mismatch';

/** All faults, for listing in help and iterating in suites. */
export const REQUEST_FAULTS: readonly RequestFault[] = [
  'no-signature', 'garbled-signature', 'malformed-auth-header', 'stale-date', 'future-date', 'wrong-key', 'unknown-key',
  'body-after-signing', 'path-after-signing', 'plaintext-password', 'wrong-encryption-key', 'project-header-mismatch',
];

/** Replaces the signature part of an Authorization value with a same-length wrong one. */
export function garble(authorization: string): string {
  return authorization.replace(/([0-9a-f]{64})$/, (sig) => (sig[0] === '0' ? '1' : '0') + sig.slice(1));
}

/** Flips one character of a JSON string value so the body no longer matches its signature. */
export function tamperBody(body: string): string {
  return body.replace(/"([^"]*)"\s*}$/, (_m, v: string) => `"${v.length > 0 ? v.slice(0, -1) + (v.endsWith('x') ? 'y' : 'x') : 'x'}"}`);
}
