/**
 * Every response a suite sees is checked against the spec (status documented, content type,
 * body schema, required headers, DCS numbers as strings). Problems become findings of the
 * response rules, whichever check saw the response.
 */
import type { Contract } from '../../src/contract/contract.ts';
import { validateResponse } from '../../src/contract/response-validator.ts';
import { pathPattern } from '../../src/contract/operation-path.ts';
import type { Exchange } from '../../src/targets/target.ts';

/** A verdict on one rule made while checking another. */
export interface Finding {
  rule: string;
  ok: boolean;
  detail: string;
}

/** A path template's pattern (the contract's `pathPattern`), compiled once per template (issue 17, round 4: once per answer before). */
const templatePatterns = new Map<string, RegExp>();

function templatePattern(template: string): RegExp {
  let pattern = templatePatterns.get(template);
  if (!pattern) templatePatterns.set(template, (pattern = pathPattern(template)));
  return pattern;
}

/** The operation an exchange belongs to, from its method and path. */
function operationOf(contract: Contract, ex: Exchange, path: string): string | undefined {
  const { changePassword, readInstance } = contract.facts.operations;
  const matches = (template: string) => templatePattern(template).test(path);
  if (ex.request.method === changePassword.method && matches(changePassword.path)) return changePassword.operationId;
  if (ex.request.method === readInstance.method && matches(readInstance.path)) return readInstance.operationId;
  return undefined;
}

/** True when some reading of an ambiguity allows a 200 with no body (BCC-A4 empty-body). */
function emptySuccessAllowed(contract: Contract): boolean {
  return contract.facts.rules.some((r) => r.variants?.some((v) => (v.patch as { responseShape?: { successBody?: string } } | undefined)?.responseShape?.successBody === 'empty'));
}

/** Checks one response; returns only the failed findings (passing ones are implied by the rule's own check). */
export function checkResponse(contract: Contract, ex: Exchange): Finding[] {
  const path = new URL(ex.request.url).pathname;
  const operationId = operationOf(contract, ex, path);
  if (!operationId) return [];
  const S = contract.service.toUpperCase();
  const failures: Finding[] = [];
  const where = `${ex.request.method} ${path} → ${ex.response.status}`;
  const disputedEmpty = ex.response.status < 300 && ex.response.body === '' && emptySuccessAllowed(contract);
  for (const p of validateResponse(contract, operationId, { status: ex.response.status, headers: ex.response.headers, body: ex.response.body })) {
    // An empty success body is left to the ambiguity that disputes it.
    if (disputedEmpty && p.aspect === 'body') continue;
    const rule = p.aspect === 'header' ? `${S}-RESP-REQUEST-ID` : `${S}-RESP-SCHEMA`;
    failures.push({ rule, ok: false, detail: `${where}: ${p.message}` });
  }
  const status = ex.response.status;
  let body: unknown;
  try {
    body = ex.response.body ? JSON.parse(ex.response.body) : undefined;
  } catch {
    body = undefined;
  }
  if (status >= 400) {
    const fields = contract.facts.responseShape.errorBodyFields.filter((f) => f !== 'error_ext_msg');
    const missing = fields.filter((f) => typeof (body as Record<string, unknown> | undefined)?.[f] !== 'string');
    if (missing.length > 0) failures.push({ rule: `${S}-RESP-ERROR-BODY`, ok: false, detail: `${where}: error body lacks string ${missing.join(', ')}` });
  }
  if (status >= 500) failures.push({ rule: `${S}-NO-5XX`, ok: false, detail: `${where}: a 5xx answered a request the suite made` });
  if (contract.facts.responseShape.numbersAsStrings && status === 200 && typeof body === 'object' && body !== null) {
    const numeric = Object.entries(body).filter(([, v]) => typeof v === 'number').map(([k]) => k);
    if (numeric.length > 0) failures.push({ rule: `${S}-RESP-STRINGS`, ok: false, detail: `${where}: ${numeric.join(', ')} sent as JSON numbers` });
  }
  return failures;
}
