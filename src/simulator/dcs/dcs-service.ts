/**
 * DCS business logic (seed page "Changing the Password"; user manual for the status and
 * password-free rules): validate both passwords, check preconditions, run the lockout.
 */
import { parseJsonBody } from '../core/body.ts';
import { errorResponse, okResponse } from '../core/responses.ts';
import { lengthViolation, policyViolation } from '../core/password-policy.ts';
import type { RoutedRequest, ServiceContext, SimResponse } from '../core/sim-types.ts';
import { decideAttempt, minutesLeft, type AttemptOutcome } from './lockout.ts';

/** `PUT /v2/{project_id}/instances/{instance_id}/password`. */
export function changeDcsPassword(ctx: ServiceContext, routed: RoutedRequest): SimResponse {
  const { facts } = ctx.contract;
  const policy = facts.passwordPolicy;
  const lockout = facts.lockout!;
  const parsed = parseJsonBody(routed.request.body, routed.request.headers.get('content-type'));
  if (!parsed.ok) {
    const code = parsed.problem === 'empty' ? facts.requestErrors.emptyBody : parsed.problem === 'media-type' ? facts.requestErrors.unsupportedMediaType : parsed.problem === 'not-object' ? facts.requestErrors.invalidField : facts.requestErrors.malformedJson;
    return errorResponse(ctx.contract, code, parsed.detail);
  }
  const [newField, oldField] = policy.fields as [string, string];
  const newPassword = parsed.value[newField];
  const oldPassword = parsed.value[oldField];
  for (const [name, value] of [[newField, newPassword], [oldField, oldPassword]] as const) {
    if (typeof value !== 'string') {
      return errorResponse(ctx.contract, facts.requestErrors.invalidField, `"${name}" must be a string (got ${value === undefined ? 'nothing' : value === null ? 'null' : typeof value}).`);
    }
  }
  const next = newPassword as string;
  const old = oldPassword as string;

  // Request validation comes before any state is read or touched, so a malformed attempt
  // never counts towards the lockout.
  const violation = policyViolation(policy, next);
  if (violation) return errorResponse(ctx.contract, policy.onViolation, `new_password breaks the rules: ${violation}.`);
  const oldViolation = lengthViolation(policy, old);
  if (oldViolation) return errorResponse(ctx.contract, policy.onViolation, `old_password breaks the rules: ${oldViolation}.`);
  if (policy.mustDifferFromOld && next === old) {
    const same = policy.sameAsOld ?? { error: policy.onViolation };
    if (same.error) return errorResponse(ctx.contract, same.error, 'The new password must differ from the old one.');
    return okResponse(ctx.contract, resultBody(ctx, same.result!, 'The new password must differ from the old one.', { lockTime: 0, lockTimeLeft: 0, retriesLeft: lockout.threshold }));
  }

  const { project_id: projectId, instance_id: instanceId } = routed.params as { project_id: string; instance_id: string };
  const instance = ctx.store.getDcs(projectId, instanceId);
  if (!instance) return errorResponse(ctx.contract, facts.notFound, `No instance ${instanceId} in project ${projectId}.`);
  if (!facts.statuses.allowed.includes(instance.status)) {
    return errorResponse(ctx.contract, facts.statuses.onForbidden, `The instance is ${instance.status}.`);
  }
  if (instance.passwordFree && facts.statuses.passwordFree) {
    return errorResponse(ctx.contract, facts.statuses.passwordFree);
  }

  // Read, decide and write with no await in between: concurrent attempts cannot interleave.
  const { next: lockState, outcome } = decideAttempt(lockout, instance, ctx.clock.now().getTime(), old === instance.password);
  instance.failedAttempts = lockState.failedAttempts;
  instance.lockedUntil = lockState.lockedUntil;
  if (outcome.kind === 'success' && !ctx.behaviour.dropPasswordWrites) instance.password = next;
  if (outcome.kind === 'wrong-password' && lockout.wrongPasswordError) {
    // Reading DCS-A2 "error-4080": the wrong password is an error response, still counted.
    return errorResponse(ctx.contract, lockout.wrongPasswordError, `${outcome.retriesLeft} attempt(s) left.`);
  }
  return okResponse(ctx.contract, outcomeBody(ctx, outcome));
}

function outcomeBody(ctx: ServiceContext, outcome: AttemptOutcome): Record<string, unknown> {
  const lockout = ctx.contract.facts.lockout!;
  const lockMinutes = Math.round(lockout.durationSeconds / 60);
  switch (outcome.kind) {
    case 'success':
      return resultBody(ctx, lockout.results.success, 'Modify DCSInstance password success.', { lockTime: 0, lockTimeLeft: 0, retriesLeft: lockout.threshold });
    case 'wrong-password':
      return resultBody(ctx, lockout.results.wrongPassword, 'verify password failed.', {
        lockTime: outcome.lockedNow ? lockMinutes : 0,
        lockTimeLeft: outcome.lockedNow ? lockMinutes : 0,
        retriesLeft: outcome.retriesLeft,
      });
    case 'locked':
      return resultBody(ctx, lockout.results.locked, 'The account is locked; try again later.', { lockTime: lockMinutes, lockTimeLeft: minutesLeft(outcome.msLeft), retriesLeft: 0 });
  }
}

const numberField = (v: number, asString: boolean): string | number => (asString ? String(v) : v);

/** A 200 body; numbers are strings unless a planted fault says otherwise (DCS-RESP-STRINGS). */
function resultBody(ctx: ServiceContext, result: string, message: string, n: { lockTime: number; lockTimeLeft: number; retriesLeft: number }): Record<string, unknown> {
  const { fields } = ctx.contract.facts.lockout!;
  const asStrings = ctx.contract.facts.responseShape.numbersAsStrings;
  return {
    [fields.lockTime]: numberField(n.lockTime, asStrings),
    [fields.result]: result,
    [fields.lockTimeLeft]: numberField(n.lockTimeLeft, asStrings),
    [fields.retriesLeft]: numberField(n.retriesLeft, asStrings),
    [fields.message]: message,
  };
}

/** `GET /v2/{project_id}/instances/{instance_id}`. */
export function showDcsInstance(ctx: ServiceContext, routed: RoutedRequest): SimResponse {
  const { project_id: projectId, instance_id: instanceId } = routed.params as { project_id: string; instance_id: string };
  const instance = ctx.store.getDcs(projectId, instanceId);
  if (!instance) return errorResponse(ctx.contract, ctx.contract.facts.notFound, `No instance ${instanceId} in project ${projectId}.`);
  return okResponse(ctx.contract, { instance_id: instanceId, name: instanceId, engine: 'Redis', status: instance.status, no_password_access: String(instance.passwordFree) });
}
