/**
 * The kit's representative cases, as data, for the Pact export: one valid change, one per
 * class of invalid password, the forbidden statuses, an unknown instance and (DCS) the lockout
 * step by step. Every fact — codes, statuses, lengths, alphabets, threshold — comes from the
 * loaded spec; nothing here is retyped from the vendor documents.
 */
import type { Contract, PasswordPolicy } from '../contract/contract.ts';
import { DEFAULT_CREDENTIALS } from '../auth/default-credentials.ts';
import { cycledPassword } from '../contract/cycled-password.ts';
import { loadSpec } from '../contract/load-spec.ts';
import { builtinSpecPath, type BuiltinService } from '../contract/spec-paths.ts';

/** Consumer name of exported pacts unless `--consumer` says otherwise. */
export const DEFAULT_CONSUMER = 'pwchange-conformance';

/**
 * Credentials the examples in a pact are signed and encrypted with: the simulator's documented
 * test-only keys. In particular every `adminPass` example is ciphertext under
 * `PACT_CREDENTIALS.bcc.secretAccessKey`, which is how `pact verify` recovers the plaintext.
 */
export const PACT_CREDENTIALS = DEFAULT_CREDENTIALS;

/** Pact provider name of each service (what a Broker and `can-i-deploy` know it by). */
export const PROVIDER_NAMES: Readonly<Record<BuiltinService, string>> = Object.freeze({ bcc: 'baidu-bcc', dcs: 'huawei-dcs' });

/** A provider state as the state-setup protocol names it (README, "State-setup protocol"). */
export interface StateRef {
  name: string;
  params: Record<string, string | number | boolean>;
}

/** What the provider must answer: a 200 (BCC), a 200 with a `result` (DCS), or an error code. */
export type Expected =
  | { kind: 'ok' }
  | { kind: 'result'; result: string; retriesLeft: number }
  | { kind: 'error'; code: string; status: number; documented: boolean };

interface CaseBase {
  /** The interaction's description: unique per provider, names the case in mismatch output. */
  description: string;
  /** The rule ids the case exercises (recorded as a comment in the pact). */
  rules: string[];
  states: StateRef[];
  instanceId: string;
  expected: Expected;
}

/** One BCC interaction; `password` is the plaintext the request encrypts. */
export interface BccCase extends CaseBase { service: 'bcc'; password: string }
/** One DCS interaction. */
export interface DcsCase extends CaseBase { service: 'dcs'; projectId: string; oldPassword: string; newPassword: string }
/** Any case. */
export type PactCase = BccCase | DcsCase;

/** State name of the lockout replay, implemented by `conformance pact verify` (see state-forwarding.ts). */
export const FAILED_ATTEMPTS_STATE = 'dcs failed attempts';

/** Fixed ids: teardown resets the provider between interactions, so reusing them is safe. */
export const PACT_IDS = Object.freeze({ bccInstance: 'i-pact0001', dcsProject: 'pactproject0001', dcsInstance: 'pact-instance-0001', unknownInstance: 'pact-unknown-instance' });

/** A valid password: every class, two characters above the minimum length (within the maximum). */
export function validPassword(policy: PasswordPolicy, offset = 0): string {
  return cycledPassword(policy.classes, Math.min(policy.minLength + 2, policy.maxLength), offset);
}

/** The first printable ASCII character outside every alphabet of the policy. */
export function forbiddenCharacter(policy: PasswordPolicy): string {
  const allowed = new Set(policy.classes.flatMap((c) => [...c.alphabet]));
  for (let code = 33; code < 127; code++) if (!allowed.has(String.fromCharCode(code))) return String.fromCharCode(code);
  throw new Error(`the ${policy.fields.join('/')} policy allows every printable ASCII character; no forbidden-character case`);
}

/** What an invalid password breaks: the length, the class count, or the alphabet. */
type Breaks = 'length' | 'classes' | 'charset';

/** The invalid-password classes, each with its password (valid in every other respect). */
function invalidPasswords(policy: PasswordPolicy): Array<{ what: string; breaks: Breaks; password: string }> {
  const kept = policy.classes.slice(0, policy.minClasses - 1);
  const missing = policy.classes.slice(policy.minClasses - 1).map((c) => c.name);
  const bad = forbiddenCharacter(policy);
  const valid = validPassword(policy);
  return [
    { what: `too short (${policy.minLength - 1} characters)`, breaks: 'length' as const, password: cycledPassword(policy.classes, policy.minLength - 1) },
    { what: `too long (${policy.maxLength + 1} characters)`, breaks: 'length' as const, password: cycledPassword(policy.classes, policy.maxLength + 1) },
    // With a one-class minimum no password misses a class.
    ...(kept.length > 0 ? [{ what: `missing a character class (only ${kept.map((c) => c.name).join(' and ')}, no ${missing.join(' or ')})`, breaks: 'classes' as const, password: cycledPassword(kept, valid.length) }] : []),
    // The forbidden character replaces the last one, so the length stays valid.
    { what: `with a forbidden character ${JSON.stringify(bad)}`, breaks: 'charset' as const, password: valid.slice(0, -1) + bad },
  ];
}

function errorOf(contract: Contract, code: string): Expected {
  const known = contract.facts.errors[code];
  if (!known) throw new Error(`${contract.file}: error code ${code} is not declared`);
  return { kind: 'error', code, status: known.status, documented: known.documented };
}

/** The given rule ids that the spec declares: a rule renamed in the spec drops out instead of being cited wrongly. */
function rulesOf(contract: Contract, ...ids: string[]): string[] {
  const known = new Set(contract.facts.rules.map((r) => r.id));
  return ids.filter((id) => known.has(id));
}

/** The BCC cases, from the BCC spec. */
export function bccCases(contract: Contract): BccCase[] {
  const { facts } = contract;
  const policy = facts.passwordPolicy;
  const instanceId = PACT_IDS.bccInstance;
  const instance = (status: string): StateRef => ({ name: 'bcc instance', params: { instanceId, status } });
  const running = facts.statuses.allowed[0]!;
  const valid = validPassword(policy);
  const cases: BccCase[] = [
    { service: 'bcc', description: `a valid password change on an instance in status ${running}`, rules: rulesOf(contract, 'BCC-PWD-ACCEPT-VALID', 'BCC-RESP-SUCCESS'), states: [instance(running)], instanceId, password: valid, expected: { kind: 'ok' } },
  ];
  const bccRule: Record<Breaks, string> = { length: 'BCC-PWD-LENGTH', classes: 'BCC-PWD-CLASSES', charset: 'BCC-PWD-SYMBOLS' };
  for (const { what, breaks, password } of invalidPasswords(policy)) {
    cases.push({ service: 'bcc', description: `a new password ${what}`, rules: rulesOf(contract, bccRule[breaks]), states: [instance(running)], instanceId, password, expected: errorOf(contract, policy.onViolation) });
  }
  for (const status of contract.allStatuses.filter((s) => !facts.statuses.allowed.includes(s))) {
    cases.push({ service: 'bcc', description: `a valid password change on an instance in status ${status}`, rules: rulesOf(contract, 'BCC-STATUS-409'), states: [instance(status)], instanceId, password: valid, expected: errorOf(contract, facts.statuses.onForbidden) });
  }
  cases.push({ service: 'bcc', description: 'a password change on an unknown instance', rules: rulesOf(contract, 'BCC-NOT-FOUND'), states: [{ name: 'reset', params: {} }], instanceId: PACT_IDS.unknownInstance, password: valid, expected: errorOf(contract, facts.notFound) });
  return cases;
}

/** The DCS cases, from the DCS spec, including the lockout sequence step by step. */
export function dcsCases(contract: Contract): DcsCase[] {
  const { facts } = contract;
  const policy = facts.passwordPolicy;
  const lockout = facts.lockout;
  if (!lockout) throw new Error(`${contract.file}: the DCS spec has no lockout facts`);
  const projectId = PACT_IDS.dcsProject;
  const instanceId = PACT_IDS.dcsInstance;
  const [oldPassword, newPassword, wrongPassword] = [validPassword(policy, 0), validPassword(policy, 1), validPassword(policy, 2)];
  const running = facts.statuses.allowed[0]!;
  const instance = (status: string, extra: Record<string, boolean> = {}): StateRef => ({ name: 'dcs instance', params: { projectId, instanceId, status, password: oldPassword, ...extra } });
  const base = { service: 'dcs' as const, projectId, instanceId };
  const same = policy.sameAsOld ?? { error: policy.onViolation };
  const cases: DcsCase[] = [
    { ...base, description: `a valid password change on an instance in status ${running}`, rules: rulesOf(contract, 'DCS-PWD-ACCEPT-VALID'), states: [instance(running)], oldPassword, newPassword, expected: { kind: 'result', result: lockout.results.success, retriesLeft: lockout.threshold } },
  ];
  const dcsRule: Record<Breaks, string> = { length: 'DCS-PWD-LENGTH', classes: 'DCS-PWD-CLASSES', charset: 'DCS-PWD-CHARSET' };
  for (const { what, breaks, password } of invalidPasswords(policy)) {
    cases.push({ ...base, description: `a new password ${what}`, rules: rulesOf(contract, dcsRule[breaks]), states: [instance(running)], oldPassword, newPassword: password, expected: errorOf(contract, policy.onViolation) });
  }
  cases.push({ ...base, description: 'a new password equal to the old one', rules: rulesOf(contract, 'DCS-PWD-NEW-DIFFERS'), states: [instance(running)], oldPassword, newPassword: oldPassword, expected: same.error ? errorOf(contract, same.error) : { kind: 'result', result: same.result!, retriesLeft: lockout.threshold } });
  const forbidden = contract.allStatuses.find((s) => !facts.statuses.allowed.includes(s));
  if (forbidden) cases.push({ ...base, description: `a valid password change on an instance in status ${forbidden}`, rules: rulesOf(contract, 'DCS-STATUS-4049'), states: [instance(forbidden)], oldPassword, newPassword, expected: errorOf(contract, facts.statuses.onForbidden) });
  if (facts.statuses.passwordFree) cases.push({ ...base, description: `a valid password change on an instance in status ${running} with password-free access`, rules: rulesOf(contract, 'DCS-PASSWORD-FREE-4850'), states: [instance(running, { passwordFree: true })], oldPassword, newPassword, expected: errorOf(contract, facts.statuses.passwordFree) });
  cases.push({ ...base, instanceId: PACT_IDS.unknownInstance, description: 'a password change on an unknown instance', rules: rulesOf(contract, 'DCS-NOT-FOUND-3022'), states: [{ name: 'reset', params: {} }], oldPassword, newPassword, expected: errorOf(contract, facts.notFound) });

  // The lockout, one interaction per attempt: each one's states replay the failures before it.
  const failedBefore = (count: number): StateRef[] => [instance(running), ...(count > 0 ? [{ name: FAILED_ATTEMPTS_STATE, params: { projectId, instanceId, count } }] : [])];
  for (let attempt = 1; attempt <= lockout.threshold; attempt++) {
    const last = attempt === lockout.threshold;
    const expected: Expected = lockout.wrongPasswordError ? errorOf(contract, lockout.wrongPasswordError)
      : last && lockout.fifthAttemptResult === 'locked' ? { kind: 'result', result: lockout.results.locked, retriesLeft: 0 }
      : { kind: 'result', result: lockout.results.wrongPassword, retriesLeft: lockout.threshold - attempt };
    cases.push({ ...base, description: `lockout: wrong old password, attempt ${attempt} of ${lockout.threshold}`, rules: rulesOf(contract, 'DCS-LOCK-WRONG-OLD', 'DCS-LOCK-THRESHOLD'), states: failedBefore(attempt - 1), oldPassword: wrongPassword, newPassword, expected });
  }
  cases.push({ ...base, description: `lockout: after ${lockout.threshold} wrong attempts even the right old password answers locked`, rules: rulesOf(contract, 'DCS-LOCK-BLOCKS', 'DCS-LOCK-THRESHOLD'), states: failedBefore(lockout.threshold), oldPassword, newPassword, expected: { kind: 'result', result: lockout.results.locked, retriesLeft: 0 } });
  return cases;
}

/** The spec of a shipped service (default readings) and its representative cases. */
export function serviceCases(service: BuiltinService): { contract: Contract; cases: PactCase[] } {
  const contract = loadSpec(builtinSpecPath(service));
  return { contract, cases: service === 'bcc' ? bccCases(contract) : dcsCases(contract) };
}
