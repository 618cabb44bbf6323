/** Builds DCS requests, typed from `generated/dcs.ts`, signed with the kit's own SDK-HMAC-SHA256 signer. */
import type { components } from '../../generated/dcs.ts';
import { sdkHmacDate, signSdkHmacRequest } from '../auth/sdk-hmac-sha256.ts';
import { garble, tamperBody, type RequestFault } from './request-faults.ts';
import { withKnownBody } from '../auth/uri-encode.ts';

const UTF8 = new TextEncoder();

type ChangeBody = components['schemas']['ModifyInstancePasswordBody'];

/** An AK/SK pair and project for DCS. */
export interface DcsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  projectId?: string;
}

/** What to send for one password change. */
export interface DcsChangeInput {
  baseUrl: string;
  projectId: string;
  instanceId: string;
  oldPassword: string;
  newPassword: string;
  credentials: DcsCredentials;
  /** Replace the JSON body entirely (missing or mistyped fields); sent as-is, signed. */
  rawBody?: string;
  unsignedPayload?: boolean;
  fault?: RequestFault;
  now?: Date;
}

const STALE_MS = 20 * 60_000;

/** `PUT /v2/{project_id}/instances/{instance_id}/password`. */
export async function buildDcsChangePassword(input: DcsChangeInput): Promise<Request> {
  const typed: ChangeBody = { old_password: input.oldPassword, new_password: input.newPassword };
  const body = input.rawBody ?? JSON.stringify(typed);
  const path = `/v2/${encodeURIComponent(input.projectId)}/instances/${encodeURIComponent(input.instanceId)}/password`;
  const request = withKnownBody(new Request(input.baseUrl.replace(/\/$/, '') + path, { method: 'PUT', headers: { 'content-type': 'application/json;charset=UTF-8' }, body }), UTF8.encode(body));
  return applyDcsSigning(request, body, input, input.fault, input.now ?? new Date());
}

/** `GET /v2/{project_id}/instances/{instance_id}`. */
export async function buildDcsShow(input: { baseUrl: string; projectId: string; instanceId: string; credentials: DcsCredentials; now?: Date }): Promise<Request> {
  const url = `${input.baseUrl.replace(/\/$/, '')}/v2/${encodeURIComponent(input.projectId)}/instances/${encodeURIComponent(input.instanceId)}`;
  return signSdkHmacRequest(new Request(url, { method: 'GET' }), { ...input.credentials, projectId: input.projectId }, { date: input.now ?? new Date() });
}

async function applyDcsSigning(request: Request, body: string, input: DcsChangeInput, fault: RequestFault | undefined, now: Date): Promise<Request> {
  const credentials = { ...input.credentials, projectId: fault === 'project-header-mismatch' ? `other-${input.projectId}` : input.projectId };
  if (fault === 'no-signature') {
    request.headers.set('x-sdk-date', sdkHmacDate(now));
    return request;
  }
  const signWith =
    fault === 'wrong-key' ? { ...credentials, secretAccessKey: credentials.secretAccessKey.split('').reverse().join('') }
    : fault === 'unknown-key' ? { ...credentials, accessKeyId: `unknown-${credentials.accessKeyId}` }
    : credentials;
  const date = fault === 'stale-date' ? new Date(now.getTime() - STALE_MS) : fault === 'future-date' ? new Date(now.getTime() + STALE_MS) : now;
  const signed = await signSdkHmacRequest(request, signWith, { date, unsignedPayload: input.unsignedPayload });
  if (fault === 'garbled-signature') signed.headers.set('authorization', garble(signed.headers.get('authorization')!));
  if (fault === 'malformed-auth-header') signed.headers.set('authorization', 'SDK-HMAC-SHA256 garbage');
  if (fault === 'body-after-signing' || fault === 'path-after-signing') {
    const url = fault === 'path-after-signing' ? signed.url.replace('/instances/', '/instances/x') : signed.url;
    return new Request(url, { method: signed.method, headers: signed.headers, body: fault === 'body-after-signing' ? tamperBody(body) : body });
  }
  return signed;
}
