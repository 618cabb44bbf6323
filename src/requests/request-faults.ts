/**
 * Deliberately broken requests for negative rules. Each fault names what it breaks, so a
 * suite can say which rule a rejection proves.
 */
import type { RequestDraft } from '../auth/request-draft.ts';
import { KitError } from '../errors/kit-error.ts';

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

/** An AK/SK pair, as both signing schemes take it (extra fields, e.g. a project id, pass through). */
export interface FaultableCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * What differs between the two services' signing when a fault is planted; everything else about
 * a fault (which key signs, which date, what is garbled or changed after signing) is
 * {@link signDraftWithFault}'s, once for both.
 */
export interface FaultableScheme<C extends FaultableCredentials> {
  /** The date header a signed request carries (sent alone by `no-signature`). */
  dateHeader: string;
  /** The date header's value for a moment. */
  formatDate(date: Date): string;
  /** The kit's signer of a draft (signs it in place and returns it), with the scheme's own options bound. */
  sign(draft: RequestDraft, credentials: C, date: Date): RequestDraft;
  /** An Authorization value of the scheme's name that no parser accepts. */
  malformedAuthorization: string;
  /** How far `stale-date` and `future-date` move the signing date, in ms. */
  staleMs: number;
  /**
   * Whether the signature covers the body. When it does not (bce-auth-v1 signs content-length
   * only), `body-after-signing` also changes the body's length, so the signed length no longer fits.
   */
  signsBody: boolean;
}

const UTF8 = new TextEncoder();

/**
 * Signs `draft` (whose body text is `body`) the way `fault` breaks it, or correctly without
 * one. `instanceId` is the path segment `path-after-signing` changes. The faults that concern
 * the body's content (`plaintext-password`, `wrong-encryption-key`) or a service's own header
 * (`project-header-mismatch`) are planted by the service's builder before signing.
 *
 * Returns a draft, not a Fetch `Request`: a transport that sends drafts (`exchangeDraft`) needs
 * no `Request`, body stream and AbortSignal per faulty request (issue 17, round 6); `requestOf`
 * makes the `Request` where one is needed.
 */
export function signDraftWithFault<C extends FaultableCredentials>(scheme: FaultableScheme<C>, draft: RequestDraft, body: string, credentials: C, instanceId: string, fault: RequestFault | undefined, now: Date): RequestDraft {
  if (fault === 'no-signature') {
    draft.headers.set(scheme.dateHeader, scheme.formatDate(now));
    return draft;
  }
  const signWith =
    fault === 'wrong-key' ? { ...credentials, secretAccessKey: credentials.secretAccessKey.split('').reverse().join('') }
    : fault === 'unknown-key' ? { ...credentials, accessKeyId: `unknown-${credentials.accessKeyId}` }
    : credentials;
  const date = fault === 'stale-date' ? new Date(now.getTime() - scheme.staleMs) : fault === 'future-date' ? new Date(now.getTime() + scheme.staleMs) : now;
  const signed = scheme.sign(draft, signWith, date);
  if (fault === 'garbled-signature') signed.headers.set('authorization', garble(signed.headers.get('authorization')!));
  if (fault === 'malformed-auth-header') signed.headers.set('authorization', scheme.malformedAuthorization);
  if (fault === 'body-after-signing' || fault === 'path-after-signing') {
    const url = fault === 'path-after-signing' ? renameInstance(signed.url.href, instanceId) : signed.url.href;
    const newBody = fault === 'body-after-signing' ? tamperBody(body) + (scheme.signsBody ? '' : ' ') : body;
    const headers = new Headers(signed.headers);
    if (headers.has('content-length')) headers.set('content-length', String(Buffer.byteLength(newBody)));
    // A string body: Fetch would label it text/plain when no content type is set.
    if (!headers.has('content-type')) headers.set('content-type', 'text/plain;charset=UTF-8');
    return { method: signed.method, url: new URL(url), headers, body: UTF8.encode(newBody) };
  }
  return signed;
}

/** The URL with an `x` put before the instance id's path segment (the last segment naming it). */
function renameInstance(url: string, instanceId: string): string {
  const { pathname } = new URL(url);
  const segments = pathname.split('/');
  let at = segments.length - 1;
  while (at > 0 && decodeURIComponent(segments[at]!) !== instanceId) at--;
  if (at === 0) throw new KitError('USAGE', `path-after-signing: the path ${pathname} has no segment naming instance ${JSON.stringify(instanceId)}`, 'plant path-after-signing on a request to an instance\'s own path (the builders of src/requests make one)');
  segments[at] = `x${segments[at]}`;
  return url.replace(pathname, segments.join('/'));
}
