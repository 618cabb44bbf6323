/** Builds BCC requests, typed from `generated/bcc.ts`, signed with the kit's own bce-auth-v1 signer. */
import type { components } from '../../generated/bcc.ts';
import { bceTimestamp, signBceRequest } from '../auth/bce-auth-v1.ts';
import { encryptAdminPass } from '../auth/password-cipher.ts';
import { withKnownBody } from '../auth/uri-encode.ts';
import { fillPath } from '../contract/operation-path.ts';
import { requiredFact, shippedFacts } from '../contract/shipped-facts.ts';
import { garble, tamperBody, type RequestFault } from './request-faults.ts';
import { outsideWindowMs } from './outside-window.ts';

const UTF8 = new TextEncoder();

type ChangePassBody = components['schemas']['ChangePassRequest'];

/** An AK/SK pair for BCC. */
export interface BccCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** What to send for one changePass call. */
export interface BccChangeInput {
  baseUrl: string;
  instanceId: string;
  /** Plaintext new password; the builder encrypts it. */
  password: string;
  credentials: BccCredentials;
  /** `bare` → `?changePass` (Go, Java); `empty` → `?changePass=` (Python, JS). Default bare. */
  queryForm?: 'bare' | 'empty';
  /** Signed-header list; `default` sends an empty list. Default: the Node SDK's four. */
  signedHeaders?: string[] | 'default';
  /** Replace the JSON body entirely (for missing or mistyped fields); sent as-is, signed. */
  rawBody?: string;
  fault?: RequestFault;
  now?: Date;
}

/** The URL of an operation on an instance, from the spec's path template. */
function instanceUrl(baseUrl: string, operation: 'changePassword' | 'readInstance', instanceId: string): string {
  return baseUrl.replace(/\/$/, '') + fillPath(shippedFacts('bcc').operations[operation].path, { instanceId });
}

/** `PUT /v2/instance/{id}?changePass` with an encrypted adminPass. */
export async function buildBccChangePassword(input: BccChangeInput): Promise<Request> {
  const { credentials, fault } = input;
  const now = input.now ?? new Date();
  const encryptWith = fault === 'wrong-encryption-key' ? 'x'.repeat(16) + credentials.secretAccessKey.slice(16) : credentials.secretAccessKey;
  const adminPass = fault === 'plaintext-password' ? input.password : encryptAdminPass(input.password, encryptWith);
  const typed: ChangePassBody = { adminPass };
  const body = input.rawBody ?? JSON.stringify(typed);
  const action = requiredFact(shippedFacts('bcc').operations.changePassword.query, 'bcc', '/operations/changePassword/query');
  const query = input.queryForm === 'empty' ? `${action}=` : action;
  const url = `${instanceUrl(input.baseUrl, 'changePassword', input.instanceId)}?${query}`;
  const request = withKnownBody(new Request(url, { method: 'PUT', headers: { 'content-type': 'application/json; charset=utf-8' }, body }), UTF8.encode(body));
  return applyBccSigning(request, body, input, fault, now);
}

/** `GET /v2/instance/{id}`. */
export async function buildBccDescribe(input: { baseUrl: string; instanceId: string; credentials: BccCredentials; now?: Date }): Promise<Request> {
  const url = instanceUrl(input.baseUrl, 'readInstance', input.instanceId);
  return signBceRequest(new Request(url, { method: 'GET' }), input.credentials, { timestamp: input.now ?? new Date(), signedHeaders: ['host', 'x-bce-date'] });
}

async function applyBccSigning(request: Request, body: string, input: BccChangeInput, fault: RequestFault | undefined, now: Date): Promise<Request> {
  const { credentials, signedHeaders } = input;
  if (fault === 'no-signature') {
    request.headers.set('x-bce-date', bceTimestamp(now));
    return request;
  }
  const signWith =
    fault === 'wrong-key' ? { ...credentials, secretAccessKey: credentials.secretAccessKey.split('').reverse().join('') }
    : fault === 'unknown-key' ? { ...credentials, accessKeyId: `unknown-${credentials.accessKeyId}` }
    : credentials;
  const offMs = fault === 'stale-date' ? -outsideWindowMs(shippedFacts('bcc').auth) : fault === 'future-date' ? outsideWindowMs(shippedFacts('bcc').auth) : 0;
  const timestamp = offMs === 0 ? now : new Date(now.getTime() + offMs);
  const signed = await signBceRequest(request, signWith, { timestamp, signedHeaders: signedHeaders ?? undefined });
  if (fault === 'garbled-signature') signed.headers.set('authorization', garble(signed.headers.get('authorization')!));
  if (fault === 'malformed-auth-header') signed.headers.set('authorization', 'bce-auth-v1 not-a-valid-auth-string');
  if (fault === 'body-after-signing' || fault === 'path-after-signing') {
    // bce-auth-v1 does not hash the body, but content-length is signed: a changed body length breaks it.
    // The path of another instance (the id with an `x` before it), the query as signed.
    const url = fault === 'path-after-signing' ? instanceUrl(input.baseUrl, 'changePassword', `x${input.instanceId}`) + new URL(signed.url).search : signed.url;
    const newBody = fault === 'body-after-signing' ? tamperBody(body) + ' ' : body;
    const headers = new Headers(signed.headers);
    headers.set('content-length', String(Buffer.byteLength(newBody)));
    return new Request(url, { method: signed.method, headers, body: newBody });
  }
  return signed;
}
