/**
 * DCS business logic (seed page "Changing the Password"; user manual for the status and
 * password-free rules): validate both passwords, check preconditions, run the lockout.
 */
import { parseJsonBody } from '../core/body.ts';
import { errorResponse, okResponse } from '../core/responses.ts';
import { policyBreach, type PolicyBreach } from '../core/password-policy.ts';
import { silentCode } from '../profiles.ts';
import type { RoutedRequest, ServiceContext, SimResponse } from '../core/sim-types.ts';
import { decideAttempt, minutesLeft, settle, type AttemptOutcome } from './lockout.ts';

/** `PUT /v2/{project_id}/instances/{instance_id}/password`. */
export function changeDcsPassword(ctx: ServiceContext, routed: RoutedRequest): SimResponse {
  const { facts } = ctx.contract;
  const { switches } = ctx.profile;
  const policy = facts.passwordPolicy;
  const lockout = facts.lockout!;
  const b = ctx.behaviour;
  const { project_id: projectId, instance_id: instanceId } = routed.params as { project_id: string; instance_id: string };
  const parsed = parseJsonBody(routed.request.body, switches.lenientMediaType ? null : routed.request.headers.get('content-type'));
  if (!parsed.ok) {
    // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: out of scope, which code an unsupported media type or a body that is not an object gets no document says (any 4xx); a line disable, it also hides the few mutants here that would move DCS.4004 or DCS.4005
    const code = parsed.problem === 'empty' ? facts.requestErrors.emptyBody : parsed.problem === 'media-type' ? facts.requestErrors.unsupportedMediaType : parsed.problem === 'not-object' ? facts.requestErrors.invalidField : facts.requestErrors.malformedJson;
    if (b.badBodyResetsCount) resetCount(ctx, projectId, instanceId);
    return errorResponse(ctx.contract, code, parsed.detail);
  }
  const [newField, oldField] = policy.fields as [string, string];
  // Planted fault: a loose server that turns any JSON value into text (objects as their JSON).
  const coerce = (v: unknown): unknown => (b.dcsCoerceFieldTypes && v !== undefined && v !== null ? (typeof v === 'object' ? JSON.stringify(v) : String(v)) : v);
  const newPassword = coerce(parsed.value[newField]);
  const oldPassword = coerce(parsed.value[oldField]);
  for (const [name, value] of [[newField, newPassword], [oldField, oldPassword]] as const) {
    if (typeof value !== 'string') {
      if (b.badBodyResetsCount) resetCount(ctx, projectId, instanceId);
      return errorResponse(ctx.contract, facts.requestErrors.invalidField, `"${name}" must be a string (got ${value === undefined ? 'nothing' : value === null ? 'null' : typeof value}).`);
    }
  }
  const next = newPassword as string;
  const old = oldPassword as string;
  const refused = (response: SimResponse): SimResponse => {
    // A profile choice where the documents are silent: a refused change with the right old password restarts the count (outside a lock).
    if (switches.dcsRejectedNewResetsCount) {
      const instance = ctx.store.getDcs(projectId, instanceId);
      if (instance && instance.password === old && settle(instance, ctx.clock.now().getTime()).lockedUntil === null) instance.failedAttempts = 0;
    }
    return response;
  };
  const newPasswordProblem = (): SimResponse | undefined => {
    const breach = policyBreach(policy, next);
    if (breach) {
      if (b.policyRejectionCounts) countWrongAttempt(ctx, projectId, instanceId);
      return refused(errorResponse(ctx.contract, breachCode(ctx, breach), `${newField} breaks the rules: ${breach.detail}.`));
    }
    if (policy.mustDifferFromOld && next === old) {
      // Stryker disable next-line LogicalOperator,ObjectLiteral: equivalent, the spec declares sameAsOld, with the policy's own code
      const same = policy.sameAsOld ?? { error: policy.onViolation };
      // Stryker disable next-line ConditionalExpression: equivalent under the default reading (DCS-A3 error-4019: the spec's sameAsOld always has an error)
      if (same.error) return refused(errorResponse(ctx.contract, silentCode(ctx.profile, 'dcs-same-as-old-code', same.error), 'The new password must differ from the old one.'));
      // Stryker disable next-line ObjectLiteral: not in force, DCS-A3's result-failed reading (its check reports which reading a target follows)
      return okResponse(ctx.contract, resultBody(ctx, same.result!, 'The new password must differ from the old one.', { lockTime: idleLockTime(ctx), lockTimeLeft: 0, retriesLeft: lockout.threshold }));
    }
    return undefined;
  };

  // Request validation comes before any state is read or touched, so a malformed attempt
  // never counts towards the lockout. The order of the other checks is not documented: the
  // default profile validates the new password first, the alternate one the instance first.
  if (!switches.dcsOldBeforeNewPolicy) {
    const problem = newPasswordProblem();
    if (problem) return problem;
  }
  const oldBreach = policyBreach({ ...policy, classes: [], minClasses: 0 }, old);
  // Planted fault dcsOldRangeSkipsCheck: an old_password out of range is taken as "not given" and not verified.
  // Stryker disable next-line ConditionalExpression,OptionalChaining,StringLiteral: out of scope, an old password out of range is then counted as a wrong attempt; DCS-PWD-OLD-RULES asks only that it never changes the password (it can never be the right one), and no document orders refusal over counting
  if (oldBreach?.kind === 'length' && !b.dcsOldRangeSkipsCheck) return errorResponse(ctx.contract, breachCode(ctx, oldBreach), `${oldField} breaks the rules: ${oldBreach.detail}.`);

  const instance = ctx.store.getDcs(projectId, instanceId);
  if (!instance) return notFound(ctx, projectId, instanceId);
  // Stryker disable next-line BlockStatement,ConditionalExpression: equivalent for the documents, that is DCS-A5's any-status reading (the API page states no status rule; DCS-A5 reports which reading a target follows)
  if (!facts.statuses.allowed.includes(instance.status)) {
    if (b.dcsStoreOnStatusReject) instance.password = next;
    return errorResponse(ctx.contract, silentCode(ctx.profile, 'dcs-status-code', facts.statuses.onForbidden), `The instance is ${instance.status}.`);
  }
  if (instance.passwordFree && facts.statuses.passwordFree) {
    return errorResponse(ctx.contract, facts.statuses.passwordFree);
  }

  // Read, decide and write with no await in between: concurrent attempts cannot interleave.
  const nowMs = ctx.clock.now().getTime();
  // Stryker disable next-line ConditionalExpression,LogicalOperator,OptionalChaining,StringLiteral: equivalent, a length breach of the old password is refused above unless the planted fault dcsOldRangeSkipsCheck is on, so without it this is always false
  const takenAsNotGiven = b.dcsOldRangeSkipsCheck && oldBreach?.kind === 'length';
  const correct = takenAsNotGiven || (b.oldPasswordCaseInsensitive ? old.toLowerCase() === instance.password.toLowerCase() : old === instance.password);
  const options = { extendOnWrong: switches.dcsWrongDuringLockExtends, keepCountAfterLock: b.counterSurvivesLock, lockStacksOnWrong: b.lockStacksOnWrong };
  if (switches.dcsOldBeforeNewPolicy && correct && settle(instance, nowMs).lockedUntil === null) {
    // The right old password: only now is the new one validated (a rejection counts nothing).
    const problem = newPasswordProblem();
    if (problem) return problem;
  }
  if (b.countForgottenAfterSeconds) forgetIdleCount(instance, nowMs, b.countForgottenAfterSeconds);
  const { next: lockState, outcome } = decideAttempt(lockout, instance, nowMs, correct, options);
  instance.failedAttempts = lockState.failedAttempts;
  instance.lockedUntil = lockState.lockedUntil;
  if (b.countForgottenAfterSeconds && outcome.kind === 'wrong-password') lastWrongAt.set(instance, nowMs);
  if (outcome.kind === 'success' && !b.dropPasswordWrites) instance.password = next;
  if (outcome.kind === 'success' && b.dcsLeakWrites) {
    for (const other of ctx.store.dcsInProject(projectId)) other.password = next;
  }
  if (outcome.kind === 'wrong-password' && lockout.wrongPasswordError) {
    // Reading DCS-A2 "error-4080": the wrong password is an error response, still counted.
    return errorResponse(ctx.contract, lockout.wrongPasswordError, `${outcome.retriesLeft} attempt(s) left.`);
  }
  return okResponse(ctx.contract, outcomeBody(ctx, outcome));
}

/** Planted fault: a rejected request counted as a wrong attempt on the addressed instance. */
function countWrongAttempt(ctx: ServiceContext, projectId: string, instanceId: string): void {
  const instance = ctx.store.getDcs(projectId, instanceId);
  if (!instance) return;
  const { next } = decideAttempt(ctx.contract.facts.lockout!, instance, ctx.clock.now().getTime(), false);
  instance.failedAttempts = next.failedAttempts;
  instance.lockedUntil = next.lockedUntil;
}

/** Planted fault: a rejected request resets the failure count of the addressed instance. */
function resetCount(ctx: ServiceContext, projectId: string, instanceId: string): void {
  const instance = ctx.store.getDcs(projectId, instanceId);
  if (instance && instance.lockedUntil === null) instance.failedAttempts = 0;
}

/** When each instance last had a wrong attempt counted, kept only under the planted fault below. */
const lastWrongAt = new WeakMap<object, number>();

/** Planted fault: a failure count left alone for a while is forgotten (a window no document gives). */
function forgetIdleCount(instance: { failedAttempts: number; lockedUntil: number | null }, nowMs: number, seconds: number): void {
  const last = lastWrongAt.get(instance);
  if (instance.lockedUntil === null && last !== undefined && nowMs - last >= seconds * 1000) instance.failedAttempts = 0;
}

/** The code for a broken password rule: DCS.4019 is documented for complexity only. */
function breachCode(ctx: ServiceContext, breach: PolicyBreach): string {
  const fallback = ctx.contract.facts.passwordPolicy.onViolation;
  // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: equivalent under the default profile, where both branches give the spec's DCS.4019 (the alternate profile picks another code for length and charset)
  return breach.kind === 'classes' ? fallback : silentCode(ctx.profile, 'dcs-length-charset-code', fallback);
}

/** Ids the alternate profile treats as well-formed; others are rejected before the lookup. */
const INSTANCE_ID_FORMAT = /^[A-Za-z0-9-]+$/;

/** An unknown instance: 404 DCS.3022, or 400 for an id not in the id format where the profile checks it. */
function notFound(ctx: ServiceContext, projectId: string, instanceId: string): SimResponse {
  // Stryker disable next-line StringLiteral: equivalent under the default profile, which has no id-format code
  const formatCode = ctx.profile.codes['dcs-id-format'];
  if (formatCode && !INSTANCE_ID_FORMAT.test(instanceId)) return errorResponse(ctx.contract, formatCode.code, `"${instanceId}" is not an instance id.`);
  return errorResponse(ctx.contract, ctx.contract.facts.notFound, `No instance ${instanceId} in project ${projectId}.`);
}

/** `lock_time` when no lock is in force: "0", or the lock duration under the alternate profile. */
function idleLockTime(ctx: ServiceContext): number {
  return ctx.profile.switches.dcsLockTimeIsDuration ? Math.round(ctx.contract.facts.lockout!.durationSeconds / 60) : 0;
}

function outcomeBody(ctx: ServiceContext, outcome: AttemptOutcome): Record<string, unknown> {
  const lockout = ctx.contract.facts.lockout!;
  const inSeconds = ctx.behaviour.lockTimeInSeconds;
  const lockMinutes = inSeconds ? lockout.durationSeconds : Math.round(lockout.durationSeconds / 60);
  const retries = (n: number): number => (ctx.behaviour.retriesStuck ? lockout.threshold : ctx.behaviour.retriesOffByOne ? n + 1 : n);
  switch (outcome.kind) {
    case 'success':
      return resultBody(ctx, lockout.results.success, ctx.profile.switches.dcsSuccessMessage ? 'Modify DCSInstance password success.' : undefined, { lockTime: idleLockTime(ctx), lockTimeLeft: 0, retriesLeft: lockout.threshold });
    case 'wrong-password':
      return resultBody(ctx, lockout.results.wrongPassword, 'verify password failed.', {
        lockTime: outcome.lockedNow ? lockMinutes : idleLockTime(ctx),
        lockTimeLeft: outcome.lockedNow ? lockMinutes : 0,
        retriesLeft: retries(outcome.retriesLeft),
      });
    case 'locked':
      // Stryker disable next-line StringLiteral: equivalent, minutesLeft rounds up for anything but 'floor'
      return resultBody(ctx, lockout.results.locked, 'The account is locked; try again later.', { lockTime: lockMinutes, lockTimeLeft: inSeconds ? Math.ceil(outcome.msLeft / 1000) : minutesLeft(outcome.msLeft, ctx.profile.switches.dcsLockLeftFloor ? 'floor' : 'ceil'), retriesLeft: 0 });
  }
}

const numberField = (v: number, asString: boolean): string | number => (asString ? String(v) : v);

/** A 200 body; numbers are strings unless a planted fault says otherwise (DCS-RESP-STRINGS). */
function resultBody(ctx: ServiceContext, result: string, message: string | undefined, n: { lockTime: number; lockTimeLeft: number; retriesLeft: number }): Record<string, unknown> {
  const { fields } = ctx.contract.facts.lockout!;
  const asStrings = ctx.contract.facts.responseShape.numbersAsStrings;
  const body: Record<string, unknown> = {
    [fields.lockTime]: numberField(n.lockTime, asStrings),
    [fields.result]: result,
    [fields.lockTimeLeft]: numberField(n.lockTimeLeft, asStrings),
    [fields.retriesLeft]: numberField(n.retriesLeft, asStrings),
  };
  if (message !== undefined) body[fields.message] = message;
  return body;
}

/** `GET /v2/{project_id}/instances/{instance_id}`. */
export function showDcsInstance(ctx: ServiceContext, routed: RoutedRequest): SimResponse {
  const { project_id: projectId, instance_id: instanceId } = routed.params as { project_id: string; instance_id: string };
  const instance = ctx.store.getDcs(projectId, instanceId);
  if (!instance) return notFound(ctx, projectId, instanceId);
  const status = ctx.behaviour.dcsReadReportsRunning ? ctx.contract.facts.statuses.allowed[0]! : instance.status;
  // Stryker disable next-line StringLiteral: out of scope, DCS-READ-INSTANCE relies on the status only (the read API is beyond the seed page)
  return okResponse(ctx.contract, { instance_id: instanceId, name: instanceId, engine: 'Redis', status, no_password_access: String(instance.passwordFree) });
}
