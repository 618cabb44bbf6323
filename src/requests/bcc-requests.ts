/** Builds BCC requests, typed from `generated/bcc.ts`, signed with the kit's own bce-auth-v1 signer. */
import type { components } from '../../generated/bcc.ts';
import { bceTimestamp, signBceDraft } from '../auth/bce-auth-v1.ts';
import { encryptAdminPass } from '../auth/password-cipher.ts';
import { newDraft, requestOf, type RequestDraft } from '../auth/request-draft.ts';
import { fillPath } from '../contract/operation-path.ts';
import { requiredFact, shippedFacts } from '../contract/shipped-facts.ts';
import { outsideWindowMs } from './outside-window.ts';
import { signDraftWithFault, type FaultableScheme, type RequestFault } from './request-faults.ts';

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

/** The unsigned draft of a change, its body text and signing moment. */
function unsignedChange(input: BccChangeInput): { draft: RequestDraft; body: string; now: Date } {
  const { credentials, fault } = input;
  const now = input.now ?? new Date();
  const encryptWith = fault === 'wrong-encryption-key' ? 'x'.repeat(16) + credentials.secretAccessKey.slice(16) : credentials.secretAccessKey;
  const adminPass = fault === 'plaintext-password' ? input.password : encryptAdminPass(input.password, encryptWith);
  const typed: ChangePassBody = { adminPass };
  const body = input.rawBody ?? JSON.stringify(typed);
  const action = requiredFact(shippedFacts('bcc').operations.changePassword.query, 'bcc', '/operations/changePassword/query');
  const query = input.queryForm === 'empty' ? `${action}=` : action;
  const url = `${instanceUrl(input.baseUrl, 'changePassword', input.instanceId)}?${query}`;
  // One Fetch Request per signed request: the draft is signed, then made a Request (issue 17).
  return { draft: newDraft('PUT', url, { 'content-type': 'application/json; charset=utf-8' }, body), body, now };
}

/** `PUT /v2/instance/{id}?changePass` with an encrypted adminPass. */
export async function buildBccChangePassword(input: BccChangeInput): Promise<Request> {
  return requestOf(await buildBccChangePasswordDraft(input));
}

/**
 * {@link buildBccChangePassword}'s request, faults and all, as a signed draft: what the suites
 * send (`rc.send` takes drafts), with no Fetch `Request` where the transport takes drafts.
 */
export async function buildBccChangePasswordDraft(input: BccChangeInput): Promise<RequestDraft> {
  const { draft, body, now } = unsignedChange(input);
  return signDraftWithFault(bceScheme(input.signedHeaders), draft, body, input.credentials, input.instanceId, input.fault, now);
}

/**
 * The valid change {@link buildBccChangePassword} builds without a fault, as a signed draft: the
 * kit's own change, for a transport that sends drafts (`draftSendOf`) without a Fetch `Request`.
 */
export async function buildBccChangeDraft(input: Omit<BccChangeInput, 'fault'>): Promise<RequestDraft> {
  const { draft, now } = unsignedChange(input);
  return bceScheme(input.signedHeaders).sign(draft, input.credentials, now);
}

/** `GET /v2/instance/{id}`. */
export async function buildBccDescribe(input: { baseUrl: string; instanceId: string; credentials: BccCredentials; now?: Date }): Promise<Request> {
  const url = instanceUrl(input.baseUrl, 'readInstance', input.instanceId);
  return requestOf(signBceDraft(newDraft('GET', url), input.credentials, { timestamp: input.now ?? new Date(), signedHeaders: ['host', 'x-bce-date'] }));
}

/** bce-auth-v1 as {@link signDraftWithFault} plants faults in it. */
function bceScheme(signedHeaders?: string[] | 'default'): FaultableScheme<BccCredentials> {
  return {
    dateHeader: shippedFacts('bcc').auth.dateHeader,
    formatDate: bceTimestamp,
    sign: (draft, credentials, timestamp) => signBceDraft(draft, credentials, { timestamp, signedHeaders }),
    malformedAuthorization: 'bce-auth-v1 not-a-valid-auth-string',
    staleMs: outsideWindowMs(shippedFacts('bcc').auth),
    // bce-auth-v1 does not hash the body, but content-length is signed: a changed body length breaks it.
    signsBody: false,
  };
}
