/**
 * Shared helpers of the BCC suites (seed page "Modify the instance password"): the consensus
 * facts every reading agrees on, and signed requests built by hand or by the kit's builder.
 */
import fc from 'fast-check';
import { signBceDraft } from '../../src/auth/bce-auth-v1.ts';
import { newDraft, type RequestDraft } from '../../src/auth/request-draft.ts';
import { encryptAdminPass } from '../../src/auth/password-cipher.ts';
import { buildBccChangePasswordDraft, type BccChangeInput } from '../../src/requests/bcc-requests.ts';
import type { ChangePasswordOutcome } from '../../src/contract/operation.ts';
import type { OperationResult } from '../../src/targets/target.ts';
import { documentedContract } from '../harness/rule-check.ts';
import type { RuleContext } from '../harness/rule-context.ts';
import { describeOutcome } from '../harness/expectations.ts';
import { policyReadings, statusReadings, validUnderAll } from '../generators/policy-oracle.ts';
import { passwordFrom, validPassword } from '../generators/passwords.ts';

export const contract = documentedContract('bcc');
export const facts = contract.facts;
export const policy = facts.passwordPolicy;
export const readings = policyReadings(contract);
export const statuses = statusReadings(contract);

/** A status every reading of BCC-A1 allows (Stopped): the home of every other check. */
export const allowedStatus: string = statuses.allowed[0] ?? facts.statuses.allowed.at(-1)!;

/** Passwords every reading of BCC-A2 accepts, so a rejection is never a disputed case. */
export const consensusPassword: fc.Arbitrary<string> = validPassword(policy).filter((p) => validUnderAll(readings, p));

/** One fixed consensus-valid password, for checks whose subject is not the password. */
export const FIXED_PASSWORD = fc.sample(consensusPassword, { numRuns: 1, seed: 7 })[0]!;

/** The AES block length: AES-128's block is as long as its key. */
export const BLOCK = facts.encryption!.keyLength;

/** One consensus-valid password of each length where the ciphertext gains a block (8, 15, 16, 17, 31, 32). */
export const blockEdges: string[] = [policy.minLength, BLOCK - 1, BLOCK, BLOCK + 1, 2 * BLOCK - 1, 2 * BLOCK, policy.maxLength]
  .filter((n, i, all) => n >= policy.minLength && n <= policy.maxLength && all.indexOf(n) === i)
  .map((n) => fc.sample(passwordFrom(policy.classes, n).filter((p) => validUnderAll(readings, p)), { numRuns: 1, seed: n })[0]!);

/** Headers of a request as sent. */
export type HeaderRecord = Record<string, string>;

/** The changePass URL for an instance (path escaped the ordinary way). */
export function changeUrl(rc: RuleContext, instanceId: string, query = facts.operations.changePassword.query ?? ''): string {
  const path = facts.operations.changePassword.path.replace('{instanceId}', encodeURIComponent(instanceId));
  return `${rc.target.baseUrl.replace(/\/$/, '')}${path}?${query}`;
}

/** A signed request with any body bytes (broken JSON, non-UTF-8, nothing at all). */
export async function signedRaw(
  rc: RuleContext,
  url: string,
  body: string | Uint8Array | undefined,
  options: { method?: string; headers?: HeaderRecord; signedHeaders?: string[] | 'default'; timestamp?: Date; expirationSeconds?: number; credentials?: { accessKeyId: string; secretAccessKey: string } } = {},
): Promise<RequestDraft> {
  // A string body would make Fetch add text/plain; bytes keep the content type ours to choose.
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body === undefined ? undefined : Uint8Array.from(body);
  const { signedHeaders, expirationSeconds } = options;
  // A signed draft: rc.send sends it as signBceRequest(new Request(url, init), …) would be sent,
  // without a Fetch Request where the transport takes drafts (issue 17, round 5).
  const draft = newDraft(options.method ?? facts.operations.changePassword.method, url, options.headers ?? { 'content-type': 'application/json; charset=utf-8' }, bytes);
  return signBceDraft(draft, options.credentials ?? rc.target.credentials.bcc, { timestamp: options.timestamp ?? new Date(), signedHeaders, expirationSeconds });
}

/** What a check says about a change; base URL and credentials default to the target's. */
export type ChangeSpec = Omit<BccChangeInput, 'baseUrl' | 'credentials'> & Partial<Pick<BccChangeInput, 'credentials'>>;

/**
 * Builds a change with the kit's builder (fault, query form, signed headers, raw body), as the
 * signed draft `rc.send` sends without a Fetch `Request` where the transport takes drafts.
 */
export function buildChange(rc: RuleContext, input: ChangeSpec): Promise<RequestDraft> {
  return buildBccChangePasswordDraft({ baseUrl: rc.target.baseUrl, credentials: rc.target.credentials.bcc, ...input });
}

/** Builds and sends one change; the exchange goes into the case's transcript. */
export async function sendChange(rc: RuleContext, label: string, input: ChangeSpec): Promise<OperationResult & { json: unknown }> {
  return rc.send(label, await buildChange(rc, input));
}

/** How an answer looks to an ambiguity check: accepted, rejected with a 4xx, or neither. */
export type Observation = { kind: 'accepted' } | { kind: 'rejected'; status: number; code?: string } | { kind: 'other'; text: string };

/** Classifies an outcome: only a 2xx success and a 4xx error are answers a reading can predict. */
export function observe(outcome: ChangePasswordOutcome): Observation {
  if (outcome.kind === 'success') return { kind: 'accepted' };
  if (outcome.kind === 'error' && outcome.status !== undefined && outcome.status >= 400 && outcome.status < 500) return { kind: 'rejected', status: outcome.status, code: outcome.code };
  return { kind: 'other', text: describeOutcome(outcome) };
}

/** The value at a JSON pointer (`/instance/status`), or undefined. */
export function atPointer(value: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined), value);
}

/** A response header, case-insensitively, from an exchange's plain record. */
export function headerOf(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : headers[key];
}

/** The JSON body of a change with `password` encrypted under the target's SK, as the spec asks. */
export function encryptedBody(rc: RuleContext, password: string, secretAccessKey = rc.target.credentials.bcc.secretAccessKey): string {
  return JSON.stringify({ [facts.encryption!.field]: encryptAdminPass(password, secretAccessKey) });
}
