/**
 * Shared helpers of the DCS suites: the consensus password policy, requests built from the
 * spec's operation facts, how a 200 `result` is read, and the readings of an ambiguity.
 */
import fc from 'fast-check';
import type { ConformanceFacts, Contract, PasswordPolicy } from '../../src/contract/contract.ts';
import { mergePatch } from '../../src/contract/merge-patch.ts';
import type { ChangePasswordOutcome } from '../../src/contract/operation.ts';
import type { OperationResult } from '../../src/targets/target.ts';
import { buildDcsChangePasswordDraft, type DcsChangeInput } from '../../src/requests/dcs-requests.ts';
import { signSdkHmacDraft } from '../../src/auth/sdk-hmac-sha256.ts';
import { newDraft, type RequestDraft } from '../../src/auth/request-draft.ts';
import { documentedContract } from '../harness/rule-check.ts';
import type { RuleContext } from '../harness/rule-context.ts';
import { expectPassword } from '../harness/expectations.ts';
import { policyReadings, statusReadings, validUnderAll } from '../generators/policy-oracle.ts';
import { validPassword } from '../generators/passwords.ts';

export const contract: Contract = documentedContract('dcs');
export const facts = contract.facts;
export const policy = facts.passwordPolicy;
export const lockout = facts.lockout!;
export const readings = policyReadings(contract);
/** A status every reading of DCS-A5 allows (RUNNING). */
export const running = statusReadings(contract).allowed[0]!;
/** Statuses some reading forbids: every one but RUNNING. */
export const nonRunning = contract.allStatuses.filter((s) => !statusReadings(contract).allowed.includes(s));

/** The policy every reading agrees on: the tightest bounds and the shared characters of each class. */
export const consensus: PasswordPolicy = {
  ...policy,
  minLength: Math.max(...readings.map((r) => r.minLength)),
  maxLength: Math.min(...readings.map((r) => r.maxLength)),
  minClasses: Math.max(...readings.map((r) => r.minClasses)),
  classes: policy.classes.map((c) => ({
    name: c.name,
    alphabet: Array.from(c.alphabet).filter((ch) => readings.every((r) => r.classes.some((k) => k.name === c.name && k.alphabet.includes(ch)))).join(''),
  })),
};

/** Any password valid under every reading (the filter is a guard; the consensus policy already is). */
export const agreedValid: fc.Arbitrary<string> = validPassword(consensus).filter((p) => validUnderAll(readings, p));

export { cycled } from '../generators/passwords.ts';

/** A fresh instance's address and password. */
export type DcsInstance = { projectId: string; instanceId: string; password: string };

/** The project id the target's credentials name (as `rc.dcsInstance` does). */
export function projectOf(rc: RuleContext): string {
  return rc.target.credentials.dcs.projectId ?? 'conformance-project';
}

/** The change operation's path for an instance, from the spec's template. */
export function changePath(projectId: string, instanceId: string, operation = facts.operations.changePassword): string {
  return operation.path.replace('{project_id}', encodeURIComponent(projectId)).replace('{instance_id}', encodeURIComponent(instanceId));
}

/**
 * The kit's change request for an instance, with optional deliberate faults: the signed draft
 * `rc.send` sends without a Fetch `Request` where the transport takes drafts.
 */
export function changeRequest(rc: RuleContext, instance: Omit<DcsInstance, 'password'>, oldPassword: string, newPassword: string, extra: Partial<DcsChangeInput> = {}): Promise<RequestDraft> {
  return buildDcsChangePasswordDraft({ baseUrl: rc.target.baseUrl, projectId: instance.projectId, instanceId: instance.instanceId, oldPassword, newPassword, credentials: rc.target.credentials.dcs, ...extra });
}

/** The JSON body the change operation takes, field names from the policy facts. */
export function changeBody(oldPassword: unknown, newPassword: unknown): Record<string, unknown> {
  const [newField, oldField] = policy.fields as [string, string];
  return { [oldField]: oldPassword, [newField]: newPassword };
}

/**
 * A correctly signed request with any method, path, body bytes and content type: a signed draft,
 * which rc.send sends as signedSdkHmacRequest's `Request` would be sent, without a Fetch
 * `Request` where the transport takes drafts (issue 17, round 5).
 */
export async function signedRequest(rc: RuleContext, path: string, init: { method?: string; body?: string | Uint8Array; contentType?: string | null; headers?: Record<string, string> } = {}): Promise<RequestDraft> {
  const headers = new Headers(init.headers);
  if (init.contentType !== null) headers.set('content-type', init.contentType ?? 'application/json;charset=UTF-8');
  const body = init.body instanceof Uint8Array ? new Uint8Array(init.body) : init.body;
  const draft = newDraft(init.method ?? facts.operations.changePassword.method, rc.target.baseUrl.replace(/\/$/, '') + path, headers, body);
  // As new Request does (and signedSdkHmacRequest after it): a string body without a content type is labelled text/plain.
  if (typeof body === 'string' && !draft.headers.has('content-type')) draft.headers.set('content-type', 'text/plain;charset=UTF-8');
  return signSdkHmacDraft(draft, { ...rc.target.credentials.dcs, projectId: projectOf(rc) }, { date: new Date() });
}

/** A copy of a signed draft with headers edited (method, URL and body bytes as they were). */
export async function editHeaders(draft: RequestDraft, edit: (h: Headers) => void): Promise<RequestDraft> {
  const headers = new Headers(draft.headers);
  edit(headers);
  return { ...draft, headers };
}

/** The `result` of a 200 body, if any. */
export function resultOf(outcome: ChangePasswordOutcome): unknown {
  return outcome.kind === 'success' ? (outcome.body as Record<string, unknown> | undefined)?.[lockout.fields.result] : undefined;
}

/** A change that went through: 2xx with result success. */
export function succeeded(outcome: ChangePasswordOutcome): boolean {
  return outcome.kind === 'success' && resultOf(outcome) === lockout.results.success;
}

/** A client error (any 4xx; an SDK that surfaces no status counts as one). */
export function clientError(outcome: ChangePasswordOutcome): boolean {
  return outcome.kind === 'error' && (outcome.status === undefined || (outcome.status >= 400 && outcome.status < 500));
}

/** The parsed body a result carries: the wire body where there is one, else what the SDK handed back. */
export function bodyOf(result: OperationResult): unknown {
  if (result.exchange) {
    try {
      return result.exchange.response.body ? JSON.parse(result.exchange.response.body) : undefined;
    } catch {
      return undefined;
    }
  }
  const o = result.outcome;
  return o.kind === 'success' || o.kind === 'error' ? o.body : undefined;
}

/** The HTTP status of a result, where known. */
export function statusOf(result: OperationResult): number | undefined {
  const o = result.outcome;
  return result.exchange?.response.status ?? (o.kind === 'success' || o.kind === 'error' ? o.status : undefined);
}

/** Fails unless the stored password is still the instance's original one. */
export function expectUnchanged(rc: RuleContext, instance: DcsInstance): Promise<void> {
  return expectPassword(rc, 'dcs', instance, instance.password, 'the old password is kept');
}

/** With inspect: fails unless the failure count is `expected` (a rejected request must not count); without, records that it was not checked. */
export async function expectFailedAttempts(rc: RuleContext, instance: DcsInstance, expected: number): Promise<void> {
  if (!rc.target.capabilities.inspect) return rc.notChecked(`the failure count: target ${rc.target.name} cannot inspect state`);
  const seen = await rc.inspect('dcs', instance);
  rc.check(seen.failedAttempts === expected, `failedAttempts ${seen.failedAttempts}`, `failedAttempts ${expected} (the rejected request is not an attempt)`);
}

/** Resolves an RFC 6901 JSON pointer. */
export function atPointer(value: unknown, pointer: string): unknown {
  if (pointer === '') return value;
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((v, key) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined), value);
}

/** The readings of an ambiguity rule: each variant's name and the facts it implies. */
export function readingsOf(ruleId: string): Array<{ name: string; isDefault: boolean; facts: ConformanceFacts }> {
  const rule = facts.rules.find((r) => r.id === ruleId);
  if (!rule?.variants) throw new Error(`suite bug: ${ruleId} has no variants in the spec`);
  return rule.variants.map((v) => ({ name: v.name, isDefault: v.default === true, facts: (v.patch ? mergePatch(contract.baseFacts, v.patch) : contract.baseFacts) as ConformanceFacts }));
}
