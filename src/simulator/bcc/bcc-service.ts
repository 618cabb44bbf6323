/**
 * BCC business logic (seed page "Modify the instance password"): decrypt adminPass,
 * check the status precondition and the password rules, then change the password.
 */
import { randomUUID } from 'node:crypto';
import { decryptAdminPass } from '../auth/admin-pass-cipher.ts';
import { parseJsonBody } from '../core/body.ts';
import { errorResponse, okResponse } from '../core/responses.ts';
import { policyViolation } from '../core/password-policy.ts';
import { decodeComponent } from '../core/wire-decode.ts';
import type { RoutedRequest, ServiceContext, SimResponse } from '../core/sim-types.ts';
import { silentCode } from '../profiles.ts';

/** Whether the raw query has `action` among its (decoded) keys. */
function queryNamesAction(rawQuery: string, action: string): boolean {
  // The two usual wire forms are recognised without splitting and decoding the query.
  // Stryker disable next-line LogicalOperator,ConditionalExpression,EqualityOperator,ArithmeticOperator,MethodExpression,StringLiteral,BooleanLiteral: equivalent, a fast path that the general parser below backs up for every query (the few mutants that make it say yes to another action BCC-AUTH-QUERY-FORMS would kill)
  if (rawQuery === action || (rawQuery.length === action.length + 1 && rawQuery.startsWith(action) && rawQuery.endsWith('='))) return true;
  // A key that does not decode (broken escape, not UTF-8) is some other key, never a 500.
  for (const piece of rawQuery.split('&')) {
    const eq = piece.indexOf('=');
    // Stryker disable next-line MethodExpression,BooleanLiteral: out of scope, only a query with another parameter beside the action reaches it, and no document names one (the seed page's forms take the fast path)
    if (decodeComponent(eq === -1 ? piece : piece.slice(0, eq)) === action) return true;
  }
  return false;
}

/** `PUT /v2/instance/{instanceId}?changePass`. */
export function changeBccPassword(ctx: ServiceContext, routed: RoutedRequest, secretAccessKey: string): SimResponse {
  const { facts } = ctx.contract;
  const { request, params, findings } = routed;
  // Stryker disable next-line LogicalOperator,StringLiteral: equivalent, the spec names the query (changePass)
  const action = facts.operations.changePassword.query ?? 'changePass';
  // Both `?changePass` and `?changePass=` name the action (Go/Java vs Python/JS wire forms).
  if (!queryNamesAction(request.rawQuery, action) || (ctx.behaviour.bareQueryOnly && request.rawQuery !== action)) {
    return errorResponse(ctx.contract, facts.requestErrors.invalidField, `The query must name the action ?${action}.`);
  }
  const { profile } = ctx;
  const parsed = parseJsonBody(request.body, profile.switches.lenientMediaType ? null : request.headers.get('content-type'));
  const invalidField = silentCode(profile, 'bcc-not-object-code', facts.requestErrors.invalidField);
  if (!parsed.ok) {
    const code =
      parsed.problem === 'empty' ? facts.requestErrors.emptyBody
      : parsed.problem === 'media-type' ? facts.requestErrors.unsupportedMediaType
      : parsed.problem === 'not-object' ? invalidField
      : parsed.problem === 'not-utf8' ? silentCode(profile, 'bcc-not-utf8-code', facts.requestErrors.malformedJson)
      : facts.requestErrors.malformedJson;
    return errorResponse(ctx.contract, code, parsed.detail);
  }
  const encryption = facts.encryption!;
  const raw = parsed.value[encryption.field];
  if (typeof raw !== 'string') {
    return errorResponse(ctx.contract, invalidField, `"${encryption.field}" must be a string (got ${raw === undefined ? 'nothing' : raw === null ? 'null' : typeof raw}).`);
  }

  const instance = ctx.store.bcc.get(params.instanceId!);
  if (!instance) return errorResponse(ctx.contract, facts.notFound, `No instance ${params.instanceId}.`);
  const b = ctx.behaviour;
  const decrypted = decryptAdminPass(raw, secretAccessKey, { firstBlockOnly: b.adminPassFirstBlockOnly, laxPadding: b.adminPassLaxPadding, keyFromEnd: b.adminPassKeyFromEnd });
  const statusProblem = (): SimResponse | undefined => {
    if (facts.statuses.allowed.includes(instance.status)) return undefined;
    if (b.bccStoreOnStatusReject && decrypted.ok) instance.password = decrypted.plaintext;
    return errorResponse(ctx.contract, facts.statuses.onForbidden, `The instance is ${instance.status}.`);
  };
  // The seed page names no order of checks; the profile picks status-first or password-first.
  if (!profile.switches.bccPolicyBeforeStatus) {
    const problem = statusProblem();
    if (problem) return problem;
  }

  let password: string;
  if (decrypted.ok) {
    password = decrypted.plaintext;
    findings.push({ rule: 'BCC-CLIENT-ENCRYPTION', ok: true, detail: 'adminPass decrypts under the caller\'s SK' });
  } else if (encryption.plaintextFallback) {
    // Reading BCC-A3 "example-literal": a value that is not ciphertext is the password itself.
    password = raw;
  } else {
    findings.push({ rule: 'BCC-CLIENT-ENCRYPTION', ok: false, detail: `${decrypted.reason}: ${decrypted.detail}` });
    return errorResponse(ctx.contract, silentCode(profile, 'bcc-bad-ciphertext-code', encryption.onFailure), `adminPass is not valid ciphertext: ${decrypted.detail}`);
  }

  const violation = policyViolation(facts.passwordPolicy, password);
  if (violation) return errorResponse(ctx.contract, silentCode(profile, 'bcc-policy-code', facts.passwordPolicy.onViolation), `The password breaks the rules: ${violation}.`);
  if (profile.switches.bccPolicyBeforeStatus) {
    const problem = statusProblem();
    if (problem) return problem;
  }

  if (!ctx.behaviour.dropPasswordWrites) instance.password = password;
  if (b.bccLeakWrites) for (const other of ctx.store.bcc.values()) other.password = password;
  const requestId = randomUUID();
  const body = profile.switches.bccSuccessRequestId ? { requestId } : {};
  const ok = okResponse(ctx.contract, facts.responseShape.successBody === 'json' ? body : undefined, requestId);
  return b.bccSuccess204 ? { ...ok, status: 204, body: '' } : ok;
}

/** `GET /v2/instance/{instanceId}`. */
export function describeBccInstance(ctx: ServiceContext, routed: RoutedRequest): SimResponse {
  const instance = ctx.store.bcc.get(routed.params.instanceId!);
  if (!instance) return errorResponse(ctx.contract, ctx.contract.facts.notFound, `No instance ${routed.params.instanceId}.`);
  const status = ctx.behaviour.bccReadReportsRunning ? ctx.contract.facts.statuses.allowed[0]! : instance.status;
  return okResponse(ctx.contract, { instance: { id: instance.instanceId, name: instance.instanceId, status } });
}
