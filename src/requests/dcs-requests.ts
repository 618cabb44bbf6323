/** Builds DCS requests, typed from `generated/dcs.ts`, signed with the kit's own SDK-HMAC-SHA256 signer. */
import type { components } from '../../generated/dcs.ts';
import { sdkHmacDate, signSdkHmacDraft } from '../auth/sdk-hmac-sha256.ts';
import { signDraftWithFault, type FaultableScheme, type RequestFault } from './request-faults.ts';
import { newDraft, requestOf, type RequestDraft } from '../auth/request-draft.ts';
import { fillPath } from '../contract/operation-path.ts';
import { shippedFacts } from '../contract/shipped-facts.ts';
import { outsideWindowMs } from './outside-window.ts';

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

/** The URL of an operation on an instance, from the spec's path template. */
function instanceUrl(baseUrl: string, operation: 'changePassword' | 'readInstance', projectId: string, instanceId: string): string {
  return baseUrl.replace(/\/$/, '') + fillPath(shippedFacts('dcs').operations[operation].path, { project_id: projectId, instance_id: instanceId });
}

/** The change body, its field names from the spec (`passwordPolicy.fields`: new, then old), the old password first as SDKs send it. */
function changeBody(oldPassword: string, newPassword: string): ChangeBody {
  const [newField, oldField] = shippedFacts('dcs').passwordPolicy.fields as [string, string];
  return { [oldField]: oldPassword, [newField]: newPassword } as ChangeBody;
}

/** The unsigned draft of a change and its body text. */
function unsignedChange(input: DcsChangeInput): { draft: RequestDraft; body: string } {
  const body = input.rawBody ?? JSON.stringify(changeBody(input.oldPassword, input.newPassword));
  // One Fetch Request per signed request: the draft is signed, then made a Request (issue 17).
  return { draft: newDraft('PUT', instanceUrl(input.baseUrl, 'changePassword', input.projectId, input.instanceId), { 'content-type': 'application/json;charset=UTF-8' }, body), body };
}

/** `PUT /v2/{project_id}/instances/{instance_id}/password`. */
export async function buildDcsChangePassword(input: DcsChangeInput): Promise<Request> {
  return requestOf(await buildDcsChangePasswordDraft(input));
}

/**
 * {@link buildDcsChangePassword}'s request, faults and all, as a signed draft: what the suites
 * send (`rc.send` takes drafts), with no Fetch `Request` where the transport takes drafts.
 */
export async function buildDcsChangePasswordDraft(input: DcsChangeInput): Promise<RequestDraft> {
  const { draft, body } = unsignedChange(input);
  // The project header is the service's own: its mismatch is planted before signing.
  const credentials = { ...input.credentials, projectId: input.fault === 'project-header-mismatch' ? `other-${input.projectId}` : input.projectId };
  return signDraftWithFault(sdkHmacScheme(input.unsignedPayload), draft, body, credentials, input.instanceId, input.fault, input.now ?? new Date());
}

/**
 * The valid change {@link buildDcsChangePassword} builds without a fault, as a signed draft: the
 * kit's own change, for a transport that sends drafts (`draftSendOf`) without a Fetch `Request`.
 */
export async function buildDcsChangeDraft(input: Omit<DcsChangeInput, 'fault'>): Promise<RequestDraft> {
  const { draft } = unsignedChange(input);
  return sdkHmacScheme(input.unsignedPayload).sign(draft, { ...input.credentials, projectId: input.projectId }, input.now ?? new Date());
}

/** `GET /v2/{project_id}/instances/{instance_id}`. */
export async function buildDcsShow(input: { baseUrl: string; projectId: string; instanceId: string; credentials: DcsCredentials; now?: Date }): Promise<Request> {
  const url = instanceUrl(input.baseUrl, 'readInstance', input.projectId, input.instanceId);
  return requestOf(signSdkHmacDraft(newDraft('GET', url), { ...input.credentials, projectId: input.projectId }, { date: input.now ?? new Date() }));
}

/** SDK-HMAC-SHA256 as {@link signDraftWithFault} plants faults in it. */
function sdkHmacScheme(unsignedPayload?: boolean): FaultableScheme<DcsCredentials> {
  return {
    dateHeader: shippedFacts('dcs').auth.dateHeader,
    formatDate: sdkHmacDate,
    sign: (draft, credentials, date) => signSdkHmacDraft(draft, credentials, { date, unsignedPayload }),
    malformedAuthorization: 'SDK-HMAC-SHA256 garbage',
    staleMs: outsideWindowMs(shippedFacts('dcs').auth),
    signsBody: true,
  };
}
