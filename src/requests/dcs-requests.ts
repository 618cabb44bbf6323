/** Builds DCS requests, typed from `generated/dcs.ts`, signed with the kit's own SDK-HMAC-SHA256 signer. */
import type { components } from '../../generated/dcs.ts';
import { sdkHmacDate, signSdkHmacRequest } from '../auth/sdk-hmac-sha256.ts';
import { signWithFault, type FaultableScheme, type RequestFault } from './request-faults.ts';
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
  // The project header is the service's own: its mismatch is planted before signing.
  const credentials = { ...input.credentials, projectId: input.fault === 'project-header-mismatch' ? `other-${input.projectId}` : input.projectId };
  return signWithFault(sdkHmacScheme(input.unsignedPayload), request, body, credentials, input.instanceId, input.fault, input.now ?? new Date());
}

/** `GET /v2/{project_id}/instances/{instance_id}`. */
export async function buildDcsShow(input: { baseUrl: string; projectId: string; instanceId: string; credentials: DcsCredentials; now?: Date }): Promise<Request> {
  const url = `${input.baseUrl.replace(/\/$/, '')}/v2/${encodeURIComponent(input.projectId)}/instances/${encodeURIComponent(input.instanceId)}`;
  return signSdkHmacRequest(new Request(url, { method: 'GET' }), { ...input.credentials, projectId: input.projectId }, { date: input.now ?? new Date() });
}

/** SDK-HMAC-SHA256 as {@link signWithFault} plants faults in it. */
function sdkHmacScheme(unsignedPayload?: boolean): FaultableScheme<DcsCredentials> {
  return {
    dateHeader: 'x-sdk-date',
    formatDate: sdkHmacDate,
    sign: (request, credentials, date) => signSdkHmacRequest(request, credentials, { date, unsignedPayload }),
    malformedAuthorization: 'SDK-HMAC-SHA256 garbage',
    staleMs: STALE_MS,
    signsBody: true,
  };
}
