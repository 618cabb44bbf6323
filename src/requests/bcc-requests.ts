/** Builds BCC requests, typed from `generated/bcc.ts`, signed with the kit's own bce-auth-v1 signer. */
import type { components } from '../../generated/bcc.ts';
import { bceTimestamp, signBceRequest } from '../auth/bce-auth-v1.ts';
import { encryptAdminPass } from '../auth/password-cipher.ts';
import { withKnownBody } from '../auth/uri-encode.ts';

const UTF8 = new TextEncoder();
import { garble, tamperBody, type RequestFault } from './request-faults.ts';

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

const STALE_MS = 2 * 3600_000;

/** `PUT /v2/instance/{id}?changePass` with an encrypted adminPass. */
export async function buildBccChangePassword(input: BccChangeInput): Promise<Request> {
  const { credentials, fault } = input;
  const now = input.now ?? new Date();
  const encryptWith = fault === 'wrong-encryption-key' ? 'x'.repeat(16) + credentials.secretAccessKey.slice(16) : credentials.secretAccessKey;
  const adminPass = fault === 'plaintext-password' ? input.password : encryptAdminPass(input.password, encryptWith);
  const typed: ChangePassBody = { adminPass };
  const body = input.rawBody ?? JSON.stringify(typed);
  const query = input.queryForm === 'empty' ? 'changePass=' : 'changePass';
  const url = `${input.baseUrl.replace(/\/$/, '')}/v2/instance/${encodeURIComponent(input.instanceId)}?${query}`;
  const request = withKnownBody(new Request(url, { method: 'PUT', headers: { 'content-type': 'application/json; charset=utf-8' }, body }), UTF8.encode(body));
  return applyBccSigning(request, body, input.credentials, fault, now, input.signedHeaders);
}

/** `GET /v2/instance/{id}`. */
export async function buildBccDescribe(input: { baseUrl: string; instanceId: string; credentials: BccCredentials; now?: Date }): Promise<Request> {
  const url = `${input.baseUrl.replace(/\/$/, '')}/v2/instance/${encodeURIComponent(input.instanceId)}`;
  return signBceRequest(new Request(url, { method: 'GET' }), input.credentials, { timestamp: input.now ?? new Date(), signedHeaders: ['host', 'x-bce-date'] });
}

async function applyBccSigning(request: Request, body: string, credentials: BccCredentials, fault: RequestFault | undefined, now: Date, signedHeaders?: string[] | 'default'): Promise<Request> {
  if (fault === 'no-signature') {
    request.headers.set('x-bce-date', bceTimestamp(now));
    return request;
  }
  const signWith =
    fault === 'wrong-key' ? { ...credentials, secretAccessKey: credentials.secretAccessKey.split('').reverse().join('') }
    : fault === 'unknown-key' ? { ...credentials, accessKeyId: `unknown-${credentials.accessKeyId}` }
    : credentials;
  const timestamp = fault === 'stale-date' ? new Date(now.getTime() - STALE_MS) : fault === 'future-date' ? new Date(now.getTime() + STALE_MS) : now;
  const signed = await signBceRequest(request, signWith, { timestamp, signedHeaders: signedHeaders ?? undefined });
  if (fault === 'garbled-signature') signed.headers.set('authorization', garble(signed.headers.get('authorization')!));
  if (fault === 'malformed-auth-header') signed.headers.set('authorization', 'bce-auth-v1 not-a-valid-auth-string');
  if (fault === 'body-after-signing' || fault === 'path-after-signing') {
    // bce-auth-v1 does not hash the body, but content-length is signed: a changed body length breaks it.
    const url = fault === 'path-after-signing' ? signed.url.replace('/v2/instance/', '/v2/instance/x') : signed.url;
    const newBody = fault === 'body-after-signing' ? tamperBody(body) + ' ' : body;
    const headers = new Headers(signed.headers);
    headers.set('content-length', String(Buffer.byteLength(newBody)));
    return new Request(url, { method: signed.method, headers, body: newBody });
  }
  return signed;
}
